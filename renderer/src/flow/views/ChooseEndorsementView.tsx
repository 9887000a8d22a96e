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
      {view.refused.length > 0 && (
        <section className="flow-refused" data-testid="flow-refused">
          <h2 className="flow-refused-title">{t('flow.choose.refusedHeading')}</h2>
          <ul>
            {view.refused.map((refusal, index) => (
              <li key={index} data-kind={refusal.kind}>
                <strong className="flow-refused-kind">{choiceTitle(refusal.kind, destinationForNaming(refusal.destination, permitType), t)}</strong>
                <span className="flow-refused-reason">{pickText(refusal.reason.message, language)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </FlowLayout>
  );
}
