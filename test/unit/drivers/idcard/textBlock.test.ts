import { describe, expect, it } from 'vitest';
import { isCardNumberValid } from '../../../../drivers/idcard/textBlock/cardNumberValidity.js';
import { decodeTextBlock } from '../../../../drivers/idcard/textBlock/decodeTextBlock.js';
import { FOREIGNER_2017_LAYOUT } from '../../../../drivers/idcard/textBlock/foreignerCard2017.js';
import { FOREIGNER_2023_LAYOUT } from '../../../../drivers/idcard/textBlock/foreignerCard2023.js';
import type { IdentityCard } from '../../../../drivers/idcard/textBlock/identityCard.js';
import { NATION_NAMES, parseNationCode } from '../../../../drivers/idcard/textBlock/nationCodes.js';
import { RESIDENCE_PERMIT_LAYOUT } from '../../../../drivers/idcard/textBlock/residencePermit.js';
import { RESIDENT_CARD_LAYOUT } from '../../../../drivers/idcard/textBlock/residentCard.js';
import { parseSexCode } from '../../../../drivers/idcard/textBlock/sexCode.js';
import { encodeTextBlock } from '../../../../drivers/idcard/textBlock/textBlockLayout.js';
import {
  FOREIGNER_2023_ENGLISH_NAME,
  RESIDENT_ID_NUMBER,
  foreigner2017Fields,
  foreigner2017TextBlock,
  foreigner2023Fields,
  foreigner2023TextBlock,
  residencePermitFields,
  residencePermitTextBlock,
  residentTextBlock,
} from './syntheticCards.js';

function decoded(block: Uint8Array): IdentityCard {
  const result = decodeTextBlock(block);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.card;
}

/** Writes UCS-2LE text at a byte offset: the layout tables are checked against hand-placed bytes, not against themselves. */
function placeAt(block: Uint8Array, byteOffset: number, text: string): Uint8Array {
  Buffer.from(text, 'utf16le').copy(block, byteOffset);
  return block;
}

