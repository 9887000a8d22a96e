import type { ReactNode } from 'react';
import { formatFen } from '../../i18n/formatMoney.js';
import { pickText } from '../../i18n/pickText.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';

interface ResultFrameProps {
  view: SharedViewOf<'result'>;
  /** What the citizen came for was done (and paid for): a tick, and the amount as paid; an exclamation mark otherwise. */
  good: boolean;
  /** How the flow ended, in that flow's words. */
  outcomeKey: MessageKey;
  /** Something else to take now (printed certificates), shown beside the receipt notice. */
  notice?: ReactNode;
  /** What the flow has to tell besides: what was issued or accepted, who is missing. */
  children?: ReactNode;
}

/**
 * How a flow ended, the same way in every flow: the outcome, where the receipt is (what to
 * do now comes first), the case number and money, the flow's own facts, the reasons, and Finish.
 */
export function ResultFrame({ view, good, outcomeKey, notice, children }: ResultFrameProps) {
  const { language, t, send } = useKiosk();
  const amount = view.amountFen !== null && view.amountFen > 0 ? formatFen(view.amountFen) : null;
  return (
    <FlowLayout
      view={view}
      actions={
        <button type="button" className="button button-primary button-large" data-testid="flow-finish" onClick={() => send({ type: 'session.end' })}>
          {t('flow.result.finish')}
        </button>
      }
    >
      <section className="flow-result" data-testid="flow-result" data-outcome={view.outcome} data-receipt={view.receipt ?? 'none'}>
        <div className="flow-result-head">
          <svg className={good ? 'flow-result-mark flow-result-mark-good' : 'flow-result-mark'} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <circle cx="24" cy="24" r="24" />
            {good ? <path d="M13 25l7 7 15-16" /> : <path d="M24 13v2M24 21v14" />}
          </svg>
          <h2 className="flow-instruction">{t(outcomeKey)}</h2>
        </div>
        {(view.receipt || notice) && (
          <div className="result-notices">
            {view.receipt && (
              <p className={view.receipt === 'printed' ? 'flow-receipt' : 'flow-receipt flow-receipt-kept'} data-testid="flow-receipt">
                {t(view.receipt === 'printed' ? 'flow.result.receiptPrinted' : 'flow.result.receiptKept')}
              </p>
            )}
            {notice}
          </div>
        )}
        {(view.caseNumber || amount) && (
          <p className="flow-result-facts">
            {view.caseNumber && <span data-testid="flow-case-number">{t('flow.caseNumber', { caseNumber: view.caseNumber })}</span>}
            {amount && good && <span>{t('flow.result.paid', { amount })}</span>}
            {amount && view.outcome === 'refunded' && <span>{t('flow.result.refundAmount', { amount })}</span>}
          </p>
        )}
        {children}
        {view.reasons.length > 0 && (
          <div className="flow-reasons" data-testid="flow-reasons">
            <h3>{t('flow.result.reasonsHeading')}</h3>
            <ul>
              {view.reasons.map((reason) => (
                <li key={reason.code}>{pickText(reason.message, language)}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </FlowLayout>
  );
}
