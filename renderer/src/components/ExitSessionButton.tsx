import { useKiosk } from '../state/kioskContext.js';

export function ExitSessionButton() {
  const { t, send } = useKiosk();
  return (
    <button type="button" className="button button-exit" data-testid="session-end" onClick={() => send({ type: 'session.end' })}>
      {t('session.exit')}
    </button>
  );
}
