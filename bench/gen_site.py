#!/usr/bin/env python3
"""Generate one synthetic site in two equivalent forms, for bench/render.sh.

    bench/gen_site.py OUT N

writes
    OUT/masthead/   Masthead's portable folder (site.yml, articles/, slides/, media/)
    OUT/hugo/       a Hugo site (config.toml, content/, data/, static/, layouts/)

Both come from the same data: N articles of about 800 words in 12 sections (s01..s12),
200 tags (3 per article), 30 slides and 5 images. Output is deterministic (fixed seed).
Python 3 standard library only.
"""

import json
import os
import random
import re
import struct
import sys
import zlib

SEED = 20260101
SECTIONS = [f"s{i:02d}" for i in range(1, 13)]
N_TAGS = 200
N_SLIDES = 30
IMAGES = [  # name, colour, alt
    ("img-1.png", (11, 110, 79), "A green placeholder rectangle"),
    ("img-2.png", (196, 69, 54), "A red placeholder rectangle"),
    ("img-3.png", (41, 98, 155), "A blue placeholder rectangle"),
    ("img-4.png", (230, 170, 40), "A yellow placeholder rectangle"),
    ("img-5.png", (110, 60, 140), "A purple placeholder rectangle"),
]
IMG_W, IMG_H = 800, 500
AUTHORS = [
    "Anna Author", "Bram Peeters", "Chloé Martin", "Dawid Nowak", "Elena Rossi",
    "Farah Haddad", "Gustav Lind", "Hanna Virtanen", "Ivo Jansen", "Júlia Santos",
]

# Plain English words; sentences made of them read like lorem ipsum in English.
WORDS = """
policy research report network migrant integration equality citizen public local regional
national european council commission project partner school teacher student family worker
employer labour market housing health education language training community city village
country border law court right duty survey data index indicator result outcome evidence
practice guide review study analysis method measure impact change reform plan budget fund
grant programme support service office agency committee member group board team staff
meeting conference workshop seminar event debate forum launch release update summary note
brief paper chapter table figure chart map source access quality standard target goal
progress trend gap risk need benefit cost value share level rate growth decline increase
decrease improve develop promote protect include combine compare monitor evaluate publish
present discuss explain describe identify address consider propose recommend adopt apply
implement follow lead open close start finish build keep make take give show find use help
work learn teach read write speak listen meet join share offer provide receive collect
new recent current early late first last next main key major minor wide broad narrow clear
strong weak high low long short small large common shared joint open fair equal diverse
inclusive active civic social economic political legal cultural digital green urban rural
annual yearly monthly weekly daily often rarely usually mostly nearly almost already still
across along among around between beyond during through within without towards against
and but or yet so because while although since unless whether when where how why which
the a an this that these those each every some many most few several all both either
we they our their its your people government institution organisation society economy
""".split()
CONNECTORS = "the a and of to in for with on by from at as".split()


def sentence(rng, lo=8, hi=18):
    n = rng.randint(lo, hi)
    ws = [rng.choice(CONNECTORS) if rng.random() < 0.25 else rng.choice(WORDS) for _ in range(n)]
    ws[0] = ws[0].capitalize()
    if n > 9 and rng.random() < 0.4:
        ws[n // 2] += ","
    return " ".join(ws) + "."


def summary(rng):
    """One sentence, short enough for a meta description (Masthead's check warns past 160)."""
    s = sentence(rng, 12, 22)
    while len(s) > 150:
        s = sentence(rng, 10, 16)
    return s


def title_text(rng, lo=3, hi=7):
    ws = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(ws).capitalize()


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- images (stdlib PNG) -----------------------------------------------------------------

def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# --- content model -----------------------------------------------------------------------

def make_data(n):
    rng = random.Random(SEED)
    tags, seen = [], set()
    while len(tags) < N_TAGS:
        t = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
        if slugify(t) not in seen and t.split()[0] != t.split()[1]:
            seen.add(slugify(t))
            tags.append(t)
    articles = []
    for i in range(n):
        title = title_text(rng)
        slug = f"{slugify(title)[:60].rstrip('-')}-{i + 1}"
        # 2005-01-01 .. 2015-12-31, whole minutes, UTC.
        year = rng.randint(2005, 2015)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}T{rng.randint(6, 20):02d}:{rng.randint(0, 59):02d}:00Z"
        articles.append({
            "i": i,
            "title": title,
            "slug": slug,
            "date": date,
            "section": rng.choice(SECTIONS),
            "tags": rng.sample(tags, 3),
            "author": rng.choice(AUTHORS),
            "summary": summary(rng),
            "image": IMAGES[i % len(IMAGES)][0],
            "image_alt": f"Illustration for {title.lower()}",
        })
    for a in articles:
        a["body"] = make_body(rng, n)
    slides = []
    for k in range(N_SLIDES):
        target = articles[rng.randrange(n)]
        slides.append({
            "position": k + 1,
            "slug": f"slide-{k + 1:02d}",
            "headline": title_text(rng, 3, 6),
            "cta": "Read more",
            "article": target["i"],
            "image": IMAGES[k % len(IMAGES)][0],
            "image_alt": f"Banner {k + 1}",
            "blurb": sentence(rng, 14, 24),
        })
    return tags, articles, slides


