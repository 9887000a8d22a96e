import { useKiosk } from '../../state/kioskContext.js';
import { choiceTitle, entriesText, stayText } from '../endorsementLabels.js';
import type { EndorsementViewOf } from '../flowViewTypes.js';
import { ResultFrame } from './ResultFrame.js';

/** How an endorsement ended, plainly: what was issued, refunded or handed to staff, the case number, and where the receipt is. */
export function ResultView({ view }: { view: EndorsementViewOf<'result'> }) {
  const { t } = useKiosk();
  return (
    <ResultFrame view={view} good={view.outcome === 'issued'} outcomeKey={`flow.result.${view.outcome}`}>
      {view.holder && <p className="flow-hint">{t('flow.result.takeDocuments')}</p>}

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
    </ResultFrame>
  );
}
