import type { ReactNode } from 'react';
import { formatFen } from '../../i18n/formatMoney.js';
import type { MessageKey } from '../../i18n/translate.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';
import { BillTotal } from './BillTotal.js';

type PaymentView = SharedViewOf<'choose-payment'>;
type Method = PaymentView['methods'][number];
type Withheld = PaymentView['withheld'][number];

const METHOD_TEXT: Readonly<Record<Method, { name: MessageKey; hint: MessageKey }>> = {
  'payment-code': { name: 'flow.pay.method.payment-code', hint: 'flow.pay.method.payment-code.hint' },
  qr: { name: 'flow.pay.method.qr', hint: 'flow.pay.method.qr.hint' },
  'bank-card': { name: 'flow.pay.method.bank-card', hint: 'flow.pay.method.bank-card.hint' },
};

/** Why a method is not offered for this amount, with the limit it is over. */
const WITHHELD_TEXT: Readonly<Record<Method, Readonly<Record<Withheld['reason'], MessageKey>>>> = {
  'payment-code': { 'over-limit': 'flow.pay.withheld.payment-code.over-limit' },
  qr: { 'over-limit': 'flow.pay.withheld.qr.over-limit' },
  'bank-card': { 'over-limit': 'flow.pay.withheld.bank-card.over-limit' },
};

/**
 * What is to be paid, item by item, and the ways to pay it; a way that is not offered for
 * this amount is still listed, greyed, with the reason, so nobody looks for it in vain.
 */
export function ChoosePaymentView({ view, lead }: { view: PaymentView; lead?: ReactNode }) {
  const { language, t, send } = useKiosk();
  const total = view.amountFen ?? view.items.reduce((sum, item) => sum + item.amountFen, 0);
  return (
    <FlowLayout view={view}>
      <p className="flow-instruction">{t('flow.pay.instruction')}</p>
      {lead}
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
          <BillTotal amountFen={total} testId="flow-amount-due" />
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
        {view.withheld.map((withheld) => (
          <div key={withheld.method} className="flow-big-choice flow-big-choice-off" aria-disabled="true" data-testid={`pay-withheld-${withheld.method}`}>
            <span className="flow-big-choice-title">{t(METHOD_TEXT[withheld.method].name)}</span>
            <span className="flow-big-choice-reason">{t(WITHHELD_TEXT[withheld.method][withheld.reason], { limit: formatFen(withheld.limitFen) })}</span>
          </div>
        ))}
      </div>
    </FlowLayout>
  );
}
