#!/usr/bin/env python3
"""(Re)create the demo media files in content/media/.

Deterministic: every run writes the same bytes (given the same ImageMagick
and zlib builds). Uses only the Python 3 standard library plus ImageMagick,
called by its full path /usr/bin/convert.

    python3 scripts/make-demo-media.py            # writes <repo>/content/media/
    python3 scripts/make-demo-media.py --out DIR  # writes somewhere else

Produces:
  * JPEG "photos" (abstract gradients/plasma, shapes and a short label), 1600x1000, q82
  * social-card.jpg (1200x630)
  * mpg-logo.png (400x120, alpha), favicon.png (64x64), three partner logos
  * sirius-final-conference-report.pdf, a 4-page PDF written by hand below
  * a .yml sidecar (alt, caption, credit) for every file
"""

import argparse
import os
import random
import subprocess
import sys
import time

CONVERT = "/usr/bin/convert"
FONT = "DejaVu-Sans"
FONT_BOLD = "DejaVu-Sans-Bold"
ACCENT = "#0b6e4f"
CREDIT = "Migration Policy Group"

# name, size, (gradient from, gradient to), (plasma from, plasma to), seed, label, sidecar
PHOTOS = [
    ("brussels-conference.jpg", (1600, 1000), ("#0b3d5c", "#0b6e4f"), ("#1f8a70", "#f2c14e"), 11,
     "SIRIUS Final Conference",
     {"alt": "Abstract teal and gold banner reading SIRIUS Final Conference",
      "caption": "The SIRIUS final conference brought policy makers, researchers and school practitioners together in Brussels.",
      "credit": CREDIT}),
    ("mipex-launch.jpg", (1600, 1000), ("#1b1f4b", "#3a4fa3"), ("#5c7cfa", "#ff8c42"), 23,
     "MIPEX 2015",
     {"alt": "Deep blue banner with orange highlights reading MIPEX 2015",
      "caption": "MIPEX 2015 compares integration policies in 38 countries across eight policy areas.",
      "credit": CREDIT}),
    ("biennial-report.jpg", (1600, 1000), ("#0b6e4f", "#073b2b"), ("#3ddc97", "#f5f3bb"), 37,
     "20 years of MPG",
     {"alt": "Green banner with soft light shapes reading 20 years of MPG",
      "caption": "Our Biennial Report 2013-2014 marks twenty years of the Migration Policy Group.",
      "credit": CREDIT}),
    ("local-entrepreneurship.jpg", (1600, 1000), ("#7a2e0e", "#d9822b"), ("#f4d35e", "#ee964b"), 41,
     "Migrant entrepreneurship",
     {"alt": "Warm orange banner reading Migrant entrepreneurship",
      "caption": "Local governments can do much to unlock the economic potential of diversity.",
      "credit": CREDIT}),
    ("equality-data.jpg", (1600, 1000), ("#2d1e4f", "#5b3a8c"), ("#9d4edd", "#48cae4"), 53,
     "Equality data",
     {"alt": "Purple banner with rising bar shapes reading Equality data",
      "caption": "Reliable equality data makes discrimination visible and measurable.",
      "credit": CREDIT}),
    ("citizenship-campaigns.jpg", (1600, 1000), ("#113946", "#1f6f8b"), ("#99d5c9", "#e76f51"), 67,
     "Full citizenship",
     {"alt": "Blue and coral banner reading Full citizenship",
      "caption": "Citizenship campaigns encourage immigrants to naturalise, register and vote.",
      "credit": CREDIT}),
    ("migrant-education.jpg", (1600, 1000), ("#3d0c11", "#b23a48"), ("#fcb9b2", "#f7d08a"), 79,
     "Migrant education",
     {"alt": "Crimson and sand banner reading Migrant education",
      "caption": "Migrant education is one of the most important issues facing European schools.",
      "credit": CREDIT}),
]

SOCIAL_CARD = ("social-card.jpg", (1200, 630),
               {"alt": "Migration Policy Group: integration, equality and diversity in Europe",
                "caption": "Migration Policy Group",
                "credit": CREDIT})

PARTNERS = [
    ("partner-osepi.png", "OSEPI", "Open Society European Policy Institute", "#222222"),
    ("partner-enar.png", "ENAR", "European Network Against Racism", "#6a1b9a"),
    ("partner-coe.png", "CoE", "Council of Europe", "#0d47a1"),
]

