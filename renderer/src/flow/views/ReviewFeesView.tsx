import { useState } from 'react';
import { formatFen } from '../../i18n/formatMoney.js';
import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { clampExtraCertificates, extraCertificatesLimit, feesTotalFen, stepExtraCertificates } from '../extraCertificates.js';
import { FlowLayout } from '../FlowLayout.js';
import type { PropertyViewOf } from '../flowViewTypes.js';
import { BillTotal } from './BillTotal.js';
import { TaxTable } from './TaxTable.js';

interface StepperProps {
  count: number;
  max: number;
  unitFen: number;
  onChange(count: number): void;
}

/** − count +, with big keys; the price of one and the limit beside it. */
function ExtraCertificatesStepper({ count, max, unitFen, onChange }: StepperProps) {
  const { t } = useKiosk();
  return (
    <div className="stepper-row" data-testid="extra-certificates">
      <div className="stepper-text">
        <span className="stepper-label">{t('property.fees.extraCertificates')}</span>
        <span className="flow-hint">{t('property.fees.extraHint', { unit: formatFen(unitFen), max })}</span>
      </div>
      <div className="stepper" role="group" aria-label={t('property.fees.extraCertificates')}>
        <button
          type="button"
          className="pin-key stepper-key"
          data-testid="extra-certificates-minus"
          aria-label={t('property.fees.fewer')}
          disabled={count <= 0}
          onClick={() => onChange(stepExtraCertificates(count, -1, max))}
        >
          −
        </button>
        <output className="stepper-value" data-testid="extra-certificates-count" aria-live="polite">
          {count}
        </output>
        <button
          type="button"
          className="pin-key stepper-key"
          data-testid="extra-certificates-plus"
          aria-label={t('property.fees.more')}
          disabled={count >= max}
          onClick={() => onChange(stepExtraCertificates(count, 1, max))}
        >
          +
        </button>
      </div>
    </div>
  );
}

/**
 * What this visit costs: the taxes as assessed (shown with their status, never added up),
 * the registration fees, and how many certificates beyond the first, within the limit.
 */
export function ReviewFeesView({ view }: { view: PropertyViewOf<'review-fees'> }) {
  const { language, t, send } = useKiosk();
  const extra = view.extraCertificates;
  const max = extraCertificatesLimit(extra.max);
  // Starts at the runtime's count (0 the first time, the earlier choice when coming back).
  const [picked, setPicked] = useState(() => clampExtraCertificates(extra.chosen, max));
  const total = feesTotalFen(view.fees, extra, picked);
  return (
    <FlowLayout
      view={view}
      actions={
        <button type="button" className="button button-primary button-large" data-testid="fees-confirm" onClick={() => send({ type: 'flow.confirmFees', extraCertificates: picked })}>
          {t('property.fees.confirm')}
        </button>
      }
    >
      <p className="flow-instruction">{t('property.fees.instruction')}</p>
      <div className="review-columns">
        <section className="review-section" data-testid="fees-taxes">
          <h2>{t('property.taxes.heading')}</h2>
          <TaxTable taxes={view.taxes} />
        </section>
        <section className="review-section" data-testid="fees-lines">
          <h2>{t('property.fees.heading')}</h2>
          <table className="fee-table">
            <tbody>
              {view.fees.map((line) => (
                <tr key={line.code} data-fee-code={line.code}>
                  <td>
                    {pickText(line.label, language)}
                    {line.count !== 1 && <span className="fee-count">{t('property.fees.times', { unit: formatFen(line.unitFen), count: line.count })}</span>}
                  </td>
                  <td className="fee-amount">{formatFen(line.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {max > 0 && <ExtraCertificatesStepper count={picked} max={max} unitFen={extra.unitFen} onChange={setPicked} />}
          <table className="fee-table">
            <BillTotal amountFen={total} testId="fees-total" />
          </table>
        </section>
      </div>
    </FlowLayout>
  );
}
