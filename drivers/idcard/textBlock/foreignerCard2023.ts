import { type CardDate, parseCardDate } from './cardDate.js';
import { type CardSex, parseSexCode } from './sexCode.js';
import { readRawTextField, readTextField, stripPadding } from './textBlockField.js';
import type { TextBlockLayout } from './textBlockLayout.js';

/**
 * 外国人永久居留身份证, 2023 version, marker 'Y' (research §4d). It reuses the resident slots;
 * the English name runs through the address slot (chars 1–35) and continues at 220 (36–46).
 */
export const FOREIGNER_2023_LAYOUT = {
  marker: 'Y',
  fields: {
    chineseName: { offset: 0, byteLength: 30 },
    sex: { offset: 30, byteLength: 2 },
    renewalCount: { offset: 32, byteLength: 4 },
    birthDate: { offset: 36, byteLength: 16 },
    englishNameStart: { offset: 52, byteLength: 70 },
    idNumber: { offset: 122, byteLength: 36 },
    validFrom: { offset: 188, byteLength: 16 },
    validTo: { offset: 204, byteLength: 16 },
    englishNameEnd: { offset: 220, byteLength: 22 },
    nationality: { offset: 242, byteLength: 6 },
    previousPermitLink: { offset: 250, byteLength: 6 },
  },
} as const satisfies TextBlockLayout<string>;

/** English names longer than the first slot are split at this many characters. */
export const FOREIGNER_2023_ENGLISH_NAME_SPLIT = FOREIGNER_2023_LAYOUT.fields.englishNameStart.byteLength / 2;

export interface ForeignerCard2023 {
  type: 'foreigner-2023';
  /** The name to show: the Chinese name when the card has one, else the English name. */
  name: string;
  chineseName: string;
  englishName: string;
  sex: CardSex;
  /** 换证次数. */
  renewalCount: string;
  birthDate: CardDate;
  /** 18 characters starting with 9, GB 11643 check digit. */
  idNumber: string;
  validFrom: CardDate;
  validTo: CardDate;
  /** 国籍/地区代码, 3 characters; whether letters or digits is unverified (research §10). */
  nationality: string;
  /** 既往版本外国人永久居留证件号码关联项. */
  previousPermitLink: string;
}

export function decodeForeignerCard2023(block: Uint8Array): ForeignerCard2023 {
  const fields = FOREIGNER_2023_LAYOUT.fields;
  const field = (name: keyof typeof fields) => readTextField(block, fields[name]);
  // Join before trimming: the split may fall on a space between two words.
  const englishName = stripPadding(readRawTextField(block, fields.englishNameStart) + readRawTextField(block, fields.englishNameEnd));
  const chineseName = field('chineseName');
  return {
    type: 'foreigner-2023',
    name: chineseName || englishName,
    chineseName,
    englishName,
    sex: parseSexCode(field('sex')),
    renewalCount: field('renewalCount'),
    birthDate: parseCardDate(field('birthDate'), { allowLongTerm: false }),
    idNumber: field('idNumber'),
    validFrom: parseCardDate(field('validFrom'), { allowLongTerm: false }),
    validTo: parseCardDate(field('validTo'), { allowLongTerm: true }),
    nationality: field('nationality'),
    previousPermitLink: field('previousPermitLink'),
  };
}
