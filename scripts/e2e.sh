#!/usr/bin/env bash
# End-to-end tests: the real app binary, driven through tauri-driver + WebKitWebDriver under a
# virtual display, one WebDriver session at a time, each test with its own temporary notebook.
# Screenshots land in tests/e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --inside-display ]; then
  # Second stage, under Xvfb and a private D-Bus session: start the driver, run the tests.
  tauri-driver --port 4444 >"$CASEBOOK_E2E_ARTIFACTS/tauri-driver.log" 2>&1 &
  driver=$!
  trap 'kill $driver 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    (echo > /dev/tcp/127.0.0.1/4444) 2>/dev/null && break
    sleep 0.1
  done
  # CASEBOOK_E2E_TESTS may name a subset of test files.
  node --test --test-concurrency=1 ${CASEBOOK_E2E_TESTS:-tests/e2e/*.test.mjs}
  exit $?
fi

app="$(realpath "${1:-target/debug/casebook}")"
[ -x "$app" ] || { echo "e2e: no app binary at $app (run: make e2e)"; exit 1; }

export CASEBOOK_E2E_APP="$app"
export CASEBOOK_E2E_ARTIFACTS="$PWD/tests/e2e/artifacts"
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export WEBKIT_DISABLE_DMABUF_RENDERER=1
export NO_AT_BRIDGE=1
mkdir -p "$CASEBOOK_E2E_ARTIFACTS"
# The app's own logs go to a throwaway folder, not the user's.
export XDG_DATA_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME="$XDG_DATA_HOME/config"

exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" --inside-display
