#!/usr/bin/env python3
"""A second site shape for bench/edits.sh: a copy of a portable folder made by gen_site.py whose
article texts use a large, Zipf-distributed vocabulary (50,000 invented words), as real writing
does, instead of gen_site.py's few hundred English words. Tables, code and lines with links are
kept as they are.

    bench/gen_vocab.py SRC_PORTABLE_FOLDER OUT_FOLDER
"""
import os, random, re, sys, shutil
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
rng = random.Random(7)
syll = ["ka","lo","mi","ra","te","su","ne","vo","di","pa","ri","zo","le","mu","fa","go","bi","xe","ju","wa"]
vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(2, 5))) for _ in range(50000)]
weights = [1.0 / (i + 1) for i in range(len(vocab))]
cum = []
t = 0.0
for w in weights:
    t += w
    cum.append(t)
import bisect
def word():
    return vocab[bisect.bisect_left(cum, rng.random() * t)]
adir = os.path.join(dst, "articles")
for name in os.listdir(adir):
    p = os.path.join(adir, name)
    text = open(p).read()
    head, body = text.split("\n---\n", 1)
    out = []
    for line in body.split("\n"):
        if line.startswith("|") or line.startswith("```") or "](" in line:
            out.append(line)
            continue
        out.append(re.sub(r"[A-Za-z]{3,}", lambda m: word(), line))
    open(p, "w").write(head + "\n---\n" + "\n".join(out))
