import { useKiosk } from '../state/kioskContext.js';
import { ConfirmFirstButton } from './ConfirmFirstButton.js';

/** "Cancel" asks once more: a slip of the finger must not end a citizen's application. */
export function CancelFlowButton() {
  const { t } = useKiosk();
  return (
    <ConfirmFirstButton
      testId="flow-cancel"
      className="button button-secondary button-large"
      label={t('flow.cancel')}
      title={t('flow.cancelConfirmTitle')}
      body={t('flow.cancelConfirmBody')}
      confirmLabel={t('flow.cancelConfirmYes')}
      backLabel={t('flow.cancelConfirmNo')}
      intent={{ type: 'flow.cancel' }}
    />
  );
}
