#!/usr/bin/env bash
# Builds Deskbench and opens it. On the first start the app creates the demo workspace
# (a generated helpdesk) in the OS data folder; no account is needed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

install_app_prerequisites
install_ui_packages
echo "==> Building the UI"
(cd "$ROOT/ui" && npm run build --silent)
# A debug build is ready in about 4 minutes on a cold machine; `--release` gives the
# optimised app (about 20 minutes the first time).
profile=debug
if [ "${1:-}" = "--release" ]; then profile=release; fi
echo "==> Building the app ($profile; the first build takes a few minutes)"
cargo build --manifest-path "$ROOT/Cargo.toml" --workspace --bins $([ "$profile" = release ] && echo --release)
exec "$ROOT/target/$profile/deskbench-app"
