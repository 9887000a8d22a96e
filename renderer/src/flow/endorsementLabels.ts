import type { MessageKey, Translate } from '../i18n/translate.js';
import type { Destination, EndorsementKind, Entries, OfferedOption, PermitType } from './flowViewTypes.js';

/**
 * Plain words for the platform's endorsement codes. The letters mean different things for
 * Taiwan (D 定居, F 商务) than for Hong Kong and Macao (D 逗留, S 商务): research/domain.md §1.
 */

const KIND_KEY: Readonly<Record<EndorsementKind, MessageKey>> = {
  G: 'endorsementKind.G',
  L: 'endorsementKind.L',
  T: 'endorsementKind.T',
  S: 'endorsementKind.S',
  Q: 'endorsementKind.Q',
  D: 'endorsementKind.D',
  J: 'endorsementKind.J',
  Y: 'endorsementKind.Y',
  F: 'endorsementKind.F',
  X: 'endorsementKind.X',
  C: 'endorsementKind.C',
};
const TAIWAN_KIND_KEY: Partial<Readonly<Record<EndorsementKind, MessageKey>>> = { D: 'endorsementKind.D.TW' };

const DESTINATION_KEY: Readonly<Record<Destination, MessageKey>> = { HK: 'destination.HK', MO: 'destination.MO', TW: 'destination.TW' };
const ENTRIES_KEY: Readonly<Record<Entries, MessageKey>> = {
  single: 'flow.entries.single',
  double: 'flow.entries.double',
  multiple: 'flow.entries.multiple',
};

/**
 * Where a refused kind applies when the platform names no destination: the holder's permit
 * tells Taiwan from Hong Kong and Macao.
 */
export function destinationForNaming(destination: Destination | null, permitType: PermitType | null): Destination | null {
  if (destination) return destination;
  return permitType === 'taiwan' ? 'TW' : null;
}

/** "个人旅游" / "Individual travel". */
export function kindName(kind: EndorsementKind, destination: Destination | null, t: Translate): string {
  const key = (destination === 'TW' ? TAIWAN_KIND_KEY[kind] : undefined) ?? KIND_KEY[kind];
  return t(key);
}

export function destinationName(destination: Destination, t: Translate): string {
  return t(DESTINATION_KEY[destination]);
}

/** "L 团队旅游 · 香港": the letter printed on the endorsement, its plain name and where it is for. */
export function choiceTitle(kind: EndorsementKind, destination: Destination | null, t: Translate): string {
  const name = `${kind} ${kindName(kind, destination, t)}`;
  return destination ? `${name} · ${destinationName(destination, t)}` : name;
}

export function entriesText(entries: Entries, t: Translate): string {
  return t(ENTRIES_KEY[entries]);
}

/** Whole years read as years ("1 年"), anything else in months. */
export function validityText(months: number, t: Translate): string {
  if (months > 0 && months % 12 === 0) {
    const years = months / 12;
    return t(years === 1 ? 'flow.validity.year' : 'flow.validity.years', { count: years });
  }
  return t(months === 1 ? 'flow.validity.month' : 'flow.validity.months', { count: months });
}

/** Null when the platform gives no stay limit (e.g. D: as the study or work approval says). */
export function stayText(days: number, t: Translate): string | null {
  if (!(days > 0)) return null;
  return t(days === 1 ? 'flow.stay.day' : 'flow.stay.days', { count: days });
}

/** The facts of one offered option, in reading order: entries, validity, stay. */
export function optionFacts(option: Pick<OfferedOption, 'entries' | 'validityMonths' | 'stayDays'>, t: Translate): string[] {
  const stay = stayText(option.stayDays, t);
  return [entriesText(option.entries, t), validityText(option.validityMonths, t), ...(stay ? [stay] : [])];
}
