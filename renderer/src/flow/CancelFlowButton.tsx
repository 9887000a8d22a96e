import { useState } from 'react';
import { useKiosk } from '../state/kioskContext.js';

/** "Cancel" asks once more: a slip of the finger must not end a citizen's application. */
export function CancelFlowButton() {
  const { t, send } = useKiosk();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="button button-secondary button-large" data-testid="flow-cancel" onClick={() => setConfirming(true)}>
        {t('flow.cancel')}
      </button>
      {confirming && (
        <div className="modal-backdrop">
          <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="flow-cancel-title" data-testid="flow-cancel-dialog">
            <h2 id="flow-cancel-title" className="modal-title">
              {t('flow.cancelConfirmTitle')}
            </h2>
            <p className="flow-cancel-body">{t('flow.cancelConfirmBody')}</p>
            <div className="modal-actions">
              <button type="button" className="button button-secondary" data-testid="flow-cancel-confirm" onClick={() => send({ type: 'flow.cancel' })}>
                {t('flow.cancelConfirmYes')}
              </button>
              <button type="button" className="button button-primary button-large" data-testid="flow-cancel-back" onClick={() => setConfirming(false)}>
                {t('flow.cancelConfirmNo')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
