import { useKiosk } from '../state/kioskContext.js';

export function HelpPhoneFooter() {
  const { snapshot, t } = useKiosk();
  return (
    <footer className="help-footer">
      <span className="help-phone-icon" aria-hidden="true">☎</span>
      {t('footer.helpPhone', { phone: snapshot.terminal.helpPhone })}
    </footer>
  );
}
