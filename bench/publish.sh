#!/usr/bin/env bash
# Publish benchmark: Masthead against `rclone copy` (8 transfers), both to nginx + dav-ext
# WebDAV on loopback, with the same built site of N synthetic articles, in one run.
#
#   bench/publish.sh [N]       N articles, default 10000
#
# Goals (publish issue): first publish <= 0.25x rclone's first copy; a publish with nothing
# changed <= 1 s; after one article edit <= 12 files sent and <= 2 s.
set -euo pipefail
trap 'echo "bench/publish.sh: failed at line $LINENO" >&2' ERR

N=${1:-10000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/masthead/target}
MASTHEAD=${MASTHEAD_BIN:-$CARGO_TARGET_DIR/release/masthead}
[[ -x $MASTHEAD ]] || { echo "Build it first: cargo build --release -p masthead-cli" >&2; exit 1; }
command -v rclone >/dev/null || { echo "rclone is missing: run scripts/install-deps.sh" >&2; exit 1; }

WORK=$(mktemp -d -t masthead-publish-bench.XXXXXX)
PIDS=()
cleanup() {
    for fd in "${PIDS[@]}"; do exec {fd}>&-; done
    sleep 0.5
    rm -rf "$WORK"
}
trap cleanup EXIT
export MASTHEAD_CONFIG_DIR=$WORK/config USER=bench

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# Starts an nginx WebDAV host and sets HOST_URL. It stops when the pipe to hostctl closes
# (at exit); not in a $(…) subshell, which would close it at once.
start_host() {
    local dir=$1 fifo=$1.in fd
    mkdir -p "$dir"; mkfifo "$fifo"
    python3 "$HERE/../tests/hosts/hostctl.py" serve webdav-nginx --dir "$dir" <"$fifo" >"$dir.json" 2>/dev/null &
    exec {fd}>"$fifo"
    PIDS+=("$fd")
    for _ in $(seq 50); do [[ -s $dir.json ]] && break; sleep 0.1; done
    HOST_URL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http_url"])' "$dir.json")
}

echo "Generating and building a site of $N articles…"
python3 "$HERE/gen_site.py" "$WORK/src" "$N" >/dev/null
SITE=$WORK/site
"$MASTHEAD" --site "$SITE" init >/dev/null
"$MASTHEAD" --site "$SITE" import "$WORK/src/masthead" >/dev/null
"$MASTHEAD" --site "$SITE" build --json >/dev/null
FILES=$(find "$SITE/build" -type f ! -name '.masthead-build' | wc -l)
BYTES=$(du -sb --exclude=.masthead-build "$SITE/build" | cut -f1)
echo "Built: $FILES files, $((BYTES / 1000000)) MB"

start_host "$WORK/host-mh"; MH_URL=$HOST_URL
start_host "$WORK/host-rc"; RC_URL=$HOST_URL
"$MASTHEAD" --site "$SITE" target add live "${MH_URL/http:/webdav:}" >/dev/null

rclone_copy() {
    rclone copy "$SITE/build" :webdav: --webdav-url "$RC_URL" --transfers 8 \
        --exclude .masthead-build --config /dev/null -q
}

t0=$(date +%s%N); rclone_copy; rc_first=$(ms_since "$t0")
t0=$(date +%s%N); rclone_copy; rc_again=$(ms_since "$t0")

t0=$(date +%s%N); first=$("$MASTHEAD" --site "$SITE" publish --json); mh_first=$(ms_since "$t0")
t0=$(date +%s%N); again=$("$MASTHEAD" --site "$SITE" publish --json); mh_again=$(ms_since "$t0")

# One article edit: a paragraph added to its body.
article=$(find "$WORK/src/masthead/articles" -name '*.md' | sort | sed -n 1p)
mkdir -p "$WORK/change/articles"
cp "$article" "$WORK/change/articles/"
printf '\nA paragraph added by the benchmark.\n' >>"$WORK/change/articles/$(basename "$article")"
"$MASTHEAD" --site "$SITE" import "$WORK/change" >/dev/null
t0=$(date +%s%N); edit=$("$MASTHEAD" --site "$SITE" publish --json); mh_edit=$(ms_since "$t0")

# The same article's title changed: its listings, feeds and search shard change too.
sed -i '0,/^title: /s/^title: \(.*\)$/title: \1 (updated)/' "$WORK/change/articles/$(basename "$article")"
"$MASTHEAD" --site "$SITE" import "$WORK/change" >/dev/null
t0=$(date +%s%N); retitle=$("$MASTHEAD" --site "$SITE" publish --json); mh_retitle=$(ms_since "$t0")

diff -rq --exclude=.masthead-build --exclude=.masthead "$SITE/build" "$WORK/host-mh/root" >/dev/null \
    && echo "Check: the Masthead host holds exactly the local build." \
    || { echo "Check FAILED: the host differs from the build" >&2; exit 1; }

printf '\n%-34s %10s %10s %8s\n' "" masthead rclone ratio
printf '%-34s %8d ms %7d ms %8.2f\n' "first publish ($FILES files)" "$mh_first" "$rc_first" "$(echo "$mh_first / $rc_first" | bc -l)"
printf '%-34s %8d ms %7d ms %8.2f\n' "again, nothing changed" "$mh_again" "$rc_again" "$(echo "$mh_again / $rc_again" | bc -l)"
printf '%-34s %8d ms   (%s files sent)\n' "after one article's body edit" "$mh_edit" "$(field "$edit" uploaded)"
printf '%-34s %8d ms   (%s files sent)\n' "after its title changed" "$mh_retitle" "$(field "$retitle" uploaded)"
echo "first: $(echo "$first" | tr -d ' \n')"
echo "again: $(echo "$again" | tr -d ' \n')"
