import { useKiosk } from '../../state/kioskContext.js';
import type { PropertyParty } from '../flowViewTypes.js';
import { partyTitle } from '../propertyLabels.js';

interface PartyListProps {
  parties: readonly PropertyParty[];
  currentPartyId: string | null;
  /**
   * 'progress' on the party steps: verified and signed ticks. 'review' before anyone starts:
   * the masked ID numbers instead, to check that these are the right people.
   */
  variant: 'progress' | 'review';
}

function Tick({ done, doneLabel, pendingLabel }: { done: boolean; doneLabel: string; pendingLabel: string }) {
  return (
    <span className={done ? 'party-tick party-tick-done' : 'party-tick'}>
      <span aria-hidden="true">{done ? '✓' : '○'}</span> {done ? doneLabel : pendingLabel}
    </span>
  );
}

/** Every party with their role and share, and where they stand; a party who need not come says so. */
export function PartyList({ parties, currentPartyId, variant }: PartyListProps) {
  const { t } = useKiosk();
  return (
    <ul className={`party-list party-list-${variant}`} data-testid="party-list">
      {parties.map((party) => (
        <li
          key={party.partyId}
          className={party.partyId === currentPartyId ? 'party-item party-item-current' : 'party-item'}
          data-party-id={party.partyId}
          data-verified={party.verified}
          data-signed={party.signed}
          aria-current={party.partyId === currentPartyId ? 'true' : undefined}
        >
          <span className="party-name">{partyTitle(party, t)}</span>
          {variant === 'review' && <span className="party-detail">{t('property.party.idNumber', { number: party.idNumberMasked })}</span>}
          {!party.required ? (
            <span className="party-detail">{t('property.party.optional')}</span>
          ) : (
            variant === 'progress' && (
              <span className="party-ticks">
                <Tick done={party.verified} doneLabel={t('property.party.verified')} pendingLabel={t('property.party.notVerified')} />
                <Tick done={party.signed} doneLabel={t('property.party.signed')} pendingLabel={t('property.party.notSigned')} />
              </span>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
