import { formatFen } from '../../i18n/formatMoney.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { choiceTitle, destinationForNaming, optionFacts } from '../endorsementLabels.js';
import { FlowLayout } from '../FlowLayout.js';
import type { EndorsementViewOf } from '../flowViewTypes.js';
import { HolderLine } from './HolderLine.js';

/**
 * Only what the platform allows, each option one big button with everything that matters
 * (entries, validity, stay, fee); the refused kinds below, each with the platform's reason.
 */
export function ChooseEndorsementView({ view }: { view: EndorsementViewOf<'choose-endorsement'> }) {
  const { language, t, send } = useKiosk();
  const permitType = view.holder?.permitType ?? null;
  return (
    <FlowLayout view={view}>
      <p className="flow-instruction">{t(view.choices.length > 0 ? 'flow.choose.instruction' : 'flow.choose.none')}</p>
      <HolderLine holder={view.holder} />
      {/* Every option in one dense grid (each names its endorsement), the refused ones beside it in landscape. */}
      <div className="flow-choices">
        <div className="flow-option-grid">
          {view.choices.map((choice) => (
            <section key={`${choice.kind}-${choice.destination}`} className="flow-choice" data-testid={`choice-${choice.kind}-${choice.destination}`}>
              <h2 className="flow-choice-title">{choiceTitle(choice.kind, choice.destination, t)}</h2>
              <div className="flow-options">
                {choice.options.map((option) => (
                  <button
                    key={option.optionCode}
                    type="button"
                    className="flow-option"
                    data-testid={`choose-option-${choice.kind}-${choice.destination}-${option.optionCode}`}
                    onClick={() => send({ type: 'flow.choose', kind: choice.kind, destination: choice.destination, optionCode: option.optionCode })}
                  >
                    <span className="flow-option-facts">
                      <span className="flow-option-kind">{choiceTitle(choice.kind, choice.destination, t)}</span>
                      {optionFacts(option, t).map((fact, index) => (
                        <span key={index} className={index === 0 ? 'flow-option-main' : 'flow-option-fact'}>
                          {fact}
                        </span>
                      ))}
                    </span>
                    <span className="flow-option-fee">
                      <span className="flow-option-fee-label">{pickText(option.fee.label, language)}</span>
                      <span className="flow-option-fee-amount">{formatFen(option.fee.amountFen)}</span>
                    </span>
                  </button>
                ))}
              </div>
            </section>
          ))}
        </div>
        {view.refused.length > 0 && (
          <section className="flow-refused" data-testid="flow-refused">
            <h2 className="flow-refused-title">{t('flow.choose.refusedHeading')}</h2>
            <ul>
              {sameReasonTogether(view.refused).map((group) => (
                <li key={JSON.stringify(group.reason)}>
                  <span className="flow-refused-kinds">
                    {group.refusals.map((refusal, index) => (
                      <strong key={index} className="flow-refused-kind" data-kind={refusal.kind}>
                        {choiceTitle(refusal.kind, destinationForNaming(refusal.destination, permitType), t)}
                      </strong>
                    ))}
                  </span>
                  <span className="flow-refused-reason">{pickText(group.reason.message, language)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </FlowLayout>
  );
}

type Refusal = EndorsementViewOf<'choose-endorsement'>['refused'][number];

/** Refusals for the same reason share one entry: the platform often refuses several kinds for one reason. */
function sameReasonTogether(refused: readonly Refusal[]): Array<{ reason: Refusal['reason']; refusals: Refusal[] }> {
  const groups = new Map<string, { reason: Refusal['reason']; refusals: Refusal[] }>();
  for (const refusal of refused) {
    // The whole reason, not just its code: two different messages are never merged.
    const key = JSON.stringify(refusal.reason);
    const group = groups.get(key);
    if (group) group.refusals.push(refusal);
    else groups.set(key, { reason: refusal.reason, refusals: [refusal] });
  }
  return [...groups.values()];
}
