import type { MessageKey, Translate } from '../i18n/translate.js';
import type { DeliveryMethod, IssuedCertificate, PartyRole, PropertyCase, PropertyParty, PropertyViewOf } from './flowViewTypes.js';

/** Plain words for the real-estate transfer's codes, and who is who among the parties. */

const ROLE_KEY: Readonly<Record<PartyRole, MessageKey>> = {
  seller: 'property.role.seller',
  buyer: 'property.role.buyer',
  'co-owner': 'property.role.co-owner',
  mortgagor: 'property.role.mortgagor',
  mortgagee: 'property.role.mortgagee',
};

export const DELIVERY_TEXT: Readonly<Record<DeliveryMethod, { name: MessageKey; hint: MessageKey }>> = {
  electronic: { name: 'property.delivery.electronic', hint: 'property.delivery.electronic.hint' },
  'print-at-terminal': { name: 'property.delivery.print-at-terminal', hint: 'property.delivery.print-at-terminal.hint' },
  window: { name: 'property.delivery.window', hint: 'property.delivery.window.hint' },
  post: { name: 'property.delivery.post', hint: 'property.delivery.post.hint' },
};

const CERTIFICATE_KEY: Readonly<Record<IssuedCertificate['kind'], MessageKey>> = {
  ownership: 'property.certificate.ownership',
  'mortgage-proof': 'property.certificate.mortgage-proof',
};

const REGISTRATION_KEY: Readonly<Record<PropertyCase['registrationType'], MessageKey>> = {
  transfer: 'property.registration.transfer',
  'transfer-with-mortgage': 'property.registration.transfer-with-mortgage',
};

export function roleName(role: PartyRole, t: Translate): string {
  return t(ROLE_KEY[role]);
}

/** "林*（买方，份额 1/2）": the masked name as the platform gives it, the role and any share. */
export function partyTitle(party: Pick<PropertyParty, 'nameMasked' | 'role' | 'share'>, t: Translate): string {
  const role = roleName(party.role, t);
  return party.share
    ? t('property.party.withShare', { name: party.nameMasked, role, share: party.share })
    : t('property.party.noShare', { name: party.nameMasked, role });
}

export interface PartyTurn {
  party: PropertyParty;
  /** 1-based, among the parties who come to the terminal. */
  position: number;
  total: number;
}

/**
 * The parties who come to the terminal, in the platform's order. Optional parties (a lender)
 * do not, unless the flow asks for one.
 */
export function partiesAtTerminal(parties: readonly PropertyParty[], currentPartyId: string | null): PropertyParty[] {
  return parties.filter((party) => party.required || party.partyId === currentPartyId);
}

/** Whose turn it is and where they stand in the queue ("第 2/3 位"). */
export function partyTurn(parties: readonly PropertyParty[], currentPartyId: string | null): PartyTurn | null {
  if (currentPartyId === null) return null;
  const queue = partiesAtTerminal(parties, currentPartyId);
  const index = queue.findIndex((party) => party.partyId === currentPartyId);
  const party = queue[index];
  return party ? { party, position: index + 1, total: queue.length } : null;
}

/** The parties the runtime names as missing, in the platform's order; unknown ids are left out. */
export function missingParties(parties: readonly PropertyParty[], missingPartyIds: readonly string[]): PropertyParty[] {
  const missing = new Set(missingPartyIds);
  return parties.filter((party) => missing.has(party.partyId));
}

/** The role of the party whose turn it is ("买方"): what the instructions and the voice call them, since a masked name cannot be read out. */
export function currentRoleName(parties: readonly PropertyParty[], currentPartyId: string | null, t: Translate): string {
  const turn = partyTurn(parties, currentPartyId);
  return turn ? roleName(turn.party.role, t) : '';
}

export function certificateName(kind: IssuedCertificate['kind'], t: Translate): string {
  return t(CERTIFICATE_KEY[kind]);
}

export function registrationName(registrationType: PropertyCase['registrationType'], t: Translate): string {
  return t(REGISTRATION_KEY[registrationType]);
}

/** "89.50 ㎡": areas are registered to the hundredth of a square metre. */
export function areaText(areaSquareMeters: number, t: Translate): string {
  return t('property.area', { area: areaSquareMeters.toFixed(2) });
}

type PropertyOutcome = PropertyViewOf<'result'>['outcome'];

/** How a property case ended, in the words the rate and result screens and the voice share. */
export function propertyOutcomeKey(outcome: PropertyOutcome): MessageKey {
  return `property.result.${outcome}`;
}
