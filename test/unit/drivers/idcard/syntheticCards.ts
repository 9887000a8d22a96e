/**
 * Synthetic fixtures: made-up identities laid out per the published text-block layouts, and
 * reply frames built around them. No real person's data.
 */
import { encodeSamResponse } from '../../../../drivers/idcard/samResponse.js';
import { FOREIGNER_2017_LAYOUT } from '../../../../drivers/idcard/textBlock/foreignerCard2017.js';
import { FOREIGNER_2023_ENGLISH_NAME_SPLIT, FOREIGNER_2023_LAYOUT } from '../../../../drivers/idcard/textBlock/foreignerCard2023.js';
import { RESIDENCE_PERMIT_LAYOUT } from '../../../../drivers/idcard/textBlock/residencePermit.js';
import { RESIDENT_CARD_LAYOUT } from '../../../../drivers/idcard/textBlock/residentCard.js';
import { encodeTextBlock } from '../../../../drivers/idcard/textBlock/textBlockLayout.js';

/** GB 11643 written out independently of the code under test: r = (12 − Σ wᵢ·dᵢ mod 11) mod 11, w = 2^(17−i) mod 11. */
export function withCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const r = (12 - (sum % 11)) % 11;
  return first17 + (r === 10 ? 'X' : String(r));
}

/** Region 110101, born 1990-01-01, sequence 123 (odd: male). Check digit worked by hand: Σ = 126, 126 mod 11 = 5 → 7. */
export const RESIDENT_ID_NUMBER = '110101199001011237';

export const residentFields = {
  name: '张示例',
  sex: '1',
  nation: '01',
  birthDate: '19900101',
  address: '北京市东城区示例街道1号',
  idNumber: RESIDENT_ID_NUMBER,
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20200101',
  validTo: '20400101',
};

export const residentTextBlock = (overrides: Partial<typeof residentFields> = {}) => encodeTextBlock(RESIDENT_CARD_LAYOUT, { ...residentFields, ...overrides });

export const residencePermitFields = {
  name: '李测试',
  sex: '2',
  birthDate: '19900101',
  address: '广东省深圳市示例区示例路2号',
  idNumber: withCheckDigit('81000019900101124'),
  issuingAuthority: '深圳市公安局',
  validFrom: '20210301',
  validTo: '20260301',
  passNumber: 'H00000000',
  issueCount: '01',
};

export const foreigner2017Fields = {
  englishName: 'SAMPLE, ALEX JORDAN',
  sex: '1',
  permitNumber: 'ZZZ110090010112',
  nationality: 'ZZZ',
  chineseName: '示例',
  validFrom: '20170101',
  validTo: '20270101',
  birthDate: '19900101',
  cardVersion: '01',
  issuingAuthorityCode: '1100',
};

/** 46 characters: fills the first English-name slot and runs into the second. */
export const FOREIGNER_2023_ENGLISH_NAME = 'EXAMPLEPERSON, ALEXANDRA JORDAN MONTGOMERY LEE';

export const foreigner2023Fields = {
  chineseName: '王样本',
  sex: '2',
  renewalCount: '00',
  birthDate: '19900101',
  englishNameStart: FOREIGNER_2023_ENGLISH_NAME.slice(0, FOREIGNER_2023_ENGLISH_NAME_SPLIT),
  englishNameEnd: FOREIGNER_2023_ENGLISH_NAME.slice(FOREIGNER_2023_ENGLISH_NAME_SPLIT),
  idNumber: withCheckDigit('91199919900101124'),
  validFrom: '20230101',
  validTo: '20330101',
  nationality: '999',
  previousPermitLink: '000',
};

export const residencePermitTextBlock = () => encodeTextBlock(RESIDENCE_PERMIT_LAYOUT, residencePermitFields);
export const foreigner2017TextBlock = () => encodeTextBlock(FOREIGNER_2017_LAYOUT, foreigner2017Fields);
export const foreigner2023TextBlock = () => encodeTextBlock(FOREIGNER_2023_LAYOUT, foreigner2023Fields);

/** A stand-in WLT photo: the "WLf" lead-in seen in captures, then filler. It is not a real image. */
export function syntheticWltPhoto(bytes = 1024): Uint8Array {
  const photo = new Uint8Array(bytes);
  photo.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00]);
  for (let i = 8; i < bytes; i++) photo[i] = (i * 37) & 0xff;
  return photo;
}

const u16be = (value: number) => [value >> 8, value & 0xff];

/** The data of a 30 01 reply (fingerprint undefined) or a 30 10 reply. */
export function readReplyData(text: Uint8Array, photo = syntheticWltPhoto(), fingerprint?: Uint8Array): Uint8Array {
  const header = fingerprint === undefined ? [...u16be(text.length), ...u16be(photo.length)] : [...u16be(text.length), ...u16be(photo.length), ...u16be(fingerprint.length)];
  return Uint8Array.from([...header, ...text, ...photo, ...(fingerprint ?? [])]);
}

export function readReplyFrame(text: Uint8Array, photo?: Uint8Array, fingerprint?: Uint8Array): Uint8Array {
  return encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x90, data: readReplyData(text, photo, fingerprint) });
}

export function statusFrame(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  return encodeSamResponse({ sw1, sw2, sw3, data });
}

export const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
export const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
