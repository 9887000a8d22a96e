import { useKiosk } from '../state/kioskContext.js';
import { secondsUntil } from '../time/countdown.js';
import { useNow } from '../time/useNow.js';

/** "Are you still there?" over whatever the citizen was doing; the runtime ends the session at the deadline. */
export function IdleDialog({ deadline }: { deadline: number }) {
  const { t, send, clockOffsetMs } = useKiosk();
  const seconds = secondsUntil(deadline, clockOffsetMs, useNow(250));
  return (
    <div className="modal-backdrop">
      <div
        className="modal idle-dialog"
        data-testid="idle-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-dialog-title"
      >
        <h2 id="idle-dialog-title" className="modal-title">
          {t('idle.title')}
        </h2>
        <p className="idle-countdown" aria-live="polite">
          <span className="idle-seconds" data-testid="idle-seconds">
            {seconds}
          </span>{' '}
          <span className="idle-seconds-unit">{t('idle.secondsUnit')}</span>
        </p>
        <p className="idle-explain">{t('idle.explain')}</p>
        <div className="modal-actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="idle-finish"
            onClick={() => send({ type: 'session.end' })}
          >
            {t('idle.finish')}
          </button>
          <button
            type="button"
            className="button button-primary button-large"
            data-testid="idle-continue"
            onClick={() => send({ type: 'session.keepAlive' })}
          >
            {t('idle.continue')}
          </button>
        </div>
      </div>
    </div>
  );
}
