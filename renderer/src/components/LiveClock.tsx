import { formatClockTime, formatLongDate } from '../i18n/formatDateTime.js';
import { useKiosk } from '../state/kioskContext.js';
import { runtimeNow } from '../time/countdown.js';
import { useNow } from '../time/useNow.js';

/** The runtime's time, so every screen of the hall agrees even if this machine's clock drifts. */
export function LiveClock() {
  const { language, clockOffsetMs } = useKiosk();
  const now = runtimeNow(useNow(1000), clockOffsetMs);
  return (
    <div className="live-clock">
      <time className="live-clock-time">{formatClockTime(now, language)}</time>
      <div className="live-clock-date">{formatLongDate(now, language)}</div>
    </div>
  );
}
