#!/usr/bin/env bash
# Installs what Casebook needs on a Debian machine that has only Rust, Node and npm, and nothing
# more than is missing. `setup.sh run` prepares building and running; `setup.sh test` adds the
# headless display, the WebKit WebDriver and tauri-driver for the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-run}"
packages=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev
          build-essential pkg-config file)
if [ "$purpose" = test ]; then
  packages+=(xvfb xauth webkit2gtk-driver dbus-daemon imagemagick poppler-utils strace xdotool)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: the repository's tooling (Tauri CLI) and the UI. `npm ci` only when the lock
# file changed since the last install.
for dir in . ui; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

if [ "$purpose" = test ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi
