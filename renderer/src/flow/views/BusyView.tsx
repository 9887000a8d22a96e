import { useKiosk } from '../../state/kioskContext.js';
import { FlowLayout } from '../FlowLayout.js';
import type { SharedViewOf } from '../flowViewTypes.js';

/** The machine is working: what it is doing, in a calm sentence, and whether to stay. */
export function BusyView({ view }: { view: SharedViewOf<'busy'> }) {
  const { t } = useKiosk();
  // Once money is involved the citizen must not walk away before the receipt.
  const stayHere = view.phase !== 'before-payment';
  return (
    <FlowLayout view={view} className="flow-centred">
      <div className="flow-busy" data-testid="flow-busy" data-activity={view.activity} role="status" aria-live="polite">
        <div className="flow-spinner" aria-hidden="true" />
        <p className="flow-instruction">{t(`flow.busy.${view.activity}`)}</p>
        <p className="flow-hint">{t(stayHere ? 'flow.busy.stayHere' : 'flow.busy.noAction')}</p>
      </div>
    </FlowLayout>
  );
}
