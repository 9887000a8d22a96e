import { type CardDate, parseCardDate } from './cardDate.js';
import { type CardNation, parseNationCode } from './nationCodes.js';
import { type CardSex, parseSexCode } from './sexCode.js';
import { readTextField } from './textBlockField.js';
import type { TextBlockLayout } from './textBlockLayout.js';

/** Fields the resident card and the HK/Macau/Taiwan residence permit share, at the same offsets. */
export const RESIDENT_SHARED_FIELDS = {
  name: { offset: 0, byteLength: 30 },
  sex: { offset: 30, byteLength: 2 },
  birthDate: { offset: 36, byteLength: 16 },
  address: { offset: 52, byteLength: 70 },
  idNumber: { offset: 122, byteLength: 36 },
  issuingAuthority: { offset: 158, byteLength: 30 },
  validFrom: { offset: 188, byteLength: 16 },
  validTo: { offset: 204, byteLength: 16 },
} as const;

/** 居民身份证 (GA 490, research §4a). The marker at 248 is the space of the reserved slot. */
export const RESIDENT_CARD_LAYOUT = {
  marker: ' ',
  fields: { ...RESIDENT_SHARED_FIELDS, nation: { offset: 32, byteLength: 4 } },
} as const satisfies TextBlockLayout<string>;

export interface ResidentIdCard {
  type: 'resident';
  name: string;
  sex: CardSex;
  nation: CardNation;
  birthDate: CardDate;
  address: string;
  idNumber: string;
  issuingAuthority: string;
  validFrom: CardDate;
  /** A date or 长期. */
  validTo: CardDate;
}

export function decodeResidentCard(block: Uint8Array): ResidentIdCard {
  const field = (name: keyof typeof RESIDENT_CARD_LAYOUT.fields) => readTextField(block, RESIDENT_CARD_LAYOUT.fields[name]);
  return {
    type: 'resident',
    name: field('name'),
    sex: parseSexCode(field('sex')),
    nation: parseNationCode(field('nation')),
    birthDate: parseCardDate(field('birthDate'), { allowLongTerm: false }),
    address: field('address'),
    idNumber: field('idNumber'),
    issuingAuthority: field('issuingAuthority'),
    validFrom: parseCardDate(field('validFrom'), { allowLongTerm: false }),
    validTo: parseCardDate(field('validTo'), { allowLongTerm: true }),
  };
}
