import { type CardDate, parseCardDate } from './cardDate.js';
import { type CardSex, parseSexCode } from './sexCode.js';
import { RESIDENT_SHARED_FIELDS } from './residentCard.js';
import { readTextField } from './textBlockField.js';
import type { TextBlockLayout } from './textBlockLayout.js';

/** 港澳台居民居住证, marker 'J' (research §4b): the resident layout plus pass number and issue count. */
export const RESIDENCE_PERMIT_LAYOUT = {
  marker: 'J',
  fields: {
    ...RESIDENT_SHARED_FIELDS,
    passNumber: { offset: 220, byteLength: 18 },
    issueCount: { offset: 238, byteLength: 4 },
  },
} as const satisfies TextBlockLayout<string>;

export type PermitHolderOrigin = 'hong-kong' | 'macao' | 'taiwan' | 'unknown';

export interface ResidencePermitCard {
  type: 'residence-permit';
  name: string;
  sex: CardSex;
  birthDate: CardDate;
  address: string;
  idNumber: string;
  /** From the number's area code: 810000 Hong Kong, 820000 Macao, 830000 Taiwan. */
  origin: PermitHolderOrigin;
  issuingAuthority: string;
  validFrom: CardDate;
  validTo: CardDate;
  /** 通行证号码: the holder's mainland travel permit number. */
  passNumber: string;
  /** 签发次数. */
  issueCount: string;
}

const ORIGIN_BY_AREA_CODE: Readonly<Record<string, PermitHolderOrigin>> = { '810000': 'hong-kong', '820000': 'macao', '830000': 'taiwan' };

export function decodeResidencePermit(block: Uint8Array): ResidencePermitCard {
  const field = (name: keyof typeof RESIDENCE_PERMIT_LAYOUT.fields) => readTextField(block, RESIDENCE_PERMIT_LAYOUT.fields[name]);
  const idNumber = field('idNumber');
  return {
    type: 'residence-permit',
    name: field('name'),
    sex: parseSexCode(field('sex')),
    birthDate: parseCardDate(field('birthDate'), { allowLongTerm: false }),
    address: field('address'),
    idNumber,
    origin: ORIGIN_BY_AREA_CODE[idNumber.slice(0, 6)] ?? 'unknown',
    issuingAuthority: field('issuingAuthority'),
    validFrom: parseCardDate(field('validFrom'), { allowLongTerm: false }),
    validTo: parseCardDate(field('validTo'), { allowLongTerm: true }),
    passNumber: field('passNumber'),
    issueCount: field('issueCount'),
  };
}
