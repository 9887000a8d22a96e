#!/bin/bash
# Restarts the kiosk when its current run is older than GOV_KIOSK_MAX_UPTIME_HOURS, i.e. when
# the app's own nightly restart in the quiet window did not happen. Run by
# gov-kiosk-nightly-restart.service; installed as /usr/lib/gov-kiosk/restart-if-stale.
set -euo pipefail

unit="${GOV_KIOSK_UNIT:-gov-kiosk.service}"
max_hours="${GOV_KIOSK_MAX_UPTIME_HOURS:-26}"
if ! [[ "$max_hours" =~ ^[0-9]+$ ]] || [ "$max_hours" -lt 1 ]; then
  echo "GOV_KIOSK_MAX_UPTIME_HOURS must be a whole number of hours >= 1, not '$max_hours'" >&2
  exit 2
fi

state="$(systemctl show --property=ActiveState --value "$unit")"
if [ "$state" != "active" ]; then
  echo "$unit is $state: nothing to restart"
  exit 0
fi

entered="$(systemctl show --property=ActiveEnterTimestamp --value "$unit")"
if ! entered_s="$(date -d "$entered" +%s 2>/dev/null)"; then
  echo "cannot read when $unit started ('$entered'); not restarting" >&2
  exit 1
fi
uptime_h=$(( ($(date +%s) - entered_s) / 3600 ))

if [ "$uptime_h" -lt "$max_hours" ]; then
  echo "$unit up ${uptime_h} h (< ${max_hours} h): its own nightly restart happened"
  exit 0
fi
echo "$unit up ${uptime_h} h (>= ${max_hours} h): it missed its nightly restart; restarting"
systemctl restart "$unit"
