import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { PropertyCase, PropertyViewOf } from '../flowViewTypes.js';
import { areaText, registrationName } from '../propertyLabels.js';
import { PartyList } from './PartyList.js';
import { TaxTable } from './TaxTable.js';

function PropertyFacts({ propertyCase }: { propertyCase: PropertyCase }) {
  const { language, t } = useKiosk();
  const { property, mortgage } = propertyCase;
  return (
    <dl className="fact-list review-facts" data-testid="review-property">
      <dt>{t('property.unitNumber')}</dt>
      <dd className="mono">{property.unitNumber}</dd>
      <dt>{t('property.address')}</dt>
      <dd>{property.address}</dd>
      <dt>{t('property.areaLabel')}</dt>
      <dd>{areaText(property.areaSquareMeters, t)}</dd>
      <dt>{t('property.use')}</dt>
      <dd>{pickText(property.useDescription, language)}</dd>
      <dt>{t('property.registrationType')}</dt>
      <dd>{registrationName(propertyCase.registrationType, t)}</dd>
      {mortgage && (
        <>
          <dt>{t('property.lender')}</dt>
          <dd data-testid="review-lender">{mortgage.lender}</dd>
        </>
      )}
      <dt>{t('property.contractFilingNumber')}</dt>
      <dd className="mono">{propertyCase.contractFilingNumber}</dd>
      <dt>{t('property.caseNumberLabel')}</dt>
      <dd className="mono">{propertyCase.caseNumber}</dd>
    </dl>
  );
}

/** The case as the platform has it: property, registration, every party and the taxes, to confirm before anyone verifies. */
export function ReviewCaseView({ view }: { view: PropertyViewOf<'review-case'> }) {
  const { t, send } = useKiosk();
  return (
    <FlowLayout
      view={view}
      actions={
        <button type="button" className="button button-primary button-large" data-testid="review-case-confirm" onClick={() => send({ type: 'flow.confirmCase' })}>
          {t('property.review.confirm')}
        </button>
      }
    >
      <p className="flow-instruction">{t('property.review.instruction')}</p>
      <div className="review-columns">
        {view.propertyCase && (
          <section className="review-section">
            <h2>{t('property.review.propertyHeading')}</h2>
            <PropertyFacts propertyCase={view.propertyCase} />
          </section>
        )}
        <div className="review-stack">
          <section className="review-section" data-testid="review-parties">
            <h2>{t('property.review.partiesHeading')}</h2>
            <PartyList parties={view.parties} currentPartyId={null} variant="review" />
          </section>
          <section className="review-section" data-testid="review-taxes">
            <h2>{t('property.taxes.heading')}</h2>
            <TaxTable taxes={view.taxes} />
          </section>
        </div>
      </div>
    </FlowLayout>
  );
}
