import { computeCheckDigit } from './checkDigit.js';
import { isMrzChar, MRZ_FILLER } from './mrzCharacters.js';
import type { CheckDigitName } from './mrzError.js';
import { encodeMrzName } from './mrzName.js';
import { permitLineCompositeCandidates } from './permitLineLayout.js';

/** The data printed in a permit's line: synthetic values only (tests, simulator, demos). */
export interface PermitLineData {
  /** "CS" (往来港澳通行证) or "CD" (往来台湾通行证); any two letters for negative tests. */
  documentCode: string;
  /** Up to 9 characters, e.g. "C00000001". */
  documentNumber: string;
  /** YYMMDD. */
  birthDate: string;
  /** YYMMDD. */
  expiryDate: string;
}

/** Everything a TD1 zone holds. */
export interface Td1Data extends PermitLineData {
  issuingState: string;
  sex: 'M' | 'F' | 'X' | '<';
  nationality: string;
  /** Upper-case A–Z; spaces become `<`. */
  surname: string;
  givenNames: readonly string[];
  optionalData1?: string;
  optionalData2?: string;
}

export interface GenerateMrzOptions {
  /**
   * Check digits to get wrong on purpose, each alone: the other check digits are computed over
   * the zone as generated, so only the named checks fail (a wrong field check digit stays
   * inside the composite's sum and the composite is computed over it).
   */
  wrongCheckDigits?: readonly CheckDigitName[];
}

/** The one 30-character line of a card permit (layout in permitLineLayout.ts), with its check digits. */
export function generatePermitLineMrz(data: PermitLineData, { wrongCheckDigits = [] }: GenerateMrzOptions = {}): [string] {
  const code = field(data.documentCode, 2, 'document code');
  const number = field(data.documentNumber, 9, 'document number');
  const expiry = date(data.expiryDate, 'expiry date');
  const birth = date(data.birthDate, 'birth date');
  const wrong = new Set(wrongCheckDigits);
  const line = `${code}${number}${digit(number, wrong.has('document-number'))}<${expiry}${digit(expiry, wrong.has('expiry-date'))}<${birth}${digit(birth, wrong.has('birth-date'))}<`;
  const candidates = permitLineCompositeCandidates(`${line}0`);
  const composite = wrong.has('composite') ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => !candidates.includes(d))! : candidates[0]!;
  return [`${line}${composite}`];
}

/** The three 30-character lines of an ICAO TD1 zone, with its check digits. */
export function generateTd1Mrz(data: Td1Data, { wrongCheckDigits = [] }: GenerateMrzOptions = {}): [string, string, string] {
  const wrong = new Set(wrongCheckDigits);
  const fullNumber = data.documentNumber;
  checkChars(fullNumber, 'document number');
  const numberCheck = digit(fullNumber, wrong.has('document-number'));
  const optional1 = data.optionalData1 ?? '';
  const line1Tail =
    fullNumber.length <= 9
      ? `${fullNumber.padEnd(9, MRZ_FILLER)}${numberCheck}${optional1}`
      : `${fullNumber.slice(0, 9)}${MRZ_FILLER}${fullNumber.slice(9)}${numberCheck}${MRZ_FILLER}${optional1}`;
  const line1 = `${field(data.documentCode, 2, 'document code')}${field(data.issuingState, 3, 'issuing state')}${field(line1Tail, 25, 'document number and optional data')}`;

  const birth = date(data.birthDate, 'birth date');
  const expiry = date(data.expiryDate, 'expiry date');
  if (!['M', 'F', 'X', MRZ_FILLER].includes(data.sex)) throw new RangeError(`sex must be M, F, X or <: ${data.sex}`);
  const line2Body = `${birth}${digit(birth, wrong.has('birth-date'))}${data.sex}${expiry}${digit(expiry, wrong.has('expiry-date'))}${field(data.nationality, 3, 'nationality')}${field(data.optionalData2 ?? '', 11, 'optional data 2')}`;
  const compositeData = line1.slice(5) + line2Body.slice(0, 7) + line2Body.slice(8, 15) + line2Body.slice(18, 29);
  const line2 = `${line2Body}${digit(compositeData, wrong.has('composite'))}`;

  const surname = data.surname.toUpperCase();
  const givenNames = data.givenNames.map((name) => name.toUpperCase().replace(/\s+/g, MRZ_FILLER));
  checkChars(`${surname.replace(/\s+/g, '')}${givenNames.join('')}`, 'name');
  const line3 = encodeMrzName({ surname, givenNames }, 30);
  return [line1, line2, line3];
}

function digit(data: string, wrong: boolean): string {
  const computed = computeCheckDigit(data);
  if (computed === null) throw new RangeError(`not MRZ characters: ${data}`);
  return String(wrong ? (computed + 1) % 10 : computed);
}

function field(value: string, width: number, what: string): string {
  checkChars(value, what);
  if (value.length > width) throw new RangeError(`${what} longer than ${width}: ${value}`);
  return value.padEnd(width, MRZ_FILLER);
}

function date(value: string, what: string): string {
  if (!/^[0-9]{6}$/.test(value)) throw new RangeError(`${what} must be YYMMDD: ${value}`);
  return value;
}

function checkChars(value: string, what: string): void {
  for (const char of value) if (!isMrzChar(char)) throw new RangeError(`${what} has a character outside the MRZ set: ${JSON.stringify(char)}`);
}
