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

if [[ "$arg" == *.deb ]]; then
  deb=$(realpath "$arg")
  build=package
else
  bin=$arg
  build=debug-package
  # The binaries as a package has them (a release build is stripped too: profile.release).
  mkdir -p "$work/target/debug" "$work/stage"
  strip -o "$work/target/debug/masthead-app" "$bin/masthead-app"
  gzip -9n <"$root_dir/packaging/changelog" >"$work/stage/changelog.gz"
  files=$(printf '{"/usr/share/doc/masthead/changelog.gz":"%s"}' "$work/stage/changelog.gz")
  # tauri finds the binaries in CARGO_TARGET_DIR; "debug" bundles the debug profile's.
  (cd "$root_dir" && CARGO_TARGET_DIR="$work/target" "$tauri" bundle --debug --ci --bundles deb \
    -c "{\"bundle\":{\"linux\":{\"deb\":{\"files\":$files}}}}" >"$work/bundle.log" 2>&1) ||
    { cat "$work/bundle.log" >&2; fail "tauri bundle failed"; }
  deb=$(echo "$work"/target/debug/bundle/deb/*.deb)
  [ -f "$deb" ] || fail "no .deb in $work/target/debug/bundle/deb"
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
