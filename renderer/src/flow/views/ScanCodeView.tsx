import { formatFen } from '../../i18n/formatMoney.js';
import { useKiosk } from '../../state/kioskContext.js';
import { DemoDeviceButton } from '../DemoDeviceButton.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';

/** Waits for the citizen's payment code at the scanner. */
export function ScanCodeView({ view }: { view: SharedViewOf<'scan-code'> }) {
  const { t } = useKiosk();
  return (
    <FlowLayout view={view} className="flow-centred">
      <div className="flow-scan" data-testid="flow-scan-code">
        <svg className="flow-scan-picture" viewBox="0 0 160 120" aria-hidden="true" focusable="false">
          <rect className="scan-phone" x="52" y="6" width="56" height="100" rx="10" />
          <rect className="scan-code" x="62" y="26" width="36" height="36" rx="3" />
          <rect className="scan-window" x="20" y="108" width="120" height="10" rx="5" />
        </svg>
        <p className="flow-instruction">{t('flow.scan.instruction')}</p>
        {view.amountFen !== null && <p className="flow-amount">{t('flow.scan.amount', { amount: formatFen(view.amountFen) })}</p>}
        <DemoDeviceButton />
      </div>
    </FlowLayout>
  );
}
