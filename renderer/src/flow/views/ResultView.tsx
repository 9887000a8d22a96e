import { formatFen } from '../../i18n/formatMoney.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { choiceTitle, entriesText, stayText } from '../endorsementLabels.js';
import { FlowLayout } from '../FlowLayout.js';
import type { ViewOf } from '../flowViewTypes.js';

/** How it ended, plainly: what was issued, refunded or handed to staff, the case number, and where the receipt is. */
export function ResultView({ view }: { view: ViewOf<'result'> }) {
  const { language, t, send } = useKiosk();
  const good = view.outcome === 'issued';
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
        <svg className={good ? 'flow-result-mark flow-result-mark-good' : 'flow-result-mark'} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="24" />
          {good ? <path d="M13 25l7 7 15-16" /> : <path d="M24 13v2M24 21v14" />}
        </svg>
        <h2 className="flow-instruction">{t(`flow.result.${view.outcome}`)}</h2>
        {/* What to do now comes first: take the receipt (or fetch it at the counter) and the documents. */}
        {view.receipt && (
          <p className={view.receipt === 'printed' ? 'flow-receipt' : 'flow-receipt flow-receipt-kept'} data-testid="flow-receipt">
            {t(view.receipt === 'printed' ? 'flow.result.receiptPrinted' : 'flow.result.receiptKept')}
          </p>
        )}
        {view.holder && <p className="flow-hint">{t('flow.result.takeDocuments')}</p>}
        {(view.caseNumber || amount) && (
          <p className="flow-result-facts">
            {view.caseNumber && <span data-testid="flow-case-number">{t('flow.caseNumber', { caseNumber: view.caseNumber })}</span>}
            {amount && view.outcome === 'issued' && <span>{t('flow.result.paid', { amount })}</span>}
            {amount && view.outcome === 'refunded' && <span>{t('flow.result.refundAmount', { amount })}</span>}
          </p>
        )}

        {view.endorsements.length > 0 && (
          <ul className="flow-issued" data-testid="flow-issued">
            {view.endorsements.map((endorsement) => {
              const stay = stayText(endorsement.stayDays, t);
              return (
                <li key={endorsement.endorsementNumber} className="flow-issued-item">
                  <strong className="flow-issued-title">{choiceTitle(endorsement.kind, endorsement.destination, t)}</strong>
                  <span>{entriesText(endorsement.entries, t)}</span>
                  <span>{t('flow.result.validRange', { from: endorsement.validFrom, until: endorsement.validUntil })}</span>
                  {stay && <span>{stay}</span>}
                  <span>{t('flow.result.endorsementNumber', { number: endorsement.endorsementNumber })}</span>
                </li>
              );
            })}
          </ul>
        )}

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
