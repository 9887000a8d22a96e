#!/bin/bash
# Locks a Debian / Kylin terminal down for gov-kiosk, once, after `dpkg -i gov-kiosk_*.deb`:
#   sudo /opt/gov-kiosk/resources/os/linux/install-lockdown.sh
# It creates the unprivileged user gov-kiosk, installs the systemd units (the kiosk in cage
# on tty1, the nightly-restart backstop, the staged-update installer), the udev rules for the
# devices, logind and sysctl settings, and makes the kiosk start at boot. Re-running it is
# safe. It does not install the terminal config: see the README, "Deployment".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
user="gov-kiosk"
home="/var/lib/gov-kiosk"

if [ "$(id -u)" -ne 0 ]; then
  echo "run as root: sudo $0" >&2
  exit 1
fi
missing=()
for command in cage seatd socat gpgv; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}. Install them first, e.g.: apt-get install cage seatd socat gpgv" >&2
  exit 1
fi
[ -x /opt/gov-kiosk/gov-kiosk ] || { echo "gov-kiosk is not installed in /opt/gov-kiosk: dpkg -i the package first" >&2; exit 1; }

# The kiosk user: a system account, no password, no shell, its home is the state directory.
getent group "$user" >/dev/null || groupadd --system "$user"
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --gid "$user" --home-dir "$home" --no-create-home --shell /usr/sbin/nologin \
    --comment "gov-kiosk self-service terminal" "$user"
fi
for group in video render audio dialout; do
  getent group "$group" >/dev/null && usermod --append --groups "$group" "$user"
done
install -d -o "$user" -g "$user" -m 0750 "$home" "$home/data" "$home/updates"

# Units and helpers.
install -m 0644 "$here/gov-kiosk.service" "$here/gov-kiosk-nightly-restart.service" \
  "$here/gov-kiosk-nightly-restart.timer" "$here/gov-kiosk-update.service" "$here/gov-kiosk-update.path" \
  /etc/systemd/system/
install -d -m 0755 /usr/lib/gov-kiosk
install -m 0755 "$here/restart-if-stale.sh" /usr/lib/gov-kiosk/restart-if-stale
install -m 0755 "$here/install-update.sh" /usr/lib/gov-kiosk/install-update
install -m 0755 "$here/kioskctl" /usr/local/bin/kioskctl
install -d -m 0755 /etc/gov-kiosk
[ -f /etc/gov-kiosk/release-keyring.gpg ] ||
  echo "note: no /etc/gov-kiosk/release-keyring.gpg yet: updates are refused until the release key is installed"

# Devices.
install -m 0644 "$here/70-gov-kiosk-devices.rules" /etc/udev/rules.d/
udevadm control --reload
udevadm trigger --action=change

# No consoles, no power/suspend keys, no SysRq, no Ctrl+Alt+Del reboot.
install -d -m 0755 /etc/systemd/logind.conf.d
install -m 0644 "$here/logind-gov-kiosk.conf" /etc/systemd/logind.conf.d/gov-kiosk.conf
install -m 0644 "$here/sysctl-gov-kiosk.conf" /etc/sysctl.d/60-gov-kiosk.conf
sysctl --quiet --load /etc/sysctl.d/60-gov-kiosk.conf
systemctl mask ctrl-alt-del.target

# Boot into the kiosk: no display manager, the kiosk owns tty1.
systemctl daemon-reload
for dm in gdm3 lightdm sddm lxdm; do
  systemctl disable --now "$dm.service" 2>/dev/null || true
done
systemctl set-default graphical.target
systemctl enable seatd.service gov-kiosk.service gov-kiosk-nightly-restart.timer gov-kiosk-update.path
echo "gov-kiosk lockdown installed. Put the terminal config in $home/data/terminal.json, then: systemctl start gov-kiosk (or reboot)."
