import { useKiosk } from '../state/kioskContext.js';

/** Switches to the other configured language; hidden when the terminal offers only one. */
export function LanguageToggle() {
  const { snapshot, language, t, send } = useKiosk();
  const otherLanguage = snapshot.terminal.languages.find((candidate) => candidate !== language);
  if (!otherLanguage) return null;
  return (
    <button
      type="button"
      className="toggle-button"
      data-testid="lang-toggle"
      lang={otherLanguage}
      aria-label={t('toggle.languageLabel')}
      onClick={() => send({ type: 'ui.setLanguage', language: otherLanguage })}
    >
      {t('toggle.language')}
    </button>
  );
}
