#!/usr/bin/env bash
# Site build benchmark: Masthead against Hugo on the same synthetic content.
#
#   bench/render.sh [N]        N articles, default 10000
#
# MASTHEAD_BIN overrides the binary (default: the release build in ~/.cache/masthead/target).
# See bench/README.md for what is measured and how to read it.
set -euo pipefail
trap 'echo "bench/render.sh: failed at line $LINENO" >&2' ERR

N=${1:-10000}
[[ $N =~ ^[0-9]+$ && $N -ge 1 ]] || { echo "usage: $0 [N]  (N = number of articles, default 10000)" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MASTHEAD=${MASTHEAD_BIN:-$HOME/.cache/masthead/target/release/masthead}
NOW=2026-01-01T00:00:00Z
RUNS=2

if [[ ! -x $MASTHEAD ]]; then
    echo "No masthead binary at $MASTHEAD." >&2
    echo "Build it first:  cargo build --release -p masthead-cli" >&2
    echo "(or point MASTHEAD_BIN at a masthead binary)" >&2
    exit 1
fi

if ! command -v hugo >/dev/null 2>&1; then
    echo "Installing Hugo…"
    SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    apt_install() { $SUDO apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 hugo; }
    apt_install || { $SUDO apt-get update && apt_install; }
fi

WORK=$(mktemp -d -t masthead-bench.XXXXXX)
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Milliseconds since $1 (a `date +%s%N` value).
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
# A field of a JSON object: json_field JSON KEY
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], ""))' "$1" "$2"; }
count_html() { find "$1" -type f -name '*.html' | wc -l; }
count_files() { find "$1" -type f ! -name '.masthead-build' | wc -l; }
# HTML files that are Hugo's redirects from …/page/1/ to the list's first page.
count_page1() { find "$1" -type f -path '*/page/1/index.html' | wc -l; }
bytes_of() { find "$1" -type f ! -name '.masthead-build' -printf '%s\n' | python3 -c 'import sys; print(sum(map(int, sys.stdin)))'; }

