#!/usr/bin/env bash
# Rebuild after one edit, by kind, on more than one site shape (issue 18, part 5).
#
#   bench/edits.sh [N]     N articles, default 10000
#
# For each site (A: bench/gen_site.py; B: the same articles with a 50,000-word vocabulary, made by
# bench/gen_vocab.py; C: longer articles, 3 sections, 2,000 tags and one in five an event, made by
# bench/gen_shape.py) it imports, builds once, then for each kind of edit — nothing, body,
# headings, title, tags, date — changes one article, imports the change and rebuilds into the same
# folder in a new process, printing `build --json`'s ms and how many outputs were rendered. Then,
# when the `rebuild` example is built (cargo build --release -p masthead-render --example
# rebuild), the same kinds of edit warm: one process keeps its builder, as the preview does.
# MASTHEAD_BIN overrides the binary (default: the release build in ~/.cache/masthead/target),
# MASTHEAD_REBUILD_BIN the example (default: beside the binary, in examples/).
set -euo pipefail
N=${1:-10000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
M=${MASTHEAD_BIN:-$HOME/.cache/masthead/target/release/masthead}
[[ -x $M ]] || { echo "No masthead binary at $M; build it: cargo build --release -p masthead-cli" >&2; exit 1; }
REBUILD=${MASTHEAD_REBUILD_BIN:-$(dirname "$M")/examples/rebuild}
NOW=2026-01-01T00:00:00Z
WORK=$(mktemp -d -t masthead-edits.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

python3 "$HERE/gen_site.py" "$WORK/gen" "$N" >/dev/null
python3 "$HERE/gen_vocab.py" "$WORK/gen/masthead" "$WORK/vocab"
python3 "$HERE/gen_shape.py" "$WORK/gen/masthead" "$WORK/shape"

# edit KIND FILE: changes one article file in place, as an editor would.
edit() {
    python3 - "$1" "$2" <<'PY'
import re, sys
kind, path = sys.argv[1], sys.argv[2]
text = open(path).read()
head, body = text.split("\n---\n", 1)
if kind == "body":
    body = re.sub(r"(\n[A-Za-z][^\n]*?)\.", r"\1, as the benchmark says.", body, count=1)
elif kind == "headings":
    body = re.sub(r"(?m)^## (.*)$", r"## \1 renamed", body)
elif kind == "title":
    head = re.sub(r"(?m)^title: (.*)$", r"title: \1 (updated)", head, count=1)
elif kind == "tags":
    head = re.sub(r"(?m)^tags: \[(.*)\]$", r"tags: [\1, benchmark-tag]", head, count=1)
elif kind == "date":
    head = re.sub(r"(?m)^date: (\d{4}-\d\d)-\d\d", r"date: \1-01", head, count=1)
new = head + "\n---\n" + body
if kind != "nothing" and new == text:
    sys.exit(f"the {kind} edit changed nothing in {path}")
open(path, "w").write(new)
PY
}

for site in gen/masthead vocab shape; do
    SRC=$WORK/$site; S=$WORK/site-${site%%/*}; OUT=$WORK/out-${site%%/*}
    "$M" --site "$S" init >/dev/null
    "$M" --site "$S" import "$SRC" >/dev/null
    full=$("$M" --site "$S" build --out "$OUT" --now "$NOW" --json | tr -d ' \n')
    echo "site ${site%%/*}: full build $full"
    art=$(ls "$SRC/articles" | sort | sed -n 5p)
    for kind in nothing body headings title tags date; do
        mkdir -p "$WORK/change-$kind/articles"
        cp "$SRC/articles/$art" "$WORK/change-$kind/articles/"
        edit "$kind" "$WORK/change-$kind/articles/$art"
        "$M" --site "$S" import "$WORK/change-$kind" >/dev/null
        json=$("$M" --site "$S" build --out "$OUT" --now "$NOW" --json | tr -d ' \n')
        echo "  $kind: $json"
        rm -rf "$WORK/change-$kind"
    done
    if [[ -x $REBUILD ]]; then
        "$REBUILD" "$S" "$NOW" | sed 's/^/  /'
    else
        echo "  warm: not measured (no $REBUILD)"
    fi
done
