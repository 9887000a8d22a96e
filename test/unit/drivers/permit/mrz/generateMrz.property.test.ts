import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePermitLineMrz, generateTd1Mrz, type Td1Data } from '../../../../../drivers/permit/mrz/generateMrz.js';
import { parseMrz } from '../../../../../drivers/permit/mrz/parseMrz.js';

const today = { year: 2026, month: 3, day: 1 };
const pad = (n: number) => String(n).padStart(2, '0');
/** Days 1–28 keep every generated YYMMDD a calendar date in any year. */
const yymmdd = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${pad(y)}${pad(m)}${pad(d)}`);
const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: min, maxLength: max });
const alnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: min, maxLength: max });

const holder: fc.Arbitrary<Td1Data> = fc.record({
  documentCode: fc.constantFrom('CS', 'CD', 'I', 'ID', 'AC'),
  issuingState: fc.constantFrom('CHN', 'UTO', 'D'),
  documentNumber: alnum(1, 9),
  birthDate: yymmdd,
  expiryDate: yymmdd,
  sex: fc.constantFrom('M', 'F', 'X', '<'),
  nationality: fc.constantFrom('CHN', 'UTO'),
  surname: letters(1, 12),
  givenNames: fc.array(letters(1, 6), { maxLength: 2 }),
});

describe('generate → parse round trip (synthetic data)', () => {
  it('every generated TD1 zone parses back to the data it was made from', () => {
    fc.assert(
      fc.property(holder, (data) => {
        const result = parseMrz(generateTd1Mrz(data), { today });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.mrz).toMatchObject({
          documentCode: data.documentCode,
          issuingState: data.issuingState,
          documentNumber: data.documentNumber,
          birthDate: { yymmdd: data.birthDate },
          expiryDate: { yymmdd: data.expiryDate },
          nationality: data.nationality,
          surname: data.surname,
          givenNames: data.givenNames,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('every generated permit line parses back to the data it was made from', () => {
    fc.assert(
      fc.property(holder, (data) => {
        const result = parseMrz(generatePermitLineMrz(data), { today });
        expect(result).toMatchObject({ ok: true, mrz: { documentCode: data.documentCode, documentNumber: data.documentNumber, birthDate: { yymmdd: data.birthDate }, expiryDate: { yymmdd: data.expiryDate } } });
      }),
      { numRuns: 500 },
    );
  });

  it('any other digit in a date or check digit is never accepted (7-3-1 catches every single-digit change)', () => {
    fc.assert(
      fc.property(holder, fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 9 }), (data, td1, pick, shift) => {
        const lines = td1 ? generateTd1Mrz(data) : generatePermitLineMrz(data);
        // Digit positions of dates and check digits (0-based). The permit line's composite is left out:
        // it deliberately accepts two coverage rules (see 'accepts the composite under either…').
        const line = td1 ? 1 : 0;
        const columns = td1 ? [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 29] : [11, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27];
        const at = columns[pick % columns.length]!;
        const text = lines[line]!;
        const changed = String((Number(text[at]) + shift) % 10);
        const mutated = lines.map((l, i) => (i === line ? l.slice(0, at) + changed + l.slice(at + 1) : l));
        expect(parseMrz(mutated, { today }).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to generate what is not MRZ text', () => {
    expect(() => generatePermitLineMrz({ documentCode: 'CS', documentNumber: 'c0000001', birthDate: '900101', expiryDate: '340101' })).toThrow(RangeError);
    expect(() => generatePermitLineMrz({ documentCode: 'CS', documentNumber: 'C0000000001', birthDate: '900101', expiryDate: '340101' })).toThrow(RangeError);
    expect(() => generatePermitLineMrz({ documentCode: 'CS', documentNumber: 'C00000001', birthDate: '1990-01-01', expiryDate: '340101' })).toThrow(RangeError);
  });
});
