import { CardOnReaderAnimation } from '../../components/CardOnReaderAnimation.js';
import { useKiosk } from '../../state/kioskContext.js';
import { DemoDeviceButton } from '../DemoDeviceButton.js';
import { FlowLayout } from '../FlowLayout.js';
import type { ViewOf } from '../flowViewTypes.js';

/** Waits for the permit or the ID card on its reader. */
export function InsertDocumentView({ view }: { view: ViewOf<'insert-permit'> | ViewOf<'insert-id-card'> }) {
  const { t } = useKiosk();
  const permit = view.screen === 'insert-permit';
  return (
    <FlowLayout view={view} className="flow-centred">
      <div className="flow-document" data-testid={permit ? 'flow-insert-permit' : 'flow-insert-id-card'}>
        <CardOnReaderAnimation />
        <p className="flow-instruction">{t(permit ? 'flow.permit.instruction' : 'flow.idCard.instruction')}</p>
        <p className="flow-hint">{t(permit ? 'flow.permit.hint' : 'flow.idCard.hint')}</p>
        {view.attempt > 1 && <p className="flow-attempt">{t('flow.attempt', { attempt: view.attempt, max: view.maxAttempts })}</p>}
        <DemoDeviceButton screen={view.screen} />
      </div>
    </FlowLayout>
  );
}
