import { formatFen } from '../../i18n/formatMoney.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import type { TaxLine } from '../flowViewTypes.js';

/**
 * The taxes on the transfer as the tax office assessed them, with whether each is paid.
 * Shown only: the terminal neither computes nor adds them up, nor collects them.
 */
export function TaxTable({ taxes }: { taxes: readonly TaxLine[] }) {
  const { language, t } = useKiosk();
  if (taxes.length === 0) return <p className="flow-hint">{t('property.taxes.none')}</p>;
  return (
    <table className="fee-table" data-testid="tax-table">
      <thead>
        <tr>
          <th scope="col">{t('property.taxes.item')}</th>
          <th scope="col" className="fee-amount">
            {t('property.taxes.amount')}
          </th>
          <th scope="col" className="tax-status-column">
            {t('property.taxes.status')}
          </th>
        </tr>
      </thead>
      <tbody>
        {taxes.map((tax) => (
          <tr key={tax.taxId} data-tax-status={tax.status}>
            <td>{pickText(tax.name, language)}</td>
            <td className="fee-amount">{formatFen(tax.amountFen)}</td>
            <td className="tax-status-column">
              <span className={tax.status === 'paid' ? 'status-pill status-ok' : 'status-pill status-stopped'}>
                {t(tax.status === 'paid' ? 'property.taxes.paid' : 'property.taxes.unpaid')}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
