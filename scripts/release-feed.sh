#!/usr/bin/env bash
# The update feed (`make release-feed FEED_URL=…`): signs each package in dist/ with the
# project's minisign key (PACKAGE.sig) and writes dist/latest.json, the static file the app's
# updater is to read. Copy dist/latest.json, the packages and their .sig files to FEED_URL on
# any web host: no service of ours is needed. The format is documented in docs/updates.md.
#
# The private key is never in the repository: a maintainer keeps it (and its password) in a
# password manager and passes it here by path, as `tauri signer generate` wrote it:
#   TAURI_SIGNING_PRIVATE_KEY_PATH=~/.config/masthead/updater.key \
#   TAURI_SIGNING_PRIVATE_KEY_PASSWORD=… scripts/release-feed.sh https://example.org/masthead/
# Each signature also binds the package's version (its trusted comment), so a feed that
# announces another version than the package it points to can be told apart.
set -euo pipefail
url=${1:?usage: scripts/release-feed.sh FEED_URL [DIST_DIR]}
dist=${2:-dist}
root_dir=$(cd "$(dirname "$0")/.." && pwd)
tauri=$root_dir/ui/node_modules/.bin/tauri
: "${TAURI_SIGNING_PRIVATE_KEY_PATH:?set TAURI_SIGNING_PRIVATE_KEY_PATH to the private key file of the project (kept out of the repository)}"
export TAURI_SIGNING_PRIVATE_KEY_PASSWORD=${TAURI_SIGNING_PRIVATE_KEY_PASSWORD:-}
[[ "$url" == */ ]] || url="$url/"
# The release's version and notes come from the changelog's first entry (the install test's
# update stage passes its own, for a newer test package).
changelog=${CHANGELOG:-$root_dir/packaging/changelog}

version=$(sed -n '1s/^masthead (\([^)]*\)).*/\1/p' "$changelog")
# The release notes: the first entry of the changelog, without its heading and signature.
notes=$(awk 'NR > 1 && /^ -- / { exit } NR > 1' "$changelog" | sed -e 's/^  //' -e '/./,$!d')

shopt -s nullglob
declare -A platform=()
for pkg in "$dist"/*_"$version"_amd64.deb "$dist"/*-"$version"-*.x86_64.rpm; do
  kind=${pkg##*.}
  if [[ $kind == deb && $(dpkg-deb -f "$pkg" Version) != "$version" ]]; then
    echo "$pkg is not version $version (the first entry of $changelog)" >&2
    exit 1
  fi
  "$tauri" signer sign --app-version "$version" "$pkg" >/dev/null
  platform[$kind]=$pkg
done
((${#platform[@]})) || { echo "no $version packages in $dist/: run make package first" >&2; exit 1; }

entry() { # kind → one platforms entry
  local pkg=${platform[$1]}
  printf '"url": %s, "signature": %s' \
    "$(node -p 'JSON.stringify(process.argv[1])' "$url$(basename "$pkg")")" \
    "$(node -p 'JSON.stringify(process.argv[1])' "$(cat "$pkg.sig")")"
}
{
  printf '{\n  "version": "%s",\n  "notes": %s,\n  "pub_date": "%s",\n  "platforms": {\n' \
    "$version" "$(node -p 'JSON.stringify(process.argv[1])' "$notes")" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  sep=""
  for kind in deb rpm; do
    [[ -n "${platform[$kind]:-}" ]] || continue
    printf '%s    "linux-x86_64-%s": { %s }' "$sep" "$kind" "$(entry "$kind")"
    sep=$',\n'
  done
  # Updaters that do not say how they were installed: the .deb.
  [[ -n "${platform[deb]:-}" ]] && printf '%s    "linux-x86_64": { %s }' "$sep" "$(entry deb)"
  printf '\n  }\n}\n'
} >"$dist/latest.json"
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1]))' "$dist/latest.json"
echo "wrote $dist/latest.json ($version: ${!platform[*]}); upload it with the packages and their .sig files to $url"
