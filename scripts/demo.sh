#!/usr/bin/env bash
# Builds Deskbench and opens it. On the first start the app creates the demo workspace
# (a generated helpdesk) in the OS data folder; no account is needed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

install_app_prerequisites
install_ui_packages
echo "==> Building the UI"
(cd "$ROOT/ui" && npm run build --silent)
echo "==> Building the app (the first build takes a few minutes)"
cargo build --manifest-path "$ROOT/Cargo.toml" --release -p deskbench-app
exec "$ROOT/target/release/deskbench-app"
