import { useState } from 'react';
import { pickText } from '../../i18n/pickText.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';
import { ratingLevelsHighestFirst, ratingIntent, type Stars } from '../ratingChoice.js';

/**
 * 好差评 without hints: five equal-looking levels, highest first, nothing preselected. A bad
 * level reveals the preset reasons and an optional callback; Skip is always there.
 * `outcomeKey` is how the flow ended, in that flow's words.
 */
export function RateView({ view, outcomeKey }: { view: SharedViewOf<'rate'>; outcomeKey: MessageKey }) {
  const { language, t, send } = useKiosk();
  const [stars, setStars] = useState<Stars | null>(null);
  const [reasons, setReasons] = useState<ReadonlySet<string>>(new Set());
  const [callback, setCallback] = useState(false);
  const levels = ratingLevelsHighestFirst(view.levels);
  const chosenIsBad = levels.find((level) => level.stars === stars)?.bad ?? false;

  function toggleReason(code: string) {
    setReasons((chosen) => {
      const next = new Set(chosen);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }

  return (
    <FlowLayout
      view={view}
      actions={
        <>
          <button type="button" className="button button-secondary button-large" data-testid="rate-skip" onClick={() => send({ type: 'flow.skipRating' })}>
            {t('flow.rate.skip')}
          </button>
          <button
            type="button"
            className="button button-primary button-large"
            data-testid="rate-submit"
            disabled={stars === null}
            onClick={() => {
              const intent = ratingIntent(levels, stars, reasons, callback);
              if (intent) send(intent);
            }}
          >
            {t('flow.rate.submit')}
          </button>
        </>
      }
    >
      {/* The outcome first: nobody should rate a service without knowing how it ended. */}
      <p className={`rate-outcome rate-outcome-${view.outcome}`} data-testid="rate-outcome" data-outcome={view.outcome}>
        {t(outcomeKey)}
        {view.receipt && <> {t(view.receipt === 'printed' ? 'flow.result.receiptPrinted' : 'flow.result.receiptKept')}</>}
      </p>
      <p className="flow-instruction">{t('flow.rate.instruction')}</p>
      {view.caseNumber && <p className="flow-case-number">{t('flow.caseNumber', { caseNumber: view.caseNumber })}</p>}
      <div className="rate-levels" role="radiogroup" aria-label={t('flow.rate.instruction')}>
        {levels.map((level) => (
          <button
            key={level.stars}
            type="button"
            role="radio"
            aria-checked={stars === level.stars}
            className={stars === level.stars ? 'rate-level rate-level-chosen' : 'rate-level'}
            data-testid={`rate-level-${level.stars}`}
            onClick={() => setStars(level.stars)}
          >
            <span className="rate-stars" aria-hidden="true">
              {'★'.repeat(level.stars)}
              <span className="rate-stars-empty">{'☆'.repeat(5 - level.stars)}</span>
            </span>
            <span className="rate-label">{pickText(level.label, language)}</span>
          </button>
        ))}
      </div>
      {chosenIsBad && (
        <section className="rate-bad" data-testid="rate-bad-details">
          {view.badReasons.length > 0 && (
            <>
              <h2 className="rate-bad-title">{t('flow.rate.reasonsHeading')}</h2>
              <div className="rate-reasons">
                {view.badReasons.map((reason) => (
                  <button
                    key={reason.code}
                    type="button"
                    role="checkbox"
                    aria-checked={reasons.has(reason.code)}
                    className={reasons.has(reason.code) ? 'rate-reason rate-reason-chosen' : 'rate-reason'}
                    data-testid={`rate-reason-${reason.code}`}
                    onClick={() => toggleReason(reason.code)}
                  >
                    <span className="check-box" aria-hidden="true" />
                    {pickText(reason.label, language)}
                  </button>
                ))}
              </div>
            </>
          )}
          <button
            type="button"
            role="checkbox"
            aria-checked={callback}
            className={callback ? 'rate-reason rate-reason-chosen rate-callback' : 'rate-reason rate-callback'}
            data-testid="rate-callback"
            onClick={() => setCallback((wanted) => !wanted)}
          >
            <span className="check-box" aria-hidden="true" />
            {t('flow.rate.callback')}
          </button>
        </section>
      )}
    </FlowLayout>
  );
}
