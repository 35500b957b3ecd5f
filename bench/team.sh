#!/usr/bin/env bash
# Team sync benchmark (issue 19): a synthetic site of N articles (default 10 000) on a loopback
# nginx WebDAV host: how long starting the team takes, joining it, a sync with nothing new, and
# sending one edited article.
#   bench/team.sh [N]        MASTHEAD_BIN=/path/to/masthead bench/team.sh 2000
set -euo pipefail
N=${1:-10000}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${MASTHEAD_BIN:-$HOME/.cache/masthead/target/release/masthead}
W=$(mktemp -d)
trap 'kill "$HOSTCTL" 2>/dev/null; rm -rf "$W"' EXIT
python3 "$REPO/bench/gen_site.py" "$W/gen" "$N" >/dev/null
mkdir -p "$W/a/config" "$W/b/config"
echo '{"editor_name":"Ann"}' >"$W/a/config/prefs.json"
echo '{"editor_name":"Bob"}' >"$W/b/config/prefs.json"
A() { MASTHEAD_CONFIG_DIR="$W/a/config" "$BIN" --site "$W/a/site" "$@"; }
B() { MASTHEAD_CONFIG_DIR="$W/b/config" "$BIN" --site "$W/b/site" "$@"; }
ms() { local t0 t1; t0=$(date +%s%N); "$@" >"$W/last.out"; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
A init >/dev/null
A import "$W/gen/masthead" >/dev/null
python3 "$REPO/tests/hosts/hostctl.py" serve webdav-nginx --dir "$W/host" --ignore-stdin >"$W/host.json" 2>/dev/null &
HOSTCTL=$!
for _ in $(seq 50); do [ -s "$W/host.json" ] && break; sleep 0.1; done
URL=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['url'])" "$W/host.json")
A target add team "$URL" </dev/null >/dev/null
echo "articles: $N"
echo "team create (sends the whole site): $(ms A team create team --json) ms"
INV=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['invitation'])" "$W/last.out")
echo "team join (receives the whole site): $(ms B team join "$INV" --json) ms"
echo "sync with nothing new: $(ms B sync --json) ms"
echo "  $(tr -d '\n ' <"$W/last.out")"
F=$(find "$W/gen/masthead/articles" -name "*.md" -printf "%f\n" | sort | sed -n 1p)
mkdir -p "$W/one/articles"
sed 's/^title: .*/title: Edited for the benchmark/' "$W/gen/masthead/articles/$F" >"$W/one/articles/$F"
A import "$W/one" >/dev/null
echo "sync sending one edited article: $(ms A sync --json) ms"
echo "  $(tr -d '\n ' <"$W/last.out")"
echo "sync receiving it: $(ms B sync --json) ms"
echo "  $(tr -d '\n ' <"$W/last.out")"
echo "space on the host: $(du -sh "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['root'])" "$W/host.json")/_masthead_team" | cut -f1)"
