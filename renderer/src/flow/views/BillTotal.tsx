import { formatFen } from '../../i18n/formatMoney.js';
import { useKiosk } from '../../state/kioskContext.js';

/** The amount due at the foot of a bill table, large and on its own row. */
export function BillTotal({ amountFen, testId }: { amountFen: number; testId: string }) {
  const { t } = useKiosk();
  return (
    <tfoot>
      <tr className="flow-bill-total">
        <th scope="row">{t('flow.pay.total')}</th>
        <td className="fee-amount" data-testid={testId}>
          {formatFen(amountFen)}
        </td>
      </tr>
    </tfoot>
  );
}