echo "Masthead: $MASTHEAD ($("$MASTHEAD" --version 2>/dev/null || echo '?'))"
echo "Hugo:     $(hugo version | cut -d' ' -f1-2)"
case $MASTHEAD in */debug/*) echo "NOTE: this is a debug build of Masthead; its times say nothing about the goals." ;; esac
echo "Machine:  $(nproc) cores; work folder $WORK"
echo

t0=$(date +%s%N)
python3 "$HERE/gen_site.py" "$WORK/src" "$N"
echo "  (generated in $(ms_since "$t0") ms)"
SRC_MH=$WORK/src/masthead
SRC_HUGO=$WORK/src/hugo
SITE=$WORK/site

# --- Masthead: import ---------------------------------------------------------------------
echo "Masthead import…"
t0=$(date +%s%N)
"$MASTHEAD" --site "$SITE" init >/dev/null
"$MASTHEAD" --site "$SITE" import "$SRC_MH"
import_ms=$(ms_since "$t0")

# --- Masthead: full builds ----------------------------------------------------------------
mh_best=; mh_best_json=
for i in $(seq 1 $RUNS); do
    OUT=$WORK/mh-out-$i
    rm -rf "$OUT"
    t0=$(date +%s%N)
    json=$("$MASTHEAD" --site "$SITE" build --out "$OUT" --now "$NOW" --json)
    wall=$(ms_since "$t0")
    echo "Masthead full build $i: ${wall} ms wall, $(echo "$json" | tr -d ' \n')"
    if [[ -z $mh_best || $wall -lt $mh_best ]]; then mh_best=$wall; mh_best_json=$json; fi
done
mh_pages=$(json_field "$mh_best_json" pages)
mh_files=$(json_field "$mh_best_json" files)
mh_ms=$(json_field "$mh_best_json" ms)
mh_html=$(count_html "$OUT")
mh_bytes=$(bytes_of "$OUT")

# --- Masthead: one-article change, rebuilt by a fresh process into the same OUT -------------
article=$(find "$SRC_MH/articles" -name '*.md' | sort | sed -n 1p)
CHANGE=$WORK/change
mkdir -p "$CHANGE/articles"
sed -e '0,/^title: /s/^title: \(.*\)$/title: \1 (updated)/' "$article" >"$CHANGE/articles/$(basename "$article")"
printf '\nA paragraph added by the benchmark to change this article.\n' >>"$CHANGE/articles/$(basename "$article")"
t0=$(date +%s%N)
"$MASTHEAD" --site "$SITE" import "$CHANGE"
reimport_ms=$(ms_since "$t0")
t0=$(date +%s%N)
rebuild_json=$("$MASTHEAD" --site "$SITE" build --out "$OUT" --now "$NOW" --json)
rebuild_wall=$(ms_since "$t0")
rebuild_ms=$(json_field "$rebuild_json" ms)
echo "Masthead rebuild after changing $(basename "$article"): ${rebuild_wall} ms wall, $(echo "$rebuild_json" | tr -d ' \n')"
if ! grep -q '(updated)' "$OUT/$(sed -n 's/^section: //p' "$article")/$(basename "$article" .md)/index.html"; then
    echo "WARNING: the rebuilt article page does not show the change." >&2
fi

# --- Warm rebuilds: one process keeps its builder (as `masthead serve` does) ----------------------
REBUILD=${MASTHEAD_REBUILD_BIN:-$(dirname "$MASTHEAD")/examples/rebuild}
if [[ -x $REBUILD ]]; then
    "$REBUILD" "$SITE" "$NOW"
else
    echo "warm rebuild: not measured; build it with: cargo build --release -p masthead-render --example rebuild"
fi

# --- render_preview (the app's live preview) on the same site ------------------------------------
PREVIEW=${MASTHEAD_PREVIEW_BIN:-$(dirname "$MASTHEAD")/examples/preview}
if [[ -x $PREVIEW ]]; then
    "$PREVIEW" "$SITE"
else
    echo "render_preview: not measured; build it with: cargo build --release -p masthead-render --example preview"
fi

# --- Hugo: full builds ----------------------------------------------------------------------
hugo_best=
for i in $(seq 1 $RUNS); do
    HOUT=$WORK/hugo-out-$i
    rm -rf "$HOUT"
    t0=$(date +%s%N)
    hugo --quiet --source "$SRC_HUGO" --destination "$HOUT" --cacheDir "$WORK/hugo-cache"
    wall=$(ms_since "$t0")
    echo "Hugo full build $i: ${wall} ms wall"
    if [[ -z $hugo_best || $wall -lt $hugo_best ]]; then hugo_best=$wall; fi
done
hugo_html=$(count_html "$HOUT")
hugo_page1=$(count_page1 "$HOUT")
hugo_files=$(count_files "$HOUT")
hugo_bytes=$(bytes_of "$HOUT")

# --- Report ---------------------------------------------------------------------------------
python3 - "$N" "$import_ms" "$mh_best" "$mh_ms" "$mh_pages" "$mh_html" "$mh_files" "$mh_bytes" \
    "$reimport_ms" "$rebuild_wall" "$rebuild_ms" "$hugo_best" "$hugo_html" "$hugo_page1" "$hugo_files" \
    "$hugo_bytes" "$MASTHEAD" "$RUNS" <<'EOF'
import sys
(n, import_ms, mh_wall, mh_ms, mh_pages, mh_html, mh_files, mh_bytes, reimport_ms, rb_wall, rb_ms,
 hugo_wall, hugo_html, hugo_page1, hugo_files, hugo_bytes) = map(int, sys.argv[1:17])
binary, runs = sys.argv[17], sys.argv[18]
ratio = mh_wall / hugo_wall if hugo_wall else float("inf")
mb = lambda b: f"{b / 1e6:.1f} MB"
rows = [
    ("Masthead import (init + import)", f"{import_ms} ms", "informational"),
    (f"Masthead full build (best of {runs})", f"{mh_wall} ms", f"its JSON ms: {mh_ms}"),
    ("  pages / files / size", f"{mh_pages} / {mh_files} / {mb(mh_bytes)}", f"{mh_html} .html files"),
    ("Masthead one-article import", f"{reimport_ms} ms", "informational"),
    ("Masthead one-article rebuild", f"{rb_wall} ms", f"fresh process; its JSON ms: {rb_ms}"),
    (f"Hugo full build (best of {runs})", f"{hugo_wall} ms", ""),
    ("  pages / files / size", f"{hugo_html - hugo_page1} / {hugo_files} / {mb(hugo_bytes)}",
     f"{hugo_html} .html files, {hugo_page1} of them page/1/ redirects"),
    ("Full build Masthead / Hugo", f"{ratio:.2f}x", ""),
]
w0 = max(len(r[0]) for r in rows)
w1 = max(len(r[1]) for r in rows)
print()
print(f"Results for N = {n} articles")
print("-" * (w0 + w1 + 40))
for a, b, c in rows:
    print(f"{a:<{w0}}  {b:>{w1}}  {c}")
print("-" * (w0 + w1 + 40))
ok = lambda c: "PASS" if c else "FAIL"
print(f"Goal: full build <= 0.5x Hugo           {ok(ratio <= 0.5)}  ({ratio:.2f}x)")
print(f"Goal: one-article rebuild <= 100 ms     {ok(rb_wall <= 100)}  ({rb_wall} ms wall)")
if "/debug/" in binary:
    print("(debug build of Masthead: the goals only apply to the release build)")
EOF
