import { describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../../../drivers/permit/mrz/checkDigit.js';
import { generatePermitLineMrz, generateTd1Mrz, type Td1Data } from '../../../../../drivers/permit/mrz/generateMrz.js';
import type { CheckDigitName, MrzError } from '../../../../../drivers/permit/mrz/mrzError.js';
import { describeMrzError } from '../../../../../drivers/permit/mrz/mrzError.js';
import { parseMrz } from '../../../../../drivers/permit/mrz/parseMrz.js';
import { permitLineCompositeCandidates } from '../../../../../drivers/permit/mrz/permitLineLayout.js';

const today = { year: 2026, month: 3, day: 1 };
const parse = (lines: readonly string[]) => parseMrz(lines, { today });
const errorsOf = (lines: readonly string[]): MrzError[] => {
  const result = parse(lines);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.mrz)}`);
  return result.errors;
};
/** Replaces the character at 1-based line/column, as ICAO numbers positions. */
const withChar = (lines: readonly string[], line: number, column: number, char: string) =>
  lines.map((text, i) => (i === line - 1 ? text.slice(0, column - 1) + char + text.slice(column) : text));

/** Synthetic holders: made-up pinyin names, all-zero number ranges. */
const CS: Td1Data = { documentCode: 'CS', issuingState: 'CHN', documentNumber: 'C00000001', birthDate: '900101', expiryDate: '340615', sex: 'F', nationality: 'CHN', surname: 'CESHI', givenNames: ['XIAOHONG'] };
const CD: Td1Data = { documentCode: 'CD', issuingState: 'CHN', documentNumber: 'L00000002', birthDate: '851120', expiryDate: '330301', sex: 'M', nationality: 'CHN', surname: 'OUYANG', givenNames: ['DA', 'WEI'] };
const CHECKS: CheckDigitName[] = ['document-number', 'birth-date', 'expiry-date', 'composite'];

describe('parseMrz: ICAO TD1 (3 × 30)', () => {
  it('reads the ICAO Doc 9303 Part 5 specimen field by field', () => {
    const result = parse(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
    expect(result).toMatchObject({
      ok: true,
      mrz: {
        layout: 'td1',
        documentCode: 'I',
        documentType: 'other',
        issuingState: 'UTO',
        issuingStateImplied: false,
        documentNumber: 'D23145890',
        birthDate: { iso: '1974-08-12', yymmdd: '740812' },
        expiryDate: { iso: '2012-04-15' },
        expired: true,
        sex: 'female',
        nationality: 'UTO',
        surname: 'ERIKSSON',
        givenNames: ['ANNA', 'MARIA'],
        optionalData: [],
        warnings: [],
      },
    });
  });

  it.each([
    ['CS', CS, 'hk-macau-permit'],
    ['CD', CD, 'taiwan-permit'],
  ] as const)('reads a synthetic %s permit in TD1 form', (_code, holder, documentType) => {
    const lines = generateTd1Mrz(holder);
    const result = parse(lines);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mrz).toMatchObject({
      layout: 'td1',
      documentCode: holder.documentCode,
      documentType,
      issuingState: 'CHN',
      documentNumber: holder.documentNumber,
      birthDate: { yymmdd: holder.birthDate },
      expiryDate: { yymmdd: holder.expiryDate },
      expired: false,
      sex: holder.sex === 'M' ? 'male' : 'female',
      nationality: 'CHN',
      surname: holder.surname,
      givenNames: holder.givenNames,
      lines,
      warnings: [],
    });
  });

  it.each(CHECKS)('names the %s check digit when only it is wrong', (check) => {
    const errors = errorsOf(generateTd1Mrz(CS, { wrongCheckDigits: [check] }));
    expect(errors).toEqual([expect.objectContaining({ code: 'check-digit-mismatch', check })]);
  });

  it('reports every failing check of one zone, not just the first', () => {
    const errors = errorsOf(generateTd1Mrz(CD, { wrongCheckDigits: ['birth-date', 'expiry-date'] }));
    expect(errors.map((e) => (e.code === 'check-digit-mismatch' ? e.check : e.code))).toEqual(['birth-date', 'expiry-date']);
  });

  it('a single misread digit fails its field check and the composite that covers it', () => {
    const lines = generateTd1Mrz(CS);
    const misread = withChar(lines, 2, 2, lines[1]![1] === '3' ? '8' : '3'); // birth year's second digit
    const checks = errorsOf(misread).flatMap((e) => (e.code === 'check-digit-mismatch' ? [e.check] : []));
    expect(checks).toEqual(['birth-date', 'composite']);
  });

  it('warns, without rejecting, when a CS/CD zone names another issuing state or an odd number', () => {
    const result = parse(generateTd1Mrz({ ...CS, issuingState: 'HKG', documentNumber: 'X1234567' }));
    expect(result).toMatchObject({ ok: true, mrz: { documentType: 'hk-macau-permit', issuingState: 'HKG' } });
    expect(result.ok && result.mrz.warnings).toEqual([{ code: 'unexpected-document-number-format' }, { code: 'issuing-state-not-chn', issuingState: 'HKG' }]);
  });

  it('handles fillers: short numbers, optional data and sex <', () => {
    const result = parse(generateTd1Mrz({ ...CD, documentCode: 'I', documentNumber: 'AB123', optionalData1: 'X1<Y2', optionalData2: '42', sex: '<' }));
    expect(result).toMatchObject({ ok: true, mrz: { documentCode: 'I', documentType: 'other', documentNumber: 'AB123', optionalData: ['X1<Y2', '42'], sex: 'unspecified' } });
  });

  it('reads a document number longer than 9 characters from the optional data (Part 5 note j)', () => {
    const lines = generateTd1Mrz({ ...CS, documentCode: 'ID', documentNumber: 'D23145890123', optionalData1: 'XYZ' });
    expect(lines[0]).toBe(`IDCHND23145890<123${computeCheckDigit('D23145890123')}<XYZ`.padEnd(30, '<'));
    expect(parse(lines)).toMatchObject({ ok: true, mrz: { documentNumber: 'D23145890123', optionalData: ['XYZ'] } });
    // The extension must end in its check digit.
    expect(errorsOf(withChar(lines, 1, 19, 'A'))).toEqual([{ code: 'bad-document-number-extension' }, expect.objectContaining({ code: 'check-digit-mismatch', check: 'composite' })]);
    // Without its check digit the last character of the number is taken for it: the sum catches that.
    expect(errorsOf(withChar(lines, 1, 19, '<'))).toEqual([expect.objectContaining({ code: 'check-digit-mismatch', check: 'document-number' }), expect.objectContaining({ check: 'composite' })]);
  });

  it('splits names at << and keeps inner fillers as separators', () => {
    const nameOf = (line3: string) => {
      const [l1, l2] = generateTd1Mrz(CS);
      const result = parse([l1, l2, line3]);
      return result.ok ? { surname: result.mrz.surname, givenNames: result.mrz.givenNames } : result.errors;
    };
    expect(nameOf('OUYANG<<XIAO<FANG<<<<<<<<<<<<<')).toEqual({ surname: 'OUYANG', givenNames: ['XIAO', 'FANG'] });
    expect(nameOf('SIMA<QIAN<<NA<<<<<<<<<<<<<<<<<')).toEqual({ surname: 'SIMA QIAN', givenNames: ['NA'] });
    expect(nameOf('WANG<<<<<<<<<<<<<<<<<<<<<<<<<<')).toEqual({ surname: 'WANG', givenNames: [] });
    // Truncated to the full width without a separator: all of it is the surname.
    expect(nameOf('ABCDEFGHIJKLMNOPQRSTUVWXYZABCD')).toEqual({ surname: 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCD', givenNames: [] });
    expect(nameOf('L1<<NA<<<<<<<<<<<<<<<<<<<<<<<<')).toEqual([{ code: 'bad-character', field: 'name', line: 3, column: 2, found: '1', suggested: 'I' }]);
  });

  it('wants three lines of exactly 30', () => {
    const [l1, l2, l3] = generateTd1Mrz(CS);
    expect(errorsOf([l1, `${l2}<`, l3])).toEqual([{ code: 'wrong-line-length', line: 2, length: 31, expected: 30 }]);
    expect(errorsOf([l1.slice(1), l2, l3.slice(0, 20)])).toEqual([
      { code: 'wrong-line-length', line: 1, length: 29, expected: 30 },
      { code: 'wrong-line-length', line: 3, length: 20, expected: 30 },
    ]);
  });
});

describe('parseMrz: the card permits\' one line (1 × 30)', () => {
  it.each([
    ['CS', CS, 'hk-macau-permit'],
    ['CD', CD, 'taiwan-permit'],
  ] as const)('reads a synthetic %s line: number, expiry, birth date; China implied as issuer', (_code, holder, documentType) => {
    const lines = generatePermitLineMrz(holder);
    expect(lines[0]).toHaveLength(30);
    expect(lines[0]!.slice(0, 13)).toBe(`${holder.documentCode}${holder.documentNumber}${computeCheckDigit(holder.documentNumber)}<`);
    expect(parse(lines)).toEqual({
      ok: true,
      mrz: {
        layout: 'permit-line',
        documentCode: holder.documentCode,
        documentType,
        issuingState: 'CHN',
        issuingStateImplied: true,
        documentNumber: holder.documentNumber,
        birthDate: expect.objectContaining({ yymmdd: holder.birthDate }),
        expiryDate: expect.objectContaining({ yymmdd: holder.expiryDate }),
        expired: false,
        sex: null,
        nationality: null,
        surname: null,
        givenNames: null,
        optionalData: [],
        lines,
        warnings: [],
      },
    });
  });

  it('keeps the permit order: expiry date before birth date', () => {
    const result = parse(generatePermitLineMrz({ documentCode: 'CS', documentNumber: 'C00000003', birthDate: '010203', expiryDate: '310405' }));
    expect(result).toMatchObject({ ok: true, mrz: { birthDate: { iso: '2001-02-03' }, expiryDate: { iso: '2031-04-05' } } });
  });

  it.each(CHECKS)('names the %s check digit when only it is wrong', (check) => {
    expect(errorsOf(generatePermitLineMrz(CS, { wrongCheckDigits: [check] }))).toEqual([expect.objectContaining({ code: 'check-digit-mismatch', check })]);
  });

  it('accepts the composite under either plausible coverage rule, and nothing else', () => {
    const [line] = generatePermitLineMrz(CD);
    const body = line!.slice(0, 29);
    const fieldsRule = computeCheckDigit(body.slice(2, 12) + body.slice(13, 20) + body.slice(21, 28))!;
    const contiguousRule = computeCheckDigit(body.slice(2, 29))!;
    expect(permitLineCompositeCandidates(line!).sort()).toEqual([...new Set([fieldsRule, contiguousRule])].sort());
    for (let digit = 0; digit <= 9; digit++) {
      const result = parse([`${body}${digit}`]);
      expect(result.ok).toBe(digit === fieldsRule || digit === contiguousRule);
    }
  });

  it('reports an O read for a 0 in the number as a suspected confusion, without applying it', () => {
    const lines = generatePermitLineMrz(CS); // C00000001
    const misread = withChar(lines, 1, 5, 'O');
    expect(misread[0]!.slice(2, 11)).toBe('C0O000001');
    const errors = errorsOf(misread);
    expect(errors[0]).toEqual({
      code: 'check-digit-mismatch',
      check: 'document-number',
      computed: computeCheckDigit('C0O000001'),
      found: computeCheckDigit('C00000001'),
      suspectedConfusions: expect.arrayContaining([{ line: 1, column: 5, found: 'O', suggested: '0' }]),
    });
  });

  it('reports letters in dates and check digits as bad characters with the likely digit', () => {
    const lines = generatePermitLineMrz(CS); // birth date 900101 at columns 22–27
    const errors = errorsOf(withChar(withChar(lines, 1, 23, 'O'), 1, 20, 'S'));
    expect(errors).toEqual([
      { code: 'bad-character', field: 'expiry-date-check', line: 1, column: 20, found: 'S', suggested: '5' },
      { code: 'bad-character', field: 'birth-date', line: 1, column: 23, found: 'O', suggested: '0' },
    ]);
    expect(describeMrzError(errors[1]!)).toEqual({ 'zh-CN': '机读码 1:23（birth-date）字符 O 无效，疑为 0', en: 'MRZ 1:23 (birth-date): invalid character O, probably 0' });
  });

  it('reports C5 for CS, and anything but < in the filler positions', () => {
    const lines = generatePermitLineMrz(CS);
    expect(errorsOf(withChar(lines, 1, 2, '5'))).toEqual([{ code: 'bad-character', field: 'document-code', line: 1, column: 2, found: '5', suggested: 'S' }]);
    const errors = errorsOf(withChar(withChar(lines, 1, 13, 'K'), 1, 21, '\u0007'));
    expect(errors).toEqual([
      { code: 'bad-character', field: 'filler', line: 1, column: 13, found: 'K', suggested: '<' },
      { code: 'bad-character', field: 'filler', line: 1, column: 21, found: '\u0007', suggested: null },
    ]);
    expect(describeMrzError(errors[1]!).en).toContain('U+0007');
  });

  it('rejects dates that are six digits but no calendar date', () => {
    const lines = generatePermitLineMrz({ documentCode: 'CS', documentNumber: 'C00000004', birthDate: '900231', expiryDate: '341301' });
    expect(errorsOf(lines)).toEqual([
      { code: 'invalid-date', field: 'expiry-date' },
      { code: 'invalid-date', field: 'birth-date' },
    ]);
  });

  it('flags an expired permit without rejecting it (the flow decides)', () => {
    expect(parse(generatePermitLineMrz({ ...CS, expiryDate: '260228' }))).toMatchObject({ ok: true, mrz: { expired: true, expiryDate: { iso: '2026-02-28' } } });
    expect(parse(generatePermitLineMrz({ ...CS, expiryDate: '260301' }))).toMatchObject({ ok: true, mrz: { expired: false } });
  });

  it('classifies other codes as other documents, with no implied issuer', () => {
    expect(parse(generatePermitLineMrz({ ...CS, documentCode: 'CX' }))).toMatchObject({ ok: true, mrz: { documentType: 'other', issuingState: null, issuingStateImplied: false } });
  });

  it('warns about a number that does not have the recorded shape', () => {
    expect(parse(generatePermitLineMrz({ ...CD, documentNumber: 'C00000009' }))).toMatchObject({ ok: true, mrz: { warnings: [{ code: 'unexpected-document-number-format' }] } });
  });

  it('wants exactly 30 characters', () => {
    const [line] = generatePermitLineMrz(CS);
    expect(errorsOf([line!.slice(0, 29)])).toEqual([{ code: 'wrong-line-length', line: 1, length: 29, expected: 30 }]);
    expect(errorsOf([`${line}<`])).toEqual([{ code: 'wrong-line-length', line: 1, length: 31, expected: 30 }]);
  });
});

describe('parseMrz: other shapes', () => {
  it('recognises a TD3 passport and a TD2 card only to say what they are', () => {
    expect(errorsOf(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'])).toEqual([{ code: 'unsupported-layout', layout: 'td3', documentCode: 'P' }]);
    expect(errorsOf(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'])).toEqual([{ code: 'unsupported-layout', layout: 'td2', documentCode: 'I' }]);
  });

  it.each([[[]], [['A'.repeat(30), 'B'.repeat(30)]], [['<'.repeat(30), '<'.repeat(30), '<'.repeat(30), '<'.repeat(30)]]])('rejects %j by line count', (lines) => {
    expect(errorsOf(lines)).toEqual([{ code: 'wrong-line-count', lineCount: lines.length }]);
  });
});
