import { useKiosk } from '../../state/kioskContext.js';
import type { EndorsementView } from '../flowViewTypes.js';

/** Whose application this is, masked as the platform masks it, so the citizen can check. */
export function HolderLine({ holder }: { holder: EndorsementView['holder'] }) {
  const { t } = useKiosk();
  if (!holder) return null;
  return (
    <p className="flow-holder" data-testid="flow-holder">
      {holder.nameMasked && <span>{t('flow.applicant', { name: holder.nameMasked })}</span>}
      <span>{t('flow.permitNumber', { number: holder.permitNumberMasked })}</span>
    </p>
  );
}
