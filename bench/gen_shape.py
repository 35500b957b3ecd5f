#!/usr/bin/env python3
"""A third site shape for bench/edits.sh: a copy of a portable folder made by gen_site.py with
longer articles (each text twice as long), three sections instead of twelve, 2,000 tags
(Zipf-distributed, one to eight per article, instead of 200) and one article in five an event
with a start, an end and a place, as a events-heavy organisation's site has.

    bench/gen_shape.py SRC_PORTABLE_FOLDER OUT_FOLDER
"""
import bisect, os, random, re, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
rng = random.Random(11)
words = ["policy", "rights", "migrant", "network", "forum", "labour", "housing", "health", "youth",
         "school", "city", "rural", "women", "climate", "data", "report", "court", "budget", "media", "art"]
tags = sorted({f"{rng.choice(words)} {rng.choice(words)} {i}" for i in range(2000)})
cum, t = [], 0.0
for i in range(len(tags)):
    t += 1.0 / (i + 1)
    cum.append(t)
def tag():
    return tags[bisect.bisect_left(cum, rng.random() * t)]
sections = {f"s{i:02d}": ("news", "reports", "events")[i % 3] for i in range(1, 13)}
adir = os.path.join(dst, "articles")
for name in sorted(os.listdir(adir)):
    p = os.path.join(adir, name)
    head, body = open(p).read().split("\n---\n", 1)
    head = re.sub(r"(?m)^section: (s\d\d)$", lambda m: "section: " + sections.get(m.group(1), "news"), head)
    chosen = sorted({tag() for _ in range(rng.randint(1, 8))})
    head = re.sub(r"(?m)^tags: \[.*\]$", "tags: [" + ", ".join(chosen) + "]", head)
    if rng.random() < 0.2:
        day = f"20{rng.randint(24, 27)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        head += f"\nevent_start: {day}T09:00:00Z\nevent_end: {day}T17:00:00Z\nlocation: Hall {rng.randint(1, 40)}, Brussels"
    # A second half: the paragraphs again, in another order.
    paragraphs = [b for b in body.split("\n\n") if b.strip() and not b.startswith(("|", "```", "#"))]
    rng.shuffle(paragraphs)
    open(p, "w").write(head + "\n---\n" + body.rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n")
