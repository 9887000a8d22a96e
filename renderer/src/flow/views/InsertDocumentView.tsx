import type { ReactNode } from 'react';
import { CardOnReaderAnimation } from '../../components/CardOnReaderAnimation.js';
import { useKiosk } from '../../state/kioskContext.js';
import { DemoDeviceButton } from '../DemoDeviceButton.js';
import { FlowLayout } from '../FlowLayout.js';
import type { EndorsementViewOf, SharedViewOf } from '../flowViewTypes.js';

interface InsertDocumentViewProps {
  view: EndorsementViewOf<'insert-permit'> | SharedViewOf<'insert-id-card'>;
  /** Whose document this is (the property flow's party banner). */
  aside?: ReactNode;
  /** Replaces the generic "place your ID card" when the screen is for one of several people. */
  instruction?: string;
}

/** Waits for the permit or the ID card on its reader. */
export function InsertDocumentView({ view, aside, instruction }: InsertDocumentViewProps) {
  const { t } = useKiosk();
  const permit = view.screen === 'insert-permit';
  return (
    <FlowLayout view={view} aside={aside} className="flow-centred">
      <div className="flow-document" data-testid={permit ? 'flow-insert-permit' : 'flow-insert-id-card'}>
        <CardOnReaderAnimation />
        <p className="flow-instruction">{instruction ?? t(permit ? 'flow.permit.instruction' : 'flow.idCard.instruction')}</p>
        <p className="flow-hint">{t(permit ? 'flow.permit.hint' : 'flow.idCard.hint')}</p>
        {view.attempt > 1 && <p className="flow-attempt">{t('flow.attempt', { attempt: view.attempt, max: view.maxAttempts })}</p>}
        <DemoDeviceButton />
      </div>
    </FlowLayout>
  );
}
