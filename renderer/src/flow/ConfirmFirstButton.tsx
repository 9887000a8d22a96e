import { useId, useState } from 'react';
import type { Intent } from '../../../electron/bridge/bridgeContract.js';
import { useKiosk } from '../state/kioskContext.js';

interface ConfirmFirstButtonProps {
  /** The test ids: `<testId>`, `<testId>-dialog`, `<testId>-confirm`, `<testId>-back`. */
  testId: string;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  backLabel: string;
  intent: Intent;
  /** The button's look where it stands; the dialog looks the same everywhere. */
  className: string;
}

/**
 * A button whose intent ends the citizen's visit asks once more first: a slip of the finger
 * must not end an application. Going back is the large, obvious choice.
 */
export function ConfirmFirstButton({ testId, label, title, body, confirmLabel, backLabel, intent, className }: ConfirmFirstButtonProps) {
  const { send } = useKiosk();
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  return (
    <>
      <button type="button" className={className} data-testid={testId} onClick={() => setConfirming(true)}>
        {label}
      </button>
      {confirming && (
        <div className="modal-backdrop">
          <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid={`${testId}-dialog`}>
            <h2 id={titleId} className="modal-title">
              {title}
            </h2>
            <p className="flow-cancel-body">{body}</p>
            <div className="modal-actions">
              <button type="button" className="button button-secondary" data-testid={`${testId}-confirm`} onClick={() => send(intent)}>
                {confirmLabel}
              </button>
              <button type="button" className="button button-primary button-large" data-testid={`${testId}-back`} onClick={() => setConfirming(false)}>
                {backLabel}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
