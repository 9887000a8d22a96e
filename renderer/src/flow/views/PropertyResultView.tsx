import { useKiosk } from '../../state/kioskContext.js';
import type { PropertyViewOf } from '../flowViewTypes.js';
import { certificateName, DELIVERY_TEXT, missingParties, partyTitle, propertyOutcomeKey } from '../propertyLabels.js';
import { ResultFrame } from './ResultFrame.js';

type ResultView = PropertyViewOf<'result'>;

/** Accepted: the acceptance number, when it will be done, and how each certificate comes. */
function AcceptedFacts({ view }: { view: ResultView }) {
  const { t } = useKiosk();
  const delivery = view.delivery;
  return (
    <div className="result-details">
      <dl className="fact-list result-facts" data-testid="property-accepted">
        {view.acceptanceNumber && (
          <>
            <dt>{t('property.result.acceptanceNumber')}</dt>
            <dd className="mono" data-testid="property-acceptance-number">
              {view.acceptanceNumber}
            </dd>
          </>
        )}
        {view.expectedCompletionDate && (
          <>
            <dt>{t('property.result.expectedCompletion')}</dt>
            <dd data-testid="property-expected-completion">{view.expectedCompletionDate}</dd>
          </>
        )}
        {delivery && (
          <>
            <dt>{t('property.result.delivery')}</dt>
            <dd data-testid="property-delivery" data-method={delivery.method}>
              {t(DELIVERY_TEXT[delivery.method].name)}
            </dd>
          </>
        )}
      </dl>
      {delivery && delivery.certificates.length > 0 && (
        <ul className="flow-issued" data-testid="property-certificates">
          {delivery.certificates.map((certificate) => (
            <li key={certificate.certificateNumber} className="flow-issued-item" data-kind={certificate.kind} data-printed={certificate.printed}>
              <strong className="flow-issued-title">{certificateName(certificate.kind, t)}</strong>
              <span>{t('property.result.certificateNumber', { number: certificate.certificateNumber })}</span>
              {(certificate.electronic || certificate.printed) && (
                <span className="flow-hint">
                  {[certificate.electronic && t('property.result.certificateElectronic'), certificate.printed && t('property.result.certificatePrinted')].filter(Boolean).join(' · ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Who still has to come before the case can go on; nothing was charged. */
function MissingParties({ view }: { view: ResultView }) {
  const { t } = useKiosk();
  const missing = missingParties(view.parties, view.missingPartyIds);
  if (missing.length === 0) return null;
  return (
    <div className="flow-reasons" data-testid="property-missing-parties">
      <h3>{t('property.result.missingHeading')}</h3>
      <ul>
        {missing.map((party) => (
          <li key={party.partyId} data-party-id={party.partyId} data-role={party.role}>
            {partyTitle(party, t)}
          </li>
        ))}
      </ul>
      <p className="flow-hint">{t('property.result.missingHint')}</p>
    </div>
  );
}

/** How a real-estate transfer ended: accepted with its numbers, parties missing, refused, refunded, handed to staff or cancelled. */
export function PropertyResultView({ view }: { view: ResultView }) {
  const { t } = useKiosk();
  // Printed certificates are to be taken now, like the receipt.
  const printed = view.outcome === 'accepted' && (view.delivery?.certificates.some((certificate) => certificate.printed) ?? false);
  return (
    <ResultFrame
      view={view}
      good={view.outcome === 'accepted'}
      outcomeKey={propertyOutcomeKey(view.outcome)}
      notice={
        printed && (
          <p className="flow-receipt" data-testid="property-certificates-printed">
            {t('property.result.takeCertificates')}
          </p>
        )
      }
    >
      <p className="flow-hint">{t('property.result.takeIdCards')}</p>
      {view.outcome === 'accepted' && <AcceptedFacts view={view} />}
      {view.outcome === 'parties-missing' && <MissingParties view={view} />}
    </ResultFrame>
  );
}