PDF_NAME = "sirius-final-conference-report.pdf"


# --------------------------------------------------------------------------
# helpers

def wait_for_convert(timeout=600, step=30):
    waited = 0
    while not os.access(CONVERT, os.X_OK):
        if waited >= timeout:
            sys.exit(f"{CONVERT} not found after {timeout}s; install ImageMagick first")
        print(f"waiting for {CONVERT} ...", file=sys.stderr)
        time.sleep(step)
        waited += step


def run(args):
    # single thread, to stay polite on small machines; no randomness from threads
    cmd = [CONVERT, "-limit", "thread", "1"] + args
    subprocess.run(cmd, check=True)


def yaml_str(s):
    """Always double-quote: safe for ': ', '#', leading specials, etc."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_sidecar(out, name, meta):
    # The sidecars are authored content kept in `masthead export` form; only write missing ones.
    if os.path.exists(os.path.join(out, name + ".yml")):
        return
    lines = []
    for key in ("alt", "caption", "credit"):
        if meta.get(key):
            lines.append(f"{key}: {yaml_str(meta[key])}")
    with open(os.path.join(out, name + ".yml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


PNG_DETERMINISM = ["-strip", "-define", "png:exclude-chunks=date,time"]
JPEG_OPTS = ["-strip", "-quality", "82", "-sampling-factor", "2x2,1x1,1x1", "-interlace", "none"]


# --------------------------------------------------------------------------
# images

def text_width(text, font, pointsize):
    res = subprocess.run([CONVERT, "-font", font, "-pointsize", str(pointsize), "label:" + text,
                          "-format", "%w", "info:"], check=True, capture_output=True, text=True)
    return int(res.stdout.strip())


def photo(out, name, size, grad, plasma, seed, label):
    w, h = size
    panel_w = max(text_width(label, FONT_BOLD, 72), text_width("Migration Policy Group", FONT, 30)) + 70
    rnd = random.Random(seed)
    draw = []
    # soft translucent circles ("bokeh")
    for _ in range(7):
        cx, cy = rnd.randint(0, w), rnd.randint(0, h)
        r = rnd.randint(h // 12, h // 3)
        a = rnd.choice([0.06, 0.09, 0.12, 0.15])
        draw += ["-fill", f"rgba(255,255,255,{a})", "-draw", f"circle {cx},{cy} {cx + r},{cy}"]
    # a couple of outlined rings
    for _ in range(2):
        cx, cy = rnd.randint(w // 2, w), rnd.randint(0, h // 2)
        r = rnd.randint(h // 6, h // 3)
        draw += ["-fill", "none", "-stroke", "rgba(255,255,255,0.35)", "-strokewidth", "4",
                 "-draw", f"circle {cx},{cy} {cx + r},{cy}", "-stroke", "none"]
    # a diagonal light band
    x0 = rnd.randint(w // 4, w // 2)
    draw += ["-fill", "rgba(255,255,255,0.07)",
             "-draw", f"polygon {x0},0 {x0 + w // 5},0 {x0 - w // 6},{h} {x0 - w // 6 - w // 5},{h}"]
    # label panel bottom-left
    pad = w // 20
    draw += ["-fill", "rgba(0,0,0,0.28)",
             "-draw", f"roundrectangle {pad - 30},{h - pad - 150} {pad + panel_w - 30},{h - pad + 20} 18,18",
             "-fill", ACCENT, "-draw", f"rectangle {pad - 30},{h - pad - 150} {pad - 18},{h - pad + 20}"]
    run([
        "-size", f"{w}x{h}", "-define", "gradient:angle=135", f"gradient:{grad[0]}-{grad[1]}",
        "(", "-seed", str(seed), "-size", f"{w // 10}x{h // 10}", f"plasma:{plasma[0]}-{plasma[1]}",
        "-blur", "0x3", "-resize", f"{w}x{h}!", ")",
        "-compose", "soft-light", "-composite", "-compose", "over",
        *draw,
        "-font", FONT_BOLD, "-pointsize", "72", "-fill", "white",
        "-annotate", f"+{pad}+{h - pad - 40}", label,
        "-font", FONT, "-pointsize", "30", "-fill", "rgba(255,255,255,0.85)",
        "-annotate", f"+{pad + 2}+{h - pad}", "Migration Policy Group",
        *JPEG_OPTS, os.path.join(out, name),
    ])


def social_card(out, name, size):
    w, h = size
    run([
        "-size", f"{w}x{h}", "-define", "gradient:angle=120", f"gradient:{ACCENT}-#0b3d5c",
        "(", "-seed", "5", "-size", f"{w // 10}x{h // 10}", "plasma:#3ddc97-#0b3d5c",
        "-blur", "0x3", "-resize", f"{w}x{h}!", ")",
        "-compose", "soft-light", "-composite", "-compose", "over",
        "-fill", "rgba(255,255,255,0.10)", "-draw", f"circle {w - 180},{140} {w - 180 + 260},{140}",
        "-fill", "rgba(255,255,255,0.08)", "-draw", f"circle {w - 80},{h - 60} {w - 80 + 180},{h - 60}",
        "-fill", "white", "-draw", "roundrectangle 80,170 200,290 18,18",
        "-font", FONT_BOLD, "-pointsize", "64", "-fill", ACCENT, "-annotate", "+92+255", "M",
        "-font", FONT_BOLD, "-pointsize", "64", "-fill", "white",
        "-annotate", "+80+390", "Migration Policy Group",
        "-font", FONT, "-pointsize", "30", "-fill", "rgba(255,255,255,0.9)",
        "-annotate", "+82+450", "Integration, equality and diversity in Europe since 1995",
        *JPEG_OPTS, os.path.join(out, name),
    ])


def logo(out):
    run([
        "-size", "400x120", "xc:none",
        "-fill", ACCENT, "-draw", "roundrectangle 10,10 110,110 20,20",
        "-fill", "rgba(255,255,255,0.25)", "-draw", "circle 88,32 100,32",
        "-font", FONT_BOLD, "-pointsize", "64", "-fill", "white", "-annotate", "+24+84", "M",
        "-font", FONT_BOLD, "-pointsize", "34", "-fill", "#1d2b27", "-annotate", "+128+56", "Migration",
        "-font", FONT, "-pointsize", "30", "-fill", ACCENT, "-annotate", "+128+96", "Policy Group",
        *PNG_DETERMINISM, "PNG32:" + os.path.join(out, "mpg-logo.png"),
    ])


def favicon(out):
    run([
        "-size", "64x64", "xc:none",
        "-fill", ACCENT, "-draw", "roundrectangle 0,0 63,63 12,12",
        "-font", FONT_BOLD, "-pointsize", "44", "-fill", "white",
        "-gravity", "center", "-annotate", "+0+1", "M",
        *PNG_DETERMINISM, "PNG32:" + os.path.join(out, "favicon.png"),
    ])


def partner_logo(out, name, short, colour):
    run([
        "-size", "240x80", "xc:none",
        "-fill", colour, "-draw", "circle 40,40 40,10",
        "-fill", "white", "-draw", "circle 40,40 40,24",
        "-fill", colour, "-draw", "circle 40,40 40,32",
        "-font", FONT_BOLD, "-pointsize", "34", "-fill", colour, "-annotate", "+84+53", short,
        *PNG_DETERMINISM, "PNG32:" + os.path.join(out, name),
    ])


# --------------------------------------------------------------------------
# a minimal, hand-rolled PDF writer (standard Type1 fonts, WinAnsiEncoding)

def pdf_text(s):
    """Encode to a PDF literal string (cp1252 / WinAnsi), escaping specials."""
    out = []
    for b in s.encode("cp1252"):
        c = chr(b)
        if c in "()\\":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return "(" + "".join(out) + ")"


def wrap(text, size, width_pt):
    # Helvetica averages a little over 0.5 em per character in running text
    max_chars = int(width_pt / (size * 0.5))
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > max_chars:
            lines.append(cur)
            cur = word
        else:
            cur = (cur + " " + word) if cur else word
    if cur:
        lines.append(cur)
    return lines


class Page:
    W, H = 595, 842  # A4 in points

    def __init__(self):
        self.ops = []

    def rect(self, x, y, w, h, rgb):
        self.ops.append("%.3f %.3f %.3f rg %d %d %d %d re f" % (*rgb, x, y, w, h))

    def text(self, x, y, s, font="F1", size=11, rgb=(0.1, 0.1, 0.1)):
        self.ops.append("BT /%s %g Tf %.3f %.3f %.3f rg %g %g Td %s Tj ET"
                        % (font, size, *rgb, x, y, pdf_text(s)))

    def stream(self):
        return ("\n".join(self.ops) + "\n").encode("latin-1")


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def build_pdf(pages, title, author, subject):
    objs = {}
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    info = ("<< /Title %s /Author %s /Subject %s /Creator (Masthead demo media generator) "
            "/Producer (make-demo-media.py) /CreationDate (D:20141117100000+01'00') "
            "/ModDate (D:20141117100000+01'00') >>" % (pdf_text(title), pdf_text(author), pdf_text(subject)))
    objs[5] = info.encode("latin-1")
    kids = []
    n = 6
    for p in pages:
        data = p.stream()
        objs[n] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream"
        objs[n + 1] = ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                       "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
                       % (Page.W, Page.H, n)).encode("latin-1")
        kids.append(n + 1)
        n += 2
    objs[2] = ("<< /Type /Pages /Kids [%s] /Count %d >>"
               % (" ".join("%d 0 R" % k for k in kids), len(kids))).encode("latin-1")

    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in range(1, n):
        offsets[i] = len(buf)
        buf += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n" % n
    buf += b"0000000000 65535 f \n"
    for i in range(1, n):
        buf += b"%010d 00000 n \n" % offsets[i]
    buf += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
    return bytes(buf)


REPORT_TITLE = "SIRIUS Final Conference Report"
REPORT_AUTHOR = "Migration Policy Group"

REPORT_BODY = [
    # page 2
    [
        ("h", "About SIRIUS"),
        ("p", "SIRIUS is the European policy network on the education of children and young people "
              "with a migrant background. It brings together national ministries, researchers, school "
              "practitioners and civil society organisations from across Europe to turn knowledge about "
              "what works into better policy and practice."),
        ("p", "Over three years the network mapped the main challenges that migrant pupils face, from "
              "access to early childhood education to the transition into upper secondary school and the "
              "labour market. Partners exchanged practices through peer-learning visits, thematic working "
              "groups and national round tables."),
        ("h", "The final conference"),
        ("p", "The final conference took place in Brussels and gathered around 150 participants, including "
              "representatives of the European Commission, national education ministries, teachers' unions, "
              "migrant organisations and young people themselves. Its purpose was to take stock of the "
              "network's results and to agree on priorities for the years ahead."),
        ("p", "This report summarises the discussions of the plenary sessions and the four thematic "
              "workshops, and sets out the recommendations that emerged from them."),
    ],
    # page 3
    [
        ("h", "Key findings"),
        ("b", "Migrant pupils are not a homogeneous group. Newly arrived pupils, second-generation pupils "
              "and pupils from mixed families face very different obstacles."),
        ("b", "Early tracking and segregation into low-achieving schools widen the gap between migrant "
              "and native pupils more than any other policy factor discussed."),
        ("b", "Targeted language support works best when it continues after pupils join mainstream "
              "classes, rather than stopping at the point of transfer."),
        ("b", "Teachers want more training on diversity and second-language learning, and more time to "
              "work with parents."),
        ("b", "Few countries systematically evaluate their migrant education policies, which makes it "
              "difficult to know which measures make a difference."),
        ("h", "Voices from the workshops"),
        ("p", "Participants stressed that parents are a resource rather than a problem. Schools that "
              "invest in communication with families, through interpreters, cultural mediators and "
              "migrant organisations, report better attendance and better results."),
        ("p", "Young people who took part in the conference asked policy makers to recognise the "
              "languages they already speak, and to involve pupils directly when school policies "
              "that affect them are designed."),
    ],
    # page 4
    [
        ("h", "Recommendations"),
        ("n", "1.", "Make migrant education a mainstream priority of national education strategies and of "
                    "the Education and Training 2020 framework."),
        ("n", "2.", "Invest in high-quality early childhood education and ensure that migrant families "
                    "know about it and can use it."),
        ("n", "3.", "Postpone tracking, reduce segregation and support schools with a high share of "
                    "disadvantaged pupils."),
        ("n", "4.", "Provide continuous language support and recognise home languages as an asset."),
        ("n", "5.", "Include diversity and second-language teaching in initial and in-service teacher "
                    "training."),
        ("n", "6.", "Collect comparable data and evaluate policies, so that what works can be scaled up."),
        ("h", "Next steps"),
        ("p", "The SIRIUS partners will continue to work together as an open network. The Migration "
              "Policy Group will publish the network's policy briefs and the national round-table reports "
              "on the SIRIUS website, and will present the recommendations to the European Commission and "
              "the Council's education working groups."),
        ("p", "For more information, contact the Migration Policy Group in Brussels."),
    ],
]


def report_pdf(out):
    accent = hex_rgb(ACCENT)
    dark = (0.11, 0.17, 0.15)
    white = (1, 1, 1)
    pages = []

    cover = Page()
    cover.rect(0, 0, Page.W, Page.H, (0.97, 0.97, 0.95))
    cover.rect(0, 430, Page.W, 412, accent)
    cover.rect(0, 422, Page.W, 8, (0.95, 0.76, 0.31))
    cover.text(56, 760, "MIGRATION POLICY GROUP", "F2", 12, white)
    cover.text(56, 620, "SIRIUS", "F2", 54, white)
    cover.text(56, 566, "Final Conference", "F2", 36, white)
    cover.text(56, 526, "Report", "F2", 36, white)
    cover.text(56, 470, "European policy network on the education of children and young people",
               "F1", 12, white)
    cover.text(56, 454, "with a migrant background", "F1", 12, white)
    cover.text(56, 360, "Brussels, November 2014", "F1", 14, dark)
    cover.text(56, 90, "Migration Policy Group \u2013 www.migpolgroup.example", "F1", 10, (0.35, 0.35, 0.35))
    pages.append(cover)

    for num, blocks in enumerate(REPORT_BODY, start=2):
        p = Page()
        p.rect(0, Page.H - 40, Page.W, 40, accent)
        p.text(56, Page.H - 26, REPORT_TITLE, "F2", 10, white)
        y = Page.H - 90
        left, width = 56, Page.W - 112
        for block in blocks:
            kind = block[0]
            if kind == "h":
                y -= 8
                p.text(left, y, block[1], "F2", 16, accent)
                y -= 24
            elif kind == "p":
                for line in wrap(block[1], 11, width):
                    p.text(left, y, line, "F1", 11, dark)
                    y -= 15
                y -= 9
            elif kind in ("b", "n"):
                marker, text = ("\u2022", block[1]) if kind == "b" else (block[1], block[2])
                lines = wrap(text, 11, width - 18)
                p.text(left, y, marker, "F2", 11, accent)
                for line in lines:
                    p.text(left + 18, y, line, "F1", 11, dark)
                    y -= 15
                y -= 6
        p.rect(56, 50, Page.W - 112, 0.8, (0.75, 0.75, 0.75))
        p.text(56, 34, "Migration Policy Group", "F1", 9, (0.4, 0.4, 0.4))
        p.text(Page.W - 70, 34, str(num), "F1", 9, (0.4, 0.4, 0.4))
        pages.append(p)

    data = build_pdf(pages, REPORT_TITLE, REPORT_AUTHOR,
                     "Results and recommendations of the SIRIUS network on migrant education policies")
    with open(os.path.join(out, PDF_NAME), "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(os.path.dirname(here), "content", "media")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=default_out, help="output folder (default: content/media)")
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)

    wait_for_convert()

    for name, size, grad, plasma, seed, label, meta in PHOTOS:
        photo(out, name, size, grad, plasma, seed, label)
        write_sidecar(out, name, meta)
        print("wrote", name)

    name, size, meta = SOCIAL_CARD
    social_card(out, name, size)
    write_sidecar(out, name, meta)
    print("wrote", name)

    logo(out)
    write_sidecar(out, "mpg-logo.png", {
        "alt": "Migration Policy Group logo",
        "caption": "The Migration Policy Group logo",
        "credit": CREDIT})
    favicon(out)
    write_sidecar(out, "favicon.png", {
        "alt": "MPG icon: a white M on a green square",
        "credit": CREDIT})
    for fname, short, full, colour in PARTNERS:
        partner_logo(out, fname, short, colour)
        write_sidecar(out, fname, {
            "alt": f"{full} ({short}) logo",
            "caption": full,
            "credit": "Placeholder logo generated for the demo site"})
    print("wrote logos")

    report_pdf(out)
    write_sidecar(out, PDF_NAME, {
        "caption": "SIRIUS Final Conference Report (PDF, 4 pages)",
        "credit": CREDIT})
    print("wrote", PDF_NAME)


if __name__ == "__main__":
    main()
