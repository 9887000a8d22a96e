import type { CalendarDate } from './calendarDate.js';
import { computeCheckDigit } from './checkDigit.js';
import { hasExpectedNumberFormat } from './documentNumberFormat.js';
import { type FieldPosition, isBefore, MrzFieldReader, trimFillers } from './mrzFieldReader.js';
import type { MrzParseResult } from './parseMrzResult.js';
import { documentTypeOf, type MrzWarning } from './permitMrz.js';

export const PERMIT_LINE_LENGTH = 30;

/**
 * The machine-readable line of the card permits (往来港澳通行证 since 2014, document code CS;
 * 大陆居民往来台湾通行证, CD). It is NOT ICAO TD1: one line of 30, expiry before birth date,
 * no issuing state, nationality, sex or name. Positions counted from 0:
 *
 *   document code 0–1, document number 2–10, check 11, `<` 12, expiry date 13–18, check 19,
 *   `<` 20, birth date 21–26, check 27, `<` 28, composite check digit 29
 *
 * Sources (none official; GA/T 704 covers the permits' codes but its text is not public):
 * - Aliyun OCR for 往来港澳通行证 returns mrzCode "CSC886084772<2800800<8200000<6" (30
 *   characters, the example anonymised): help.aliyun.com/document_detail/406521.htm.
 * - An open passport-reader app parses the OCR'd permit MRZ with these positions and reads the
 *   chip's DG1 as 90 characters whose first 30 are this line (code index ids 36909081214
 *   (Swift), 6761711066, 6699466363, 6775491896, 7650806204 (Java); repos not resolved). The
 *   same code names CS for Hong Kong/Macau and CD for Taiwan.
 * - research/domain.md §1.4 describes that 90-character DG1 as "3 lines × 30"; the printed
 *   zone an OCR reader sees is the one line.
 *
 * Uncertain, so tolerated rather than guessed:
 * - What the composite check covers. The app sums the fields with their check digits and no
 *   fillers (2–11, 13–19, 21–27); the ICAO habit is one contiguous stretch with its fillers
 *   (2–28). Both are accepted; a digit that fits neither fails as 'composite'.
 * - The CD permit's layout is assumed to be the CS one; only the code is attested.
 */
export const PERMIT_LINE_FIELDS = {
  documentCode: { line: 0, start: 0, length: 2 },
  documentNumber: { line: 0, start: 2, length: 9 },
  documentNumberCheck: { line: 0, start: 11, length: 1 },
  expiryDate: { line: 0, start: 13, length: 6 },
  expiryDateCheck: { line: 0, start: 19, length: 1 },
  birthDate: { line: 0, start: 21, length: 6 },
  birthDateCheck: { line: 0, start: 27, length: 1 },
  compositeCheck: { line: 0, start: 29, length: 1 },
} as const satisfies Record<string, FieldPosition>;

const FILLER_POSITIONS: readonly FieldPosition[] = [12, 20, 28].map((start) => ({ line: 0, start, length: 1 }));

const F = PERMIT_LINE_FIELDS;

/** The composite digits the line may carry, one per plausible coverage rule (see above). */
export function permitLineCompositeCandidates(line: string): number[] {
  const fields = computeCheckDigit(line.slice(2, 12) + line.slice(13, 20) + line.slice(21, 28));
  const contiguous = computeCheckDigit(line.slice(2, 29));
  return [...new Set([fields, contiguous].filter((digit): digit is number => digit !== null))];
}

export function parsePermitLine(line: string, today: CalendarDate): MrzParseResult {
  if (line.length !== PERMIT_LINE_LENGTH) return { ok: false, errors: [{ code: 'wrong-line-length', line: 1, length: line.length, expected: PERMIT_LINE_LENGTH }], layout: 'permit-line' };

  const read = new MrzFieldReader([line]);
  const documentCode = trimFillers(read.text('document-code', F.documentCode, 'alpha'));
  const documentNumber = trimFillers(read.text('document-number', F.documentNumber, 'alphanumeric'));
  read.check('document-number', F.documentNumberCheck, [{ ...F.documentNumber, charset: 'alphanumeric' }]);
  for (const position of FILLER_POSITIONS) read.text('filler', position, 'filler');
  const expiryDate = read.date('expiry-date', F.expiryDate, today);
  read.check('expiry-date', F.expiryDateCheck, [{ ...F.expiryDate, charset: 'numeric' }]);
  const birthDate = read.date('birth-date', F.birthDate, today);
  read.check('birth-date', F.birthDateCheck, [{ ...F.birthDate, charset: 'numeric' }]);
  checkComposite(read, line);

  if (read.errors.length > 0 || !birthDate || !expiryDate) return { ok: false, errors: read.errors, layout: 'permit-line' };
  const documentType = documentTypeOf(documentCode);
  const warnings: MrzWarning[] = hasExpectedNumberFormat(documentType, documentNumber) ? [] : [{ code: 'unexpected-document-number-format' }];
  return {
    ok: true,
    mrz: {
      layout: 'permit-line',
      documentCode,
      documentType,
      issuingState: documentType === 'other' ? null : 'CHN',
      issuingStateImplied: documentType !== 'other',
      documentNumber,
      birthDate,
      expiryDate,
      expired: isBefore(expiryDate, today),
      sex: null,
      nationality: null,
      surname: null,
      givenNames: null,
      optionalData: [],
      lines: [line],
      warnings,
    },
  };
}

function checkComposite(read: MrzFieldReader, line: string): void {
  const found = read.text('composite-check', F.compositeCheck, 'numeric');
  const candidates = permitLineCompositeCandidates(line);
  // Uncomputable (a bad character in the covered stretch, already reported) or matching a rule: nothing to add.
  if (!/^[0-9]$/.test(found) || candidates.length === 0 || candidates.includes(Number(found))) return;
  // Report against the fields rule, which is what the one public parser implements.
  read.check('composite', F.compositeCheck, [
    { line: 0, start: 2, length: 10, charset: 'alphanumeric' },
    { line: 0, start: 13, length: 7, charset: 'numeric' },
    { line: 0, start: 21, length: 7, charset: 'numeric' },
  ]);
}
