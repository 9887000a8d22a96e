import { CardOnReaderAnimation } from '../components/CardOnReaderAnimation.js';
import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { LiveClock } from '../components/LiveClock.js';
import { StaffCorner } from '../components/StaffCorner.js';
import { UiToggles } from '../components/UiToggles.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

/** The idle screen: who we are, what can be done here, and how to begin. */
export function AttractScreen() {
  const { snapshot, language, t, send } = useKiosk();
  // A double tap is sent once: the store drops an intent identical to one still in flight.
  // No local "already sent" flag: after a failed send the next tap must work again.
  function start() {
    send({ type: 'session.start' });
  }

  return (
    <div className="screen attract-screen" data-testid="screen-attract">
      <div className="attract-touch" data-testid="start-touch" role="button" tabIndex={0} onClick={start}>
        <header className="attract-hall">{pickText(snapshot.terminal.hallName, language)}</header>
        <div className="attract-main">
          <LiveClock />
          <div className="attract-prompt">
            <CardOnReaderAnimation />
            <p className="attract-prompt-main">{t('attract.placeIdCard')}</p>
            <p className="attract-prompt-secondary">{t('attract.orTouch')}</p>
          </div>
          <section className="attract-services">
            <h2 className="attract-services-heading">{t('attract.servicesHeading')}</h2>
            {snapshot.terminal.services.length === 0 ? (
              <p className="muted">{t('attract.noServices')}</p>
            ) : (
              <ul className="attract-service-list">
                {snapshot.terminal.services.map((service) => (
                  <li key={service.id}>{pickText(service.title, language)}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <HelpPhoneFooter />
      </div>
      <div className="attract-toggles">
        <UiToggles />
      </div>
      <StaffCorner />
    </div>
  );
}
