import { type CardDate, parseCardDate } from './cardDate.js';
import { type CardSex, parseSexCode } from './sexCode.js';
import { readTextField } from './textBlockField.js';
import type { TextBlockLayout } from './textBlockLayout.js';

/** 外国人永久居留身份证, 2017 version, marker 'I' (research §4c): its own layout, English name first. */
export const FOREIGNER_2017_LAYOUT = {
  marker: 'I',
  fields: {
    englishName: { offset: 0, byteLength: 120 },
    sex: { offset: 120, byteLength: 2 },
    permitNumber: { offset: 122, byteLength: 30 },
    nationality: { offset: 152, byteLength: 6 },
    chineseName: { offset: 158, byteLength: 30 },
    validFrom: { offset: 188, byteLength: 16 },
    validTo: { offset: 204, byteLength: 16 },
    birthDate: { offset: 220, byteLength: 16 },
    cardVersion: { offset: 236, byteLength: 4 },
    issuingAuthorityCode: { offset: 240, byteLength: 8 },
  },
} as const satisfies TextBlockLayout<string>;

export interface ForeignerCard2017 {
  type: 'foreigner-2017';
  /** The name to show: the Chinese name when the card has one, else the English name. */
  name: string;
  englishName: string;
  chineseName: string;
  sex: CardSex;
  /** 永久居留证号码: 15 characters, 3-letter nationality + 12 digits. */
  idNumber: string;
  /** 国籍或所在地区代码 (GB/T 2659, 3 letters). */
  nationality: string;
  birthDate: CardDate;
  validFrom: CardDate;
  validTo: CardDate;
  cardVersion: string;
  /** 当次申请受理机关代码. */
  issuingAuthorityCode: string;
}

export function decodeForeignerCard2017(block: Uint8Array): ForeignerCard2017 {
  const field = (name: keyof typeof FOREIGNER_2017_LAYOUT.fields) => readTextField(block, FOREIGNER_2017_LAYOUT.fields[name]);
  const englishName = field('englishName');
  const chineseName = field('chineseName');
  return {
    type: 'foreigner-2017',
    name: chineseName || englishName,
    englishName,
    chineseName,
    sex: parseSexCode(field('sex')),
    idNumber: field('permitNumber'),
    nationality: field('nationality'),
    birthDate: parseCardDate(field('birthDate'), { allowLongTerm: false }),
    validFrom: parseCardDate(field('validFrom'), { allowLongTerm: false }),
    validTo: parseCardDate(field('validTo'), { allowLongTerm: true }),
    cardVersion: field('cardVersion'),
    issuingAuthorityCode: field('issuingAuthorityCode'),
  };
}
