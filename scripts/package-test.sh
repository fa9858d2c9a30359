#!/usr/bin/env bash
# The .deb as a user gets it: unpacked into a scratch root, it holds the binary, the desktop
# file and the icons, and its binary starts and shows the lock screen (an end-to-end test).
set -euo pipefail
cd "$(dirname "$0")/.."
deb="$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb | head -1)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
export CASEBOOK_PACKAGE_ROOT="$root"
CASEBOOK_E2E_TESTS=tests/e2e/package.test.mjs scripts/e2e.sh "$root/usr/bin/casebook"
