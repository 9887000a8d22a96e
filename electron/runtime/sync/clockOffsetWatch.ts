import type { AuditSink } from '../audit/auditSink.js';
import type { SystemNotices } from '../store/systemNotices.js';

export const CLOCK_OFF_NOTICE = 'clock.off-from-platform';

/** Beyond this the clock is worth a staff visit: receipts, the quiet window and the daily reconciliation all read it. */
export const CLOCK_NOTICE_THRESHOLD_MS = 60_000;

/** Only within this does the notice close again: an offset hovering near the threshold does not open and close it each beat. */
export const CLOCK_NOTICE_CLEAR_MS = 30_000;

// No figure in the words: an open notice with the same words is not repeated as the offset wanders.
const CLOCK_OFF_MESSAGE =
  "The terminal's clock differs from the platform's by more than a minute. Receipts, the quiet window and the daily payment reconciliation read it: check the time service (timedatectl status) and that the NTP server is reachable.";

/**
 * Watches the clock offset each heartbeat measures (platform − terminal). Past the threshold,
 * staff get a notice (the platform link itself keeps working: the client signs with the
 * platform's time); once the offset is well back within it, the notice closes by itself.
 */
export function watchClockOffset(deps: { notices: Pick<SystemNotices, 'record' | 'resolve'>; audit: AuditSink }): (offsetMs: number | null) => void {
  let reported = false;
  return (offsetMs) => {
    if (offsetMs === null) return;
    if (Math.abs(offsetMs) > CLOCK_NOTICE_THRESHOLD_MS) {
      if (reported) return;
      reported = true;
      deps.notices.record(CLOCK_OFF_NOTICE, CLOCK_OFF_MESSAGE);
      deps.audit.append({ actor: 'system', action: 'clock.off-from-platform', detail: { offsetMs } });
      return;
    }
    if (Math.abs(offsetMs) > CLOCK_NOTICE_CLEAR_MS) return;
    reported = false;
    if (deps.notices.resolve(CLOCK_OFF_NOTICE, CLOCK_OFF_MESSAGE)) deps.audit.append({ actor: 'system', action: 'clock.agrees-with-platform', detail: { offsetMs } });
  };
}
