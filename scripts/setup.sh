#!/usr/bin/env bash
# Installs what Deskbench needs on Debian/Ubuntu, skipping what is already there.
# Sourced by demo.sh and test.sh; safe to run again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Root runs apt-get directly; anyone else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages among "$@" that are missing.
install_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

node_is_recent() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

# What building and running the desktop app needs (Tauri 2 on WebKitGTK 4.1).
install_app_prerequisites() {
  install_packages build-essential pkg-config curl ca-certificates \
    libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_packages nodejs npm
  fi
  # Vite 8 needs Node.js 20.19 or newer; Debian 12 and Ubuntu 24.04 ship 18, so fetch
  # the current LTS with `n` (from npm) when the system's is too old.
  if ! node_is_recent; then
    echo "==> Installing Node.js 22 (the system's $(node --version) is too old)"
    as_root npm install -g --no-audit --no-fund n >/dev/null
    as_root n 22 >/dev/null
    hash -r
  fi
  if ! node_is_recent; then
    echo "error: Node.js 20.19 or newer is needed (found $(node --version)); install it from nodejs.org" >&2
    exit 1
  fi
  if ! command -v cargo >/dev/null; then
    echo "==> Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
  fi
}

# Extra tools for the test suite: a virtual display, the WebDriver for the real app, a
# keychain (gnome-keyring on a private D-Bus) for the app's token storage, and xclip to
# read back what the app puts on the display's clipboard.
install_test_prerequisites() {
  install_packages xvfb webkit2gtk-driver gnome-keyring dbus xclip
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
  if ! command -v tauri-driver >/dev/null; then
    echo "==> Installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
}

# The front end's npm packages, exactly as locked.
install_ui_packages() {
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    echo "==> Installing the UI's npm packages"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
