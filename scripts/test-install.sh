#!/usr/bin/env bash
# The install test (`make test-install`, part of `make test`): the .deb as a user gets it,
# checked from the installed files rather than the source tree.
#
# The package is made from the debug binaries `make build` has made: stripped copies in a
# scratch target folder, bundled by `tauri bundle` (no second compile; a release build takes
# many minutes on 2 cores, and `make package` does that one). It is then unpacked into a
# scratch root (dpkg -x: nothing on the machine changes) and checked: `masthead --version`
# prints the package's version, lintian finds no errors, the WebDriver smoke test
# (tests/e2e/smoke.test.mjs) passes against the installed masthead-app, and the timing report's
# start-up figure (tests/e2e/timing.test.mjs, start to an interactive article list) is printed.
# Then, as root only, the update stage (at the end): the package installed for real, updated
# by the installed app itself, and removed.
#
# Usage: scripts/test-install.sh TARGET/debug   (the folder with the debug masthead-app)
#        scripts/test-install.sh PACKAGE.deb    (a package made already: `make package` checks its own)
set -euo pipefail
arg=${1:?usage: scripts/test-install.sh TARGET/debug or PACKAGE.deb}
root_dir=$(cd "$(dirname "$0")/.." && pwd)
tauri=$root_dir/ui/node_modules/.bin/tauri
work=$(mktemp -d "${TMPDIR:-/tmp}/masthead-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "test-install: $*" >&2; exit 1; }
step() { printf 'test-install: %-56s %6d ms\n' "$1" $(($(date +%s%3N) - t)); t=$(date +%s%3N); }
t=$(date +%s%3N)

# bundle_debug DIR BINARY [VERSION]: a .deb of the debug BINARY made in DIR (its path printed).
# The binary as a package has it (a release build is stripped too: profile.release).
bundle_debug() {
  local dir=$1 config
  mkdir -p "$dir/target/debug" "$dir/stage"
  strip -o "$dir/target/debug/masthead-app" "$2"
  gzip -9n <"$root_dir/packaging/changelog" >"$dir/stage/changelog.gz"
  config=$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/share/doc/masthead/changelog.gz":"%s"}}}}%s}' \
    "$dir/stage/changelog.gz" "${3:+,\"version\":\"$3\"}")
  # tauri finds the binaries in CARGO_TARGET_DIR; "debug" bundles the debug profile's.
  (cd "$root_dir" && CARGO_TARGET_DIR="$dir/target" "$tauri" bundle --debug --ci --bundles deb -c "$config" \
    >"$dir/bundle.log" 2>&1) || { cat "$dir/bundle.log" >&2; fail "tauri bundle failed"; }
  local deb
  deb=$(echo "$dir"/target/debug/bundle/deb/*.deb)
  [ -f "$deb" ] || fail "no .deb in $dir/target/debug/bundle/deb"
  echo "$deb"
}

if [[ "$arg" == *.deb ]]; then
  deb=$(realpath "$arg")
  build=package
else
  bin=$arg
  build=debug-package
  deb=$(bundle_debug "$work" "$bin/masthead-app")
  step "made $(basename "$deb") ($(du -m "$deb" | cut -f1) MB)"
fi

version=$(dpkg-deb -f "$deb" Version)
dpkg -x "$deb" "$work/root"
installed=$work/root/usr/bin
got=$("$installed/masthead" --version)
[ "$got" = "masthead $version" ] || fail "masthead --version printed \"$got\", the package is $version"
changelog=$(zcat "$work/root/usr/share/doc/masthead/changelog.gz" | head -1)
[[ "$changelog" == "masthead ($version) "* ]] ||
  fail "packaging/changelog's first entry is \"$changelog\": add one for $version at its top"
step "installed into a scratch root; masthead --version: $version"

# (Its warnings are shown; no-manual-page is known: the commands document themselves, --help.)
lintian --fail-on error --suppress-tags no-manual-page "$deb" >"$work/lintian.log" 2>&1 ||
  { grep -v '^running with root' "$work/lintian.log" >&2; fail "lintian found errors in the package (above)"; }
grep -v '^running with root' "$work/lintian.log" || true
step "lintian: no errors"

# `apt install ./masthead_*.deb` on a clean Debian 12 must bring every library the app loads:
# each one's package is in the closure of the package's Depends.
depends=$(dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed -e 's/(.*)//' -e 's/:any//' -e 's/ //g' | sort -u)
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $depends 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)
mapfile -t libs < <(ldd "$installed/masthead-app" | awk '/=> \// { print $3 }' | xargs realpath | sort -u)
owned=$(dpkg -S "${libs[@]}" 2>/dev/null) || true
for lib in "${libs[@]}"; do
  owner=$(grep -m1 ": $lib\$" <<<"$owned" | cut -d: -f1) || true
  [ -n "$owner" ] || owner=$(dpkg -S "${lib#/usr}" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$owner" ] || fail "no package owns $lib, which masthead-app loads"
  grep -qx "$owner" <<<"$closure" || fail "masthead-app loads $lib from $owner, which the package's Depends do not bring"
done
step "the ${#libs[@]} libraries the app loads come with its Depends"

cd "$root_dir"
MASTHEAD_APP=$installed/masthead-app MASTHEAD_BIN=$installed/masthead E2E_OUT=$work/e2e \
  timeout -k 10 300 xvfb-run -a --server-args="-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=120000 tests/e2e/smoke.test.mjs >"$work/e2e.log" 2>&1 ||
  { cat "$work/e2e.log" >&2; fail "the smoke test failed against the installed app"; }
step "smoke test against the installed app: passed"

MASTHEAD_APP=$installed/masthead-app MASTHEAD_BIN=$installed/masthead E2E_OUT=$work/e2e MASTHEAD_BUILD=$build \
  timeout -k 10 300 xvfb-run -a --server-args="-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=120000 --test-name-pattern='^timing report$' \
  tests/e2e/timing.test.mjs >"$work/timing.log" 2>&1 ||
  { cat "$work/timing.log" >&2; fail "the timing report failed against the installed app"; }
start=$(node -p "require('$work/e2e/timing.json').start_to_list_ms")
step "installed app: start to an interactive list in $start ms"

# The update stage (debug packages, as root: CI): the package really installed with dpkg, then
# updated by the installed app itself from a feed on 127.0.0.1 (tests/install/update-e2e.mjs)
# to a newer package, 0.2.0: the same code built with that version (TAURI_CONFIG, which only
# the app crate reads: a few seconds), bundled as above, its feed made by
# scripts/release-feed.sh with a throwaway key. The debug build reads the feed's address and
# that key from MASTHEAD_UPDATE_FEED and MASTHEAD_UPDATE_PUBKEY; a release build does not.
[ "$build" = debug-package ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "test-install: the update stage needs root (dpkg -i): not run here; CI runs it"
  exit 0
fi
if dpkg-query -W -f='${Status}' masthead 2>/dev/null | grep -q 'ok installed'; then
  echo "test-install: Masthead is installed on this machine: the update stage (which installs and removes it) is not run"
  exit 0
fi
command -v sudo >/dev/null || fail "the update stage needs sudo (the updater's way to run dpkg as root here): make deps"
newer=0.2.0
(cd "$root_dir" && TAURI_CONFIG="{\"version\":\"$newer\"}" cargo build --locked -q -p masthead-app) ||
  fail "building the $newer test app failed"
mkdir -p "$work/newer/bin"
cp "$bin/masthead-app" "$work/newer/bin/masthead-app"
# The tests after this one use the app as it was.
(cd "$root_dir" && cargo build --locked -q -p masthead-app) || fail "rebuilding the app failed"
new_deb=$(bundle_debug "$work/newer" "$work/newer/bin/masthead-app" "$newer")
step "made $(basename "$new_deb") (the update)"

trap 'dpkg --purge masthead >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i $(basename "$deb") failed"; }
[ "$(dpkg-query -W -f='${Version}' masthead)" = "$version" ] || fail "dpkg does not list masthead $version"
step "dpkg -i $(basename "$deb")"

NEW_DEB=$new_deb OLD_VERSION=$version MASTHEAD_APP=/usr/bin/masthead-app MASTHEAD_BIN=/usr/bin/masthead \
  E2E_OUT=$work/e2e timeout -k 10 300 xvfb-run -a --server-args="-screen 0 1280x800x24" \
  node --test --test-concurrency=1 --test-timeout=200000 tests/install/update-e2e.mjs >"$work/update.log" 2>&1 ||
  { cat "$work/update.log" >&2; fail "the installed app did not update itself (above)"; }
[ "$(dpkg-query -W -f='${Version}' masthead)" = "$newer" ] || fail "after the update, dpkg does not list masthead $newer"
grep -q "^# pass 1$" "$work/update.log" && grep -E "^(# (pass|fail)|ok )" "$work/update.log" || { cat "$work/update.log" >&2; fail "the update test did not run"; }
step "the installed app refused a damaged $newer, then updated itself to it"
dpkg --purge masthead >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --purge masthead failed"; }
[ ! -e /usr/bin/masthead-app ] || fail "dpkg --purge left /usr/bin/masthead-app"
step "dpkg --purge masthead"
