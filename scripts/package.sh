#!/usr/bin/env bash
# Builds the release packages offline: a .deb and an .rpm under target/release/bundle/, with a
# stripped binary. The AppImage is not built: Tauri's AppImage bundler downloads its runtime at
# bundle time, and Casebook's builds never download anything.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --bundles deb,rpm
echo "package: AppImage skipped (its bundler needs a download; build it on a machine with network: npx tauri build --bundles appimage)"
target="${CARGO_TARGET_DIR:-target}"
for f in "$target"/release/casebook "$target"/release/casebook-app "$target"/release/bundle/deb/*.deb "$target"/release/bundle/rpm/*.rpm; do
  if [ -e "$f" ]; then
    echo "package: $f: $(stat -c %s "$f") bytes ($(du -h "$f" | cut -f1))"
  fi
done
