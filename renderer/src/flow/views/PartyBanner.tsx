import { useKiosk } from '../../state/kioskContext.js';
import { ConfirmFirstButton } from '../ConfirmFirstButton.js';
import type { PropertyView } from '../flowViewTypes.js';
import { partiesAtTerminal, partyTitle, partyTurn } from '../propertyLabels.js';
import { PartyList } from './PartyList.js';

/**
 * On every step one party does alone (card, photo, staff check, signature): whose turn it
 * is, everybody's progress, and a plainly secondary way out when that person has not come.
 */
export function PartyBanner({ view }: { view: PropertyView }) {
  const { t } = useKiosk();
  const turn = partyTurn(view.parties, view.currentPartyId);
  if (!turn) return null;
  const who = partyTitle(turn.party, t);
  return (
    <section className="party-banner" data-testid="party-banner" data-party-id={turn.party.partyId} data-role={turn.party.role}>
      <div className="party-banner-head">
        <p className="party-banner-turn">
          <span className="party-banner-position">{t('property.party.turn', { position: turn.position, total: turn.total })}</span>
          <span className="party-banner-name" data-testid="party-banner-name">
            {who}
          </span>
        </p>
        <ConfirmFirstButton
          testId="party-absent"
          className="button button-secondary party-absent"
          label={t('property.absent')}
          title={t('property.absent.title', { party: who })}
          body={t('property.absent.body')}
          confirmLabel={t('property.absent.yes')}
          backLabel={t('property.absent.no')}
          intent={{ type: 'flow.partyAbsent' }}
        />
      </div>
      <PartyList parties={partiesAtTerminal(view.parties, view.currentPartyId)} currentPartyId={turn.party.partyId} variant="progress" />
    </section>
  );
}