def make_body(rng, n):
    """A Markdown body of about 800 words with placeholders for links and the image:
    @@ART:<index>@@ for a link target, @@IMG:<name>@@ for the image source."""

    def para(k_lo=3, k_hi=5):
        ss = [sentence(rng) for _ in range(rng.randint(k_lo, k_hi))]
        if rng.random() < 0.5:  # an inline link to another article
            j = rng.randrange(len(ss))
            anchor = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))
            ss[j] = ss[j][:-1] + f", see [{anchor}](@@ART:{rng.randrange(n)}@@)."
        if rng.random() < 0.3:
            j = rng.randrange(len(ss))
            w = ss[j].split(" ")
            w[1] = f"**{w[1].rstrip(',')}**"
            ss[j] = " ".join(w)
        return " ".join(ss)

    blocks = [para(4, 6)]
    extras = ["bullets", "numbers", "image", "table", "links", None]
    rng.shuffle(extras)
    for extra in extras:
        blocks.append("## " + title_text(rng, 2, 5))
        blocks.append(para())
        if extra == "bullets":
            blocks.append("\n".join(f"- {sentence(rng, 4, 9)[:-1]}" for _ in range(rng.randint(3, 6))))
        elif extra == "numbers":
            blocks.append("\n".join(f"{k}. {sentence(rng, 4, 9)[:-1]}" for k in range(1, rng.randint(4, 7))))
        elif extra == "image":
            blocks.append(f"![{title_text(rng, 3, 6)}](@@IMG:img-2.png@@)")
        elif extra == "table":
            head = [rng.choice(WORDS).capitalize() for _ in range(3)]
            rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---:|---|"]
            for _ in range(rng.randint(3, 6)):
                rows.append(f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | {rng.randint(1, 999)} | {rng.choice(WORDS)} |")
            blocks.append("\n".join(rows))
        elif extra == "links":
            blocks.append("\n".join(
                f"- [{title_text(rng, 2, 5)}](@@ART:{rng.randrange(n)}@@)" for _ in range(3)))
        blocks.append(para())
    return "\n\n".join(blocks) + "\n"


def render_body(body, articles, link, image):
    body = re.sub(r"@@ART:(\d+)@@", lambda m: link(articles[int(m.group(1))]), body)
    return re.sub(r"@@IMG:([^@]+)@@", lambda m: image(m.group(1)), body)


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(text)


# --- Masthead portable folder ------------------------------------------------------------

def write_masthead(root, tags, articles, slides):
    nav = "".join(f"  - label: Section {int(s[1:])}\n    link: /{s}/\n" for s in SECTIONS)
    sections = "".join(f"  - slug: {s}\n    title: Section {int(s[1:])}\n    home: true\n" for s in SECTIONS)
    write(f"{root}/site.yml",
          "title: Bench site\n"
          "base_url: https://bench.example/\n"
          "language: en\n"
          "timezone: Europe/Brussels\n"
          f"sections:\n{sections}"
          f"navigation:\n{nav}"
          "social: []\n"
          "partners: []\n")
    for name, rgb, alt in IMAGES:
        write(f"{root}/media/{name}", png(IMG_W, IMG_H, rgb), "wb")
        write(f"{root}/media/{name}.yml", f"alt: {alt}\n")
    for a in articles:
        body = render_body(a["body"], articles, lambda t: f"article:{t['slug']}", lambda img: f"media:{img}")
        write(f"{root}/articles/{a['slug']}.md", masthead_article(a, body))
    for s in slides:
        target = articles[s["article"]]
        write(f"{root}/slides/{s['position']:02d}-{s['slug']}.md",
              "---\n"
              f"slug: {s['slug']}\n"
              f"headline: {s['headline']}\n"
              f"cta: {s['cta']}\n"
              f"link: article:{target['slug']}\n"
              f"image: media:{s['image']}\n"
              f"image_alt: {s['image_alt']}\n"
              f"position: {s['position']}\n"
              "status: published\n"
              "---\n\n"
              f"{s['blurb']}\n")


def masthead_article(a, body):
    return ("---\n"
            f"title: {a['title']}\n"
            f"slug: {a['slug']}\n"
            f"date: {a['date']}\n"
            "status: published\n"
            f"section: {a['section']}\n"
            f"tags: [{', '.join(a['tags'])}]\n"
            f"author: {a['author']}\n"
            f"summary: {a['summary']}\n"
            f"image: media:{a['image']}\n"
            f"image_alt: {a['image_alt']}\n"
            "---\n\n" + body)


# --- Hugo site ---------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "https://bench.example/"
title = "Bench site"
languageCode = "en"
timeZone = "Europe/Brussels"
paginate = 12
rssLimit = 20
disableAliases = true
enableRobotsTXT = true

[taxonomies]
  tag = "tags"

# One feed for the whole site, as Masthead has (Hugo would add one per section and tag).
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} | {{ .Site.Title }}{{ end }}</title>
{{- with .Description }}
<meta name="description" content="{{ . }}">
<meta property="og:description" content="{{ . }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
{{- with .Params.image }}
<meta property="og:image" content="{{ . | absURL }}">
{{- end }}
<link rel="alternate" type="application/rss+xml" title="{{ .Site.Title }}" href="/index.xml">
<link rel="stylesheet" href="/site.css">
</head>
<body>
<header class="header">
  <a class="brand" href="/">{{ .Site.Title }}</a>
  <nav aria-label="Main"><ul>
    {{- $current := . }}
    {{- range .Site.Sections }}
    <li><a href="{{ .RelPermalink }}"{{ if eq $current.Section .Section }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
    {{- end }}
  </ul></nav>
  <form role="search" action="/search/"><input type="search" name="q" placeholder="Search"></form>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="footer">
  <p>&copy; {{ now.Year }} {{ .Site.Title }}</p>
  <p><a href="/index.xml">RSS</a></p>
</footer>
</body>
</html>
""",
    "partials/card.html": """\
<li><article class="card">
  {{- with .Params.image }}
  <div class="card-media"><img src="{{ . }}" width="800" height="500" alt="{{ $.Params.image_alt }}" loading="lazy" decoding="async"></div>
  {{- end }}
  <div class="card-body">
    {{- with .Parent }}<p class="kicker"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
    <h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    {{- with .Description }}<p class="summary">{{ . }}</p>{{ end }}
    <p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time></p>
  </div>
</article></li>
""",
    "index.html": """\
{{ define "main" }}
<section class="carousel" aria-label="Highlights"><ul>
  {{- range .Site.Data.slides }}
  <li class="slide">
    <img src="{{ .image }}" width="800" height="500" alt="{{ .image_alt }}">
    <h2>{{ .headline }}</h2>
    <p>{{ .blurb }}</p>
    <p><a class="button" href="{{ .url }}">{{ .cta }}</a></p>
  </li>
  {{- end }}
</ul></section>
{{- range .Site.Sections }}
<section class="home-section">
  <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <ul class="cards">{{ range first 4 .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
</section>
{{- end }}
{{ end }}
""",
    "_default/single.html": """\
{{ define "main" }}
<article class="article">
  <header>
    {{- with .Parent }}<p class="kicker"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
    <h1>{{ .Title }}</h1>
    <p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
    {{- with .Params.author }} <span class="byline">By {{ . }}</span>{{ end }}</p>
    {{- with .Description }}<p class="lead">{{ . }}</p>{{ end }}
  </header>
  {{- with .Params.image }}
  <figure><img src="{{ . }}" width="800" height="500" alt="{{ $.Params.image_alt }}" loading="eager"></figure>
  {{- end }}
  <div class="prose">
  {{ .Content }}
  </div>
  <footer>
    <ul class="tags">
    {{- range .GetTerms "tags" }}
      <li><a href="{{ .RelPermalink }}" rel="tag">{{ .LinkTitle }}</a></li>
    {{- end }}
    </ul>
    {{- with .Parent }}<p><a href="{{ .RelPermalink }}">More from {{ .Title }}</a></p>{{ end }}
  </footer>
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $p := .Paginator }}
<ul class="cards">{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{- if gt $p.TotalPages 1 }}
<nav class="pagination" aria-label="Pagination"><ul>
  {{- if $p.HasPrev }}<li><a href="{{ $p.Prev.URL }}" rel="prev">Previous</a></li>{{ end }}
  {{- range $p.Pagers }}
  <li><a href="{{ .URL }}"{{ if eq .PageNumber $p.PageNumber }} aria-current="page"{{ end }}>{{ .PageNumber }}</a></li>
  {{- end }}
  {{- if $p.HasNext }}<li><a href="{{ $p.Next.URL }}" rel="next">Next</a></li>{{ end }}
</ul></nav>
{{- end }}
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tag-cloud">
  {{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
  {{- end }}
</ul>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}
<h1>Page not found</h1>
<p><a href="/">Go to the home page</a></p>
{{ end }}
""",
}


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def write_hugo(root, tags, articles, slides):
    write(f"{root}/config.toml", HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        write(f"{root}/layouts/{rel}", text)
    write(f"{root}/static/site.css", "body{font-family:sans-serif;margin:0 auto;max-width:70rem}\n")
    for name, rgb, _ in IMAGES:
        write(f"{root}/static/{name}", png(IMG_W, IMG_H, rgb), "wb")
    for s in SECTIONS:
        write(f"{root}/content/{s}/_index.md", f"+++\ntitle = \"Section {int(s[1:])}\"\nweight = {int(s[1:])}\n+++\n")
    for a in articles:
        body = render_body(a["body"], articles, lambda t: f"/{t['section']}/{t['slug']}/", lambda img: f"/{img}")
        write(f"{root}/content/{a['section']}/{a['slug']}.md",
              "+++\n"
              f"title = {toml_str(a['title'])}\n"
              f"date = {a['date']}\n"
              "draft = false\n"
              f"tags = [{', '.join(toml_str(t) for t in a['tags'])}]\n"
              f"description = {toml_str(a['summary'])}\n"
              f"author = {toml_str(a['author'])}\n"
              f"image = {toml_str('/' + a['image'])}\n"
              f"image_alt = {toml_str(a['image_alt'])}\n"
              "+++\n\n" + body)
    data = []
    for s in slides:
        t = articles[s["article"]]
        data.append({"headline": s["headline"], "blurb": s["blurb"], "cta": s["cta"],
                     "url": f"/{t['section']}/{t['slug']}/", "image": "/" + s["image"],
                     "image_alt": s["image_alt"]})
    write(f"{root}/data/slides.json", json.dumps(data, indent=1) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_site.py OUT N")
    out, n = sys.argv[1], int(sys.argv[2])
    if n < 1:
        sys.exit("N must be at least 1")
    tags, articles, slides = make_data(n)
    write_masthead(os.path.join(out, "masthead"), tags, articles, slides)
    write_hugo(os.path.join(out, "hugo"), tags, articles, slides)
    words = sum(len(re.sub(r"\]\([^)]*\)", "]", a["body"]).split()) for a in articles) // n
    print(f"Generated {n} articles (~{words} words each), {len(tags)} tags, {len(slides)} slides, "
          f"{len(IMAGES)} images in {out}/masthead and {out}/hugo")


if __name__ == "__main__":
    main()
