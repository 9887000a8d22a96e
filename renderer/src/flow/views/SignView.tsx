import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { PropertyViewOf } from '../flowViewTypes.js';
import { currentRoleName } from '../propertyLabels.js';
import { useSignaturePad } from '../useSignaturePad.js';
import { PartyBanner } from './PartyBanner.js';

/** The party whose turn it is signs with a finger on the pad; Confirm only once something is drawn, Clear to start again. */
export function SignView({ view }: { view: PropertyViewOf<'sign'> }) {
  const { t, send } = useKiosk();
  const pad = useSignaturePad();

  // Not disabled after sending: the next snapshot moves on (a new step remounts the pad),
  // and if the runtime keeps this step, the citizen can send again.
  function confirm() {
    const intent = pad.intent();
    if (intent) send(intent);
  }

  return (
    <FlowLayout
      view={view}
      className="flow-sign"
      aside={<PartyBanner view={view} />}
      actions={
        <>
          <button type="button" className="button button-secondary button-large" data-testid="sign-clear" disabled={!pad.hasInk} onClick={pad.clear}>
            {t('property.sign.clear')}
          </button>
          <button type="button" className="button button-primary button-large" data-testid="sign-confirm" disabled={!pad.hasInk} onClick={confirm}>
            {t('property.sign.confirm')}
          </button>
        </>
      }
    >
      <p className="flow-instruction">{t('property.sign.instruction', { role: currentRoleName(view.parties, view.currentPartyId, t) })}</p>
      <div className="sign-pad-frame">
        <canvas ref={pad.canvasRef} className="sign-pad" data-testid="sign-pad" data-has-ink={pad.hasInk} aria-label={t('property.sign.padLabel')} {...pad.handlers} />
        {!pad.hasInk && (
          <p className="sign-pad-placeholder" aria-hidden="true">
            {t('property.sign.placeholder')}
          </p>
        )}
      </div>
      <p className="flow-hint">{t('property.sign.hint')}</p>
    </FlowLayout>
  );
}
