import { HelpPhoneFooter } from '../components/HelpPhoneFooter.js';
import { StaffCorner } from '../components/StaffCorner.js';
import { UiToggles } from '../components/UiToggles.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

export function OutOfServiceScreen() {
  const { snapshot, language, t } = useKiosk();
  const reasons = snapshot.terminal.outOfServiceReasons;
  return (
    <div className="screen out-of-service-screen" data-testid="screen-out-of-service">
      <header className="attract-hall">{pickText(snapshot.terminal.hallName, language)}</header>
      <div className="attract-toggles">
        <UiToggles />
      </div>
      <main className="screen-body out-of-service-body">
        <svg className="pause-symbol" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
          <circle cx="60" cy="60" r="56" />
          <rect x="40" y="34" width="14" height="52" rx="4" />
          <rect x="66" y="34" width="14" height="52" rx="4" />
        </svg>
        <h1 className="out-of-service-title">{t('oos.title')}</h1>
        {reasons.length > 0 && (
          <section className="out-of-service-reasons">
            <h2>{t('oos.reasonsHeading')}</h2>
            <ul>
              {reasons.map((reason, index) => (
                <li key={index}>{reason}</li>
              ))}
            </ul>
          </section>
        )}
        <p className="out-of-service-note">{t('oos.useWindows')}</p>
      </main>
      <HelpPhoneFooter />
      <StaffCorner />
    </div>
  );
}