describe('text block layouts', () => {
  it('every layout tiles fields inside 256 bytes without overlapping the type marker at 248', () => {
    for (const layout of [RESIDENT_CARD_LAYOUT, RESIDENCE_PERMIT_LAYOUT, FOREIGNER_2017_LAYOUT, FOREIGNER_2023_LAYOUT]) {
      const slots = Object.values(layout.fields).sort((a, b) => a.offset - b.offset);
      for (const [i, slot] of slots.entries()) {
        expect(slot.offset % 2).toBe(0);
        expect(slot.offset + slot.byteLength).toBeLessThanOrEqual(256);
        expect(slot.offset + slot.byteLength <= 248 || slot.offset >= 250).toBe(true);
        const next = slots[i + 1];
        if (next) expect(slot.offset + slot.byteLength).toBeLessThanOrEqual(next.offset);
      }
    }
  });

  it('decodes a resident card (marker space) with every field', () => {
    expect(decoded(residentTextBlock())).toEqual({
      type: 'resident',
      name: '张示例',
      sex: { code: '1', value: 'male' },
      nation: { code: '01', name: '汉' },
      birthDate: { kind: 'date', iso: '1990-01-01', raw: '19900101' },
      address: '北京市东城区示例街道1号',
      idNumber: RESIDENT_ID_NUMBER,
      issuingAuthority: '北京市公安局东城分局',
      validFrom: { kind: 'date', iso: '2020-01-01', raw: '20200101' },
      validTo: { kind: 'date', iso: '2040-01-01', raw: '20400101' },
    });
  });

  it('decodes a resident card valid 长期 and a resident block placed by hand at the GA 490 character offsets', () => {
    expect(decoded(residentTextBlock({ validTo: '长期' }))).toMatchObject({ validTo: { kind: 'long-term', raw: '长期' } });
    // Character offsets 0, 15, 16, 18, 26, 61, 79, 94, 102 (research §4a, SAMSerial.cs).
    const block = new Uint8Array(256);
    placeAt(block, 0, ' '.repeat(128));
    placeAt(block, 0, '赵样例');
    placeAt(block, 15 * 2, '2');
    placeAt(block, 16 * 2, '03');
    placeAt(block, 18 * 2, '19851231');
    placeAt(block, 26 * 2, '示例省示例市');
    placeAt(block, 61 * 2, RESIDENT_ID_NUMBER);
    placeAt(block, 79 * 2, '示例公安局');
    placeAt(block, 94 * 2, '20100101');
    placeAt(block, 102 * 2, '长期');
    expect(decoded(block)).toMatchObject({
      type: 'resident',
      name: '赵样例',
      sex: { value: 'female' },
      nation: { name: '回' },
      birthDate: { iso: '1985-12-31' },
      address: '示例省示例市',
      idNumber: RESIDENT_ID_NUMBER,
      issuingAuthority: '示例公安局',
      validTo: { kind: 'long-term' },
    });
  });

  it('trims NUL padding as well as spaces', () => {
    const block = residentTextBlock();
    block.fill(0, 6, 30); // name followed by NULs instead of spaces
    expect(decoded(block)).toMatchObject({ name: '张示例' });
  });

  it("decodes a HK/Macau/Taiwan residence permit ('J') with pass number, issue count and origin", () => {
    const block = residencePermitTextBlock();
    expect(block.subarray(248, 250)).toEqual(Uint8Array.of(0x4a, 0x00));
    expect(decoded(block)).toEqual({
      type: 'residence-permit',
      name: '李测试',
      sex: { code: '2', value: 'female' },
      birthDate: { kind: 'date', iso: '1990-01-01', raw: '19900101' },
      address: '广东省深圳市示例区示例路2号',
      idNumber: residencePermitFields.idNumber,
      origin: 'hong-kong',
      issuingAuthority: '深圳市公安局',
      validFrom: { kind: 'date', iso: '2021-03-01', raw: '20210301' },
      validTo: { kind: 'date', iso: '2026-03-01', raw: '20260301' },
      passNumber: 'H00000000',
      issueCount: '01',
    });
    const byHand = placeAt(placeAt(residencePermitTextBlock(), 220, 'M12345678'), 238, '03');
    expect(decoded(byHand)).toMatchObject({ passNumber: 'M12345678', issueCount: '03' });
  });

  it.each([
    ['820000', 'macao'],
    ['830000', 'taiwan'],
    ['110101', 'unknown'],
  ])('names the origin of a %s permit number as %s', (area, origin) => {
    const block = encodeTextBlock(RESIDENCE_PERMIT_LAYOUT, { ...residencePermitFields, idNumber: `${area}199001011230` });
    expect(decoded(block)).toMatchObject({ origin });
  });

  it("decodes a 2017 foreigner permanent residence card ('I') with its own layout", () => {
    expect(decoded(foreigner2017TextBlock())).toEqual({
      type: 'foreigner-2017',
      name: '示例',
      englishName: 'SAMPLE, ALEX JORDAN',
      chineseName: '示例',
      sex: { code: '1', value: 'male' },
      idNumber: 'ZZZ110090010112',
      nationality: 'ZZZ',
      birthDate: { kind: 'date', iso: '1990-01-01', raw: '19900101' },
      validFrom: { kind: 'date', iso: '2017-01-01', raw: '20170101' },
      validTo: { kind: 'date', iso: '2027-01-01', raw: '20270101' },
      cardVersion: '01',
      issuingAuthorityCode: '1100',
    });
    // Hand-placed: sex at byte 120, number at 122, birth date at 220 (research §4c).
    const block = placeAt(placeAt(placeAt(foreigner2017TextBlock(), 120, '2'), 122, 'YYY220080010113'), 220, '19800229');
    expect(decoded(block)).toMatchObject({ sex: { value: 'female' }, idNumber: 'YYY220080010113', birthDate: { iso: '1980-02-29' } });
  });

  it('shows the English name of a 2017 card that has no Chinese name', () => {
    const block = encodeTextBlock(FOREIGNER_2017_LAYOUT, { ...foreigner2017Fields, chineseName: '' });
    expect(decoded(block)).toMatchObject({ name: 'SAMPLE, ALEX JORDAN', chineseName: '' });
  });

  it("decodes a 2023 foreigner card ('Y'), joining the English name across its two slots", () => {
    expect(decoded(foreigner2023TextBlock())).toEqual({
      type: 'foreigner-2023',
      name: '王样本',
      chineseName: '王样本',
      englishName: FOREIGNER_2023_ENGLISH_NAME,
      sex: { code: '2', value: 'female' },
      renewalCount: '00',
      birthDate: { kind: 'date', iso: '1990-01-01', raw: '19900101' },
      idNumber: foreigner2023Fields.idNumber,
      validFrom: { kind: 'date', iso: '2023-01-01', raw: '20230101' },
      validTo: { kind: 'date', iso: '2033-01-01', raw: '20330101' },
      nationality: '999',
      previousPermitLink: '000',
    });
  });

  it('keeps a space that falls exactly at the split of the 2023 English name', () => {
    const name = `${'A'.repeat(34)} BCDEFGHIJKL`; // char 35 is the space
    const block = encodeTextBlock(FOREIGNER_2023_LAYOUT, { englishNameStart: name.slice(0, 35), englishNameEnd: name.slice(35) });
    expect(decoded(block)).toMatchObject({ englishName: name, name });
  });

  it('refuses an unknown type marker and a block of the wrong size instead of guessing', () => {
    const block = placeAt(residentTextBlock(), 248, 'Z');
    expect(decodeTextBlock(block)).toMatchObject({ ok: false, error: { code: 'unknown-card-type', marker: 0x5a } });
    expect(decodeTextBlock(placeAt(residentTextBlock(), 248, '\u4e00'))).toMatchObject({ ok: false, error: { code: 'unknown-card-type' } });
    expect(decodeTextBlock(new Uint8Array(255))).toMatchObject({ ok: false, error: { code: 'text-block-size' } });
  });

  it('refuses a field value that does not fit its slot when building a block', () => {
    expect(() => encodeTextBlock(RESIDENT_CARD_LAYOUT, { name: '一二三四五六七八九十一二三四五六' })).toThrow(RangeError);
  });
});

