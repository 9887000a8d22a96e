import type { CalendarDate } from './calendarDate.js';
import { hasExpectedNumberFormat } from './documentNumberFormat.js';
import { isDigit, MRZ_FILLER } from './mrzCharacters.js';
import { type FieldPosition, isBefore, MrzFieldReader, trimFillers } from './mrzFieldReader.js';
import { parseMrzName } from './mrzName.js';
import type { MrzParseResult } from './parseMrzResult.js';
import { documentTypeOf, type MrzSex, type MrzWarning } from './permitMrz.js';

export const TD1_LINE_LENGTH = 30;

/**
 * ICAO Doc 9303 Part 5 (TD1, 3 × 30), positions counted from 0:
 *
 *   line 1: document code 0–1, issuing state 2–4, document number 5–13, its check digit 14,
 *           optional data 15–29
 *   line 2: birth date 0–5, check 6, sex 7, expiry date 8–13, check 14, nationality 15–17,
 *           optional data 18–28, composite check digit 29
 *   line 3: name 0–29
 *
 * The composite check covers line 1 positions 5–29, and line 2 positions 0–6, 8–14, 18–28.
 */
export const TD1_FIELDS = {
  documentCode: { line: 0, start: 0, length: 2 },
  issuingState: { line: 0, start: 2, length: 3 },
  documentNumber: { line: 0, start: 5, length: 9 },
  documentNumberCheck: { line: 0, start: 14, length: 1 },
  optionalData1: { line: 0, start: 15, length: 15 },
  birthDate: { line: 1, start: 0, length: 6 },
  birthDateCheck: { line: 1, start: 6, length: 1 },
  sex: { line: 1, start: 7, length: 1 },
  expiryDate: { line: 1, start: 8, length: 6 },
  expiryDateCheck: { line: 1, start: 14, length: 1 },
  nationality: { line: 1, start: 15, length: 3 },
  optionalData2: { line: 1, start: 18, length: 11 },
  compositeCheck: { line: 1, start: 29, length: 1 },
  name: { line: 2, start: 0, length: 30 },
} as const satisfies Record<string, FieldPosition>;

const F = TD1_FIELDS;

export function parseTd1(lines: readonly string[], today: CalendarDate): MrzParseResult {
  const lengthErrors = lines.flatMap((line, i) => (line.length === TD1_LINE_LENGTH ? [] : [{ code: 'wrong-line-length' as const, line: i + 1, length: line.length, expected: TD1_LINE_LENGTH }]));
  if (lengthErrors.length > 0) return { ok: false, errors: lengthErrors, layout: 'td1' };

  const read = new MrzFieldReader(lines);
  const documentCode = trimFillers(read.text('document-code', F.documentCode, 'alpha'));
  if (read.slice(F.documentCode).startsWith(MRZ_FILLER)) {
    read.errors.push({ code: 'bad-character', field: 'document-code', line: 1, column: 1, found: MRZ_FILLER, suggested: null });
  }
  const issuingState = trimFillers(read.text('issuing-state', F.issuingState, 'alpha'));
  const number = documentNumber(read);
  const birthDate = read.date('birth-date', F.birthDate, today);
  read.check('birth-date', F.birthDateCheck, [{ ...F.birthDate, charset: 'numeric' }]);
  const sex = sexOf(read.text('sex', F.sex, 'sex'));
  const expiryDate = read.date('expiry-date', F.expiryDate, today);
  read.check('expiry-date', F.expiryDateCheck, [{ ...F.expiryDate, charset: 'numeric' }]);
  const nationality = trimFillers(read.text('nationality', F.nationality, 'alpha'));
  const optionalData2 = trimFillers(read.text('optional-data-2', F.optionalData2, 'alphanumeric'));
  read.check('composite', F.compositeCheck, [
    { line: 0, start: 5, length: 25, charset: 'alphanumeric' },
    { line: 1, start: 0, length: 7, charset: 'numeric' },
    { line: 1, start: 8, length: 7, charset: 'numeric' },
    { ...F.optionalData2, charset: 'alphanumeric' },
  ]);
  const name = parseMrzName(read.text('name', F.name, 'alpha'));

  if (read.errors.length > 0 || !birthDate || !expiryDate || !number) return { ok: false, errors: read.errors, layout: 'td1' };
  const documentType = documentTypeOf(documentCode);
  const warnings: MrzWarning[] = [];
  if (!hasExpectedNumberFormat(documentType, number.documentNumber)) warnings.push({ code: 'unexpected-document-number-format' });
  if (documentType !== 'other' && issuingState !== 'CHN') warnings.push({ code: 'issuing-state-not-chn', issuingState });
  return {
    ok: true,
    mrz: {
      layout: 'td1',
      documentCode,
      documentType,
      issuingState,
      issuingStateImplied: false,
      documentNumber: number.documentNumber,
      birthDate,
      expiryDate,
      expired: isBefore(expiryDate, today),
      sex,
      nationality,
      surname: name.surname,
      givenNames: name.givenNames,
      optionalData: [number.optionalData1, optionalData2].filter(Boolean),
      lines: [...lines],
      warnings,
    },
  };
}

/**
 * The document number and its check. A number longer than 9 characters (Part 5 §4.2.2, note j)
 * puts `<` in the check-digit position and continues in the optional data, followed by its
 * check digit and a filler; the check digit then covers all of it.
 */
function documentNumber(read: MrzFieldReader): { documentNumber: string; optionalData1: string } | null {
  const principal = read.text('document-number', F.documentNumber, 'alphanumeric');
  const checkChar = read.slice(F.documentNumberCheck);
  const optional = read.text('optional-data-1', F.optionalData1, 'alphanumeric');
  if (checkChar !== MRZ_FILLER || optional.startsWith(MRZ_FILLER)) {
    read.check('document-number', F.documentNumberCheck, [{ ...F.documentNumber, charset: 'alphanumeric' }]);
    return { documentNumber: trimFillers(principal), optionalData1: trimFillers(optional) };
  }
  const extension = optional.split(MRZ_FILLER)[0] ?? '';
  const extensionCheck = extension.at(-1) ?? '';
  if (extension.length < 2 || !isDigit(extensionCheck)) {
    read.errors.push({ code: 'bad-document-number-extension' });
    return null;
  }
  const checkColumn = F.optionalData1.start + extension.length - 1;
  read.check('document-number', { line: 0, start: checkColumn, length: 1 }, [
    { ...F.documentNumber, charset: 'alphanumeric' },
    { line: 0, start: F.optionalData1.start, length: extension.length - 1, charset: 'alphanumeric' },
  ]);
  return { documentNumber: principal + extension.slice(0, -1), optionalData1: trimFillers(optional.slice(extension.length)) };
}

function sexOf(char: string): MrzSex {
  if (char === 'M') return 'male';
  if (char === 'F') return 'female';
  return 'unspecified';
}
