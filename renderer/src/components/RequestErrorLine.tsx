import { useEffect } from 'react';
import type { MessageKey } from '../i18n/translate.js';
import type { RequestFailure, RequestFailureCode } from '../state/kioskStore.js';
import { useKiosk } from '../state/kioskContext.js';

const ERROR_LINE_VISIBLE_MS = 6000;

const messageForFailure: Record<RequestFailureCode, MessageKey> = {
  'not-allowed': 'error.notAllowed',
  locked: 'error.notAllowed',
  'invalid-message': 'error.rejected',
  internal: 'error.rejected',
  disconnected: 'error.disconnected',
};

/** A friendly line when the runtime refused a tap; it fades away by itself. */
export function RequestErrorLine({ failure, onDismiss }: { failure: RequestFailure | null; onDismiss: () => void }) {
  const { t } = useKiosk();
  useEffect(() => {
    if (!failure) return;
    const timer = setTimeout(onDismiss, ERROR_LINE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [failure, onDismiss]);
  if (!failure) return null;
  return (
    <div className="request-error-line" role="alert" onClick={onDismiss}>
      {t(messageForFailure[failure.code])}
    </div>
  );
}