describe('code tables', () => {
  it('has the 56 ethnic groups plus 97 and 98', () => {
    const codes = Object.keys(NATION_NAMES).sort();
    expect(codes).toHaveLength(58);
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98']);
    expect(parseNationCode('46')).toEqual({ code: '46', name: '德昂' });
    expect(parseNationCode('56')).toEqual({ code: '56', name: '基诺' });
    expect(parseNationCode('98')).toEqual({ code: '98', name: '外国血统中国籍人士' });
  });

  it('keeps unknown nation codes with a null name', () => {
    expect(parseNationCode('57')).toEqual({ code: '57', name: null });
    expect(parseNationCode('toString')).toEqual({ code: 'toString', name: null });
  });

  it('maps GB/T 2261.1 sex codes', () => {
    expect(['0', '1', '2', '9', '3', ''].map((code) => parseSexCode(code).value)).toEqual(['unknown', 'male', 'female', 'unspecified', 'invalid', 'invalid']);
  });
});

describe('card number validity', () => {
  it('checks the GB 11643 digit for resident, permit and 2023 foreigner numbers, and the shape of 2017 numbers', () => {
    for (const block of [residentTextBlock(), residencePermitTextBlock(), foreigner2023TextBlock(), foreigner2017TextBlock()]) {
      expect(isCardNumberValid(decoded(block))).toBe(true);
    }
    expect(isCardNumberValid(decoded(residentTextBlock({ idNumber: '110101199001011236' })))).toBe(false);
    expect(isCardNumberValid(decoded(encodeTextBlock(FOREIGNER_2017_LAYOUT, { ...foreigner2017Fields, permitNumber: 'ZZ1110090010112' })))).toBe(false);
    // A valid resident number on a 2023 foreigner card is not a foreigner number: it must start with 9.
    expect(isCardNumberValid(decoded(encodeTextBlock(FOREIGNER_2023_LAYOUT, { ...foreigner2023Fields, idNumber: RESIDENT_ID_NUMBER })))).toBe(false);
  });
});
