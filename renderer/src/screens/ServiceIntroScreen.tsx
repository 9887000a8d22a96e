import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import type { ServiceView } from '../../../electron/bridge/kioskSnapshot.js';
import { ExitSessionButton } from '../components/ExitSessionButton.js';
import { FeeTable } from '../components/FeeTable.js';
import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { UiToggles } from '../components/UiToggles.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

/**
 * Start begins the service's flow. An unavailable service has no Start intent at all: the
 * button stays disabled and the notice above it says why, rather than a tap that fails.
 */
function startIntentFor(service: ServiceView): Intent | null {
  return service.available ? { type: 'service.start', serviceId: service.id } : null;
}

export function ServiceIntroScreen({ serviceId }: { serviceId: string }) {
  const { snapshot, language, t, send } = useKiosk();
  const service = snapshot.terminal.services.find((candidate) => candidate.id === serviceId);
  const startIntent = service ? startIntentFor(service) : null;

  return (
    <div className="screen" data-testid="screen-service-intro">
      <ScreenHeader title={service ? pickText(service.title, language) : t('menu.heading')}>
        <UiToggles />
        <ExitSessionButton />
      </ScreenHeader>
      <main className="screen-body intro-body">
        {!service ? (
          <p className="notice-box">{t('intro.serviceMissing')}</p>
        ) : (
          <>
            <p className="intro-summary">{pickText(service.summary, language)}</p>
            {!service.available && (
              <div className="notice-box" role="note">
                <h2 className="notice-box-title">{t('intro.unavailableHeading')}</h2>
                {service.unavailableReason && <p>{pickText(service.unavailableReason, language)}</p>}
              </div>
            )}
            <div className="intro-columns">
              <section className="intro-section">
                <h2>{t('intro.documents')}</h2>
                {service.documents.length === 0 ? (
                  <p className="muted">{t('intro.noDocuments')}</p>
                ) : (
                  <ol className="document-list">
                    {service.documents.map((document, index) => (
                      <li key={index}>{pickText(document, language)}</li>
                    ))}
                  </ol>
                )}
              </section>
              <section className="intro-section">
                <h2>{t('intro.fees')}</h2>
                <FeeTable fees={service.fees} />
              </section>
            </div>
          </>
        )}
      </main>
      <div className="action-bar">
        <button type="button" className="button button-secondary button-large" data-testid="nav-back" onClick={() => send({ type: 'nav.back' })}>
          {t('nav.back')}
        </button>
        <button
          type="button"
          className="button button-primary button-large"
          data-testid="service-start"
          disabled={!startIntent}
          onClick={() => startIntent && send(startIntent)}
        >
          {t('intro.start')}
        </button>
      </div>
      <HelpPhoneFooter />
    </div>
  );
}
