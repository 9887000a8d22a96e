import type { ServiceView } from '../../../electron/bridge/kioskSnapshot.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

/** One menu entry. Unavailable services stay tappable: their intro page explains why. */
export function ServiceCard({ service }: { service: ServiceView }) {
  const { language, t, send } = useKiosk();
  return (
    <button
      type="button"
      className={service.available ? 'service-card' : 'service-card service-card-unavailable'}
      data-testid={`menu-service-${service.id}`}
      onClick={() => send({ type: 'menu.selectService', serviceId: service.id })}
    >
      <span className="service-card-title">{pickText(service.title, language)}</span>
      <span className="service-card-summary">{pickText(service.summary, language)}</span>
      {!service.available && (
        <span className="service-card-unavailable-reason">
          {service.unavailableReason ? pickText(service.unavailableReason, language) : t('menu.unavailable')}
        </span>
      )}
    </button>
  );
}
