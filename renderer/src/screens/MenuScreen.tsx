import { ExitSessionButton } from '../components/ExitSessionButton.js';
import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { ServiceCard } from '../components/ServiceCard.js';
import { UiToggles } from '../components/UiToggles.js';
import { useKiosk } from '../state/kioskContext.js';

export function MenuScreen() {
  const { snapshot, t } = useKiosk();
  return (
    <div className="screen" data-testid="screen-menu">
      <ScreenHeader title={t('menu.heading')}>
        <UiToggles />
        <ExitSessionButton />
      </ScreenHeader>
      <main className="screen-body">
        <div className="service-grid">
          {snapshot.terminal.services.map((service) => (
            <ServiceCard key={service.id} service={service} />
          ))}
        </div>
        {snapshot.terminal.services.length === 0 && <p className="muted">{t('attract.noServices')}</p>}
      </main>
      <HelpPhoneFooter />
    </div>
  );
}
