import type { ServiceView } from '../../../electron/bridge/kioskSnapshot.js';
import { formatFen } from '../i18n/formatMoney.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

export function FeeTable({ fees }: { fees: ServiceView['fees'] }) {
  const { language, t } = useKiosk();
  if (fees.length === 0) return <p className="muted">{t('intro.noFees')}</p>;
  return (
    <table className="fee-table">
      <thead>
        <tr>
          <th scope="col">{t('intro.feeItem')}</th>
          <th scope="col" className="fee-amount">
            {t('intro.feeAmount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {fees.map((fee) => (
          <tr key={fee.code}>
            <td>{pickText(fee.label, language)}</td>
            <td className="fee-amount">{fee.amountFen === 0 ? t('intro.free') : formatFen(fee.amountFen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
