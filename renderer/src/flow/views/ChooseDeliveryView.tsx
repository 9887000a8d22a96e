import { pickText } from '../../i18n/pickText.js';
import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { PropertyViewOf } from '../flowViewTypes.js';
import { DELIVERY_TEXT } from '../propertyLabels.js';

/**
 * How the certificate reaches its owners: every way the platform knows, the ones not
 * possible for this case greyed with the reason; with an online-bank mortgage, a note that
 * the lender's proof goes to the bank electronically.
 */
export function ChooseDeliveryView({ view }: { view: PropertyViewOf<'choose-delivery'> }) {
  const { language, t, send } = useKiosk();
  return (
    <FlowLayout view={view}>
      <p className="flow-instruction">{t('property.delivery.instruction')}</p>
      {view.mortgageProof === 'electronic-to-lender' && (
        <p className="notice-box" data-testid="delivery-mortgage-proof">
          {t('property.delivery.mortgageProof')}
        </p>
      )}
      <div className="flow-pay-methods">
        {view.options.map((option) =>
          option.available ? (
            <button
              key={option.method}
              type="button"
              className="flow-big-choice"
              data-testid={`delivery-${option.method}`}
              onClick={() => send({ type: 'flow.chooseDelivery', method: option.method })}
            >
              <span className="flow-big-choice-title">{t(DELIVERY_TEXT[option.method].name)}</span>
              <span className="flow-big-choice-detail">
                {option.addressOnFile ? t('property.delivery.post.to', { recipient: option.addressOnFile.recipient, address: option.addressOnFile.address }) : t(DELIVERY_TEXT[option.method].hint)}
              </span>
            </button>
          ) : (
            <div key={option.method} className="flow-big-choice flow-big-choice-off" aria-disabled="true" data-testid={`delivery-${option.method}-unavailable`}>
              <span className="flow-big-choice-title">{t(DELIVERY_TEXT[option.method].name)}</span>
              <span className="flow-big-choice-reason">{option.reason ? pickText(option.reason.message, language) : t('property.delivery.unavailable')}</span>
            </div>
          ),
        )}
      </div>
    </FlowLayout>
  );
}
