import type { DeviceActionReport } from '../../../electron/bridge/kioskSnapshot.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

/** The outcome of the last staff device action (self-test, reprint, simulation), live. */
export function DeviceActionBanner({ report }: { report: DeviceActionReport | null }) {
  const { language, t } = useKiosk();
  if (!report) return null;
  return (
    <div className={`device-action device-action-${report.state}`} role="status" data-testid="maintenance-last-action" data-state={report.state}>
      <strong>{t('maint.lastAction')}:</strong> <span className="mono">{report.what}</span>
      {report.message && <> — {pickText(report.message, language)}</>}
    </div>
  );
}
