#!/bin/bash
# Installs an update the kiosk app downloaded and staged, as root, after checking it.
# Run by gov-kiosk-update.service when gov-kiosk-update.path sees the request file;
# installed as /usr/lib/gov-kiosk/install-update.
#
# The app (unprivileged) stages into the updates directory:
#   gov-kiosk_<version>_<arch>.deb       the package electron-updater downloaded (sha512 checked)
#   gov-kiosk_<version>_<arch>.deb.sig   its detached signature by the release key (gpg)
#   request                              VERSION=<version> and FILE=<deb name> lines, written last
# This script trusts none of it: it copies the files into a root-only directory, verifies the
# signature against the release keyring (root-owned; no keyring, no install), checks the
# package name and version, then stops the kiosk, installs, starts it, and leaves a result
# file (STATUS=installed|failed, VERSION=, REASON=) that the app reports at its next start.
set -euo pipefail

updates_dir="${GOV_KIOSK_UPDATES_DIR:-/var/lib/gov-kiosk/updates}"
keyring="${GOV_KIOSK_RELEASE_KEYRING:-/etc/gov-kiosk/release-keyring.gpg}"
unit="${GOV_KIOSK_UNIT:-gov-kiosk.service}"
request="$updates_dir/request"

[ -e "$request" ] || exit 0
work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
# Taking the request away first: the path unit fires again only for a new one.
mv -f -- "$request" "$work/request"

version=""
result() {
  printf 'STATUS=%s\nVERSION=%s\nREASON=%s\n' "$1" "$version" "$2" > "$work/result"
  install -m 0644 -- "$work/result" "$updates_dir/result"
  echo "update ${version:-?}: $1${2:+ ($2)}"
}
fail() {
  result failed "$1"
  exit 1
}

version="$(sed -n 's/^VERSION=\([0-9][0-9A-Za-z.+~-]\{0,63\}\)$/\1/p' "$work/request" | head -n 1)"
file="$(sed -n 's/^FILE=\(gov-kiosk_[0-9][0-9A-Za-z.+~-]\{0,63\}_\(x64\|arm64\|amd64\)\.deb\)$/\1/p' "$work/request" | head -n 1)"
[ -n "$version" ] || fail "request has no valid VERSION line"
[ -n "$file" ] || fail "request has no valid FILE line"
[ -f "$keyring" ] || fail "no release keyring at $keyring: refusing unsigned updates"

cp -- "$updates_dir/$file" "$work/update.deb" 2>/dev/null || fail "staged package $file missing"
cp -- "$updates_dir/$file.sig" "$work/update.deb.sig" 2>/dev/null || fail "signature $file.sig missing"
gpgv --keyring "$keyring" "$work/update.deb.sig" "$work/update.deb" >/dev/null 2>&1 ||
  fail "signature of $file does not verify against the release keyring"
package="$(dpkg-deb --field "$work/update.deb" Package)"
[ "$package" = "gov-kiosk" ] || fail "package is '$package', not gov-kiosk"
deb_version="$(dpkg-deb --field "$work/update.deb" Version)"
# electron-builder writes a semver pre-release "1.2.0-rc.1" as the Debian version "1.2.0~rc.1".
[ "$deb_version" = "$version" ] || [ "$deb_version" = "${version//-/\~}" ] ||
  fail "package version is $deb_version, request says $version"

systemctl stop "$unit"
if dpkg --install "$work/update.deb"; then
  result installed ""
  status=0
else
  result failed "dpkg --install failed"
  status=1
fi
rm -f -- "$updates_dir/$file" "$updates_dir/$file.sig"
systemctl start "$unit"
exit "$status"
