#!/usr/bin/env bash
# Sets up a fresh Debian (or Kylin/UOS) machine for the kiosk: the system packages the
# project needs at run and test time, then the npm dependencies, then a build.
#   chromium          the browser shell's window and the end-to-end tests
#   socat             pseudo-terminals for the serial-port tests
#   libusb-1.0-0      node-hid / usb at run time
#   fonts-wqy-microhei  a CJK font, so Chinese renders on a bare machine
#   python3 make g++  better-sqlite3 compiles from source when no prebuilt binary matches
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium socat libusb-1.0-0 fonts-wqy-microhei python3 make g++ ca-certificates systemd)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The electron package's own download is denied in package.json allowScripts; this is belt and braces.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# `npm install` (which keeps the versions in package-lock.json) rather than `npm ci`: npm 11
# writes lockfiles without other platforms' optional packages (rollup's native builds) and
# its own `npm ci` then rejects them as out of sync (npm/cli#4828, #9846).
npm install --no-audit --no-fund
npm run build --silent
