#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the Rust tests, the UI's type check,
# lint and unit tests, and the end-to-end tests of the real app under a virtual display
# (then its readability once more on a 4K display at 200%).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

install_app_prerequisites
install_test_prerequisites
install_ui_packages
cd "$ROOT"

step() { echo; echo "==> $*"; }

step "UI: build (embedded into the app)"
(cd ui && npm run build --silent)
step "Rust: cargo fmt --check"
cargo fmt --all -- --check
step "Rust: cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "Rust: cargo test"
cargo test --workspace --locked
step "UI: type check, lint, unit tests"
(cd ui && npm run check && npm run lint && npm test)
step "End-to-end: the real app under Xvfb through WebDriver"
cargo build --workspace --locked --bins
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
# A throw-away keyring in a private D-Bus session, so the app's keychain calls are real
# and nothing touches the user's own keyring.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf deskbench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a --server-args="-screen 0 1440x900x24" node --test --test-concurrency=1 tests/e2e/'
step "End-to-end: readability on a 4K screen at 200% (GDK_SCALE=2)"
# Its own display, 3840×2160; the same throw-away data folder keeps the user's app
# settings out of it.
XDG_DATA_HOME="$keyring_home" DESKBENCH_E2E_4K=1 xvfb-run -a --server-args="-screen 0 3840x2160x24" node --test tests/e2e/readability-4k.test.mjs
