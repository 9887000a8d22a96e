import { formatFen } from '../../i18n/formatMoney.js';
import type { MessageKey } from '../../i18n/translate.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { ViewOf } from '../flowViewTypes.js';
import { HolderLine } from './HolderLine.js';

type Method = ViewOf<'choose-payment'>['methods'][number];

const METHOD_TEXT: Readonly<Record<Method, { name: MessageKey; hint: MessageKey }>> = {
  'payment-code': { name: 'flow.pay.method.payment-code', hint: 'flow.pay.method.payment-code.hint' },
  'bank-card': { name: 'flow.pay.method.bank-card', hint: 'flow.pay.method.bank-card.hint' },
};

/** What is to be paid, item by item, and the ways to pay it. */
export function ChoosePaymentView({ view }: { view: ViewOf<'choose-payment'> }) {
  const { language, t, send } = useKiosk();
  const total = view.amountFen ?? view.items.reduce((sum, item) => sum + item.amountFen, 0);
  return (
    <FlowLayout view={view}>
      <p className="flow-instruction">{t('flow.pay.instruction')}</p>
      <HolderLine holder={view.holder} />
      <section className="flow-bill" data-testid="flow-bill">
        <table className="fee-table">
          <tbody>
            {view.items.map((item, index) => (
              <tr key={index}>
                <td>{pickText(item.description, language)}</td>
                <td className="fee-amount">{formatFen(item.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="flow-bill-total">
              <th scope="row">{t('flow.pay.total')}</th>
              <td className="fee-amount" data-testid="flow-amount-due">
                {formatFen(total)}
              </td>
            </tr>
          </tfoot>
        </table>
        {view.caseNumber && <p className="flow-case-number">{t('flow.caseNumber', { caseNumber: view.caseNumber })}</p>}
      </section>
      <div className="flow-pay-methods">
        {view.methods.map((method) => (
          <button
            key={method}
            type="button"
            className="flow-big-choice"
            data-testid={`pay-method-${method}`}
            onClick={() => send({ type: 'flow.pay', method })}
          >
            <span className="flow-big-choice-title">{t(METHOD_TEXT[method].name)}</span>
            <span className="flow-big-choice-detail">{t(METHOD_TEXT[method].hint)}</span>
          </button>
        ))}
      </div>
    </FlowLayout>
  );
}
