/**
 * The MRZ character set (ICAO Doc 9303 Part 3 §4.3: OCR-B upper-case A–Z, digits 0–9 and the
 * filler `<`) and what each field position may hold. Anything else on an MRZ line is a misread.
 */
export const MRZ_FILLER = '<';

/** What one field position may contain. */
export type MrzCharset =
  /** Dates and check digits. */
  | 'numeric'
  /** Document code, states, nationality, names: letters and filler. */
  | 'alpha'
  /** Document number and optional data. */
  | 'alphanumeric'
  /** Positions that are always `<`. */
  | 'filler'
  /** Sex: M, F, X or `<` (X since the 8th edition; `<` = unspecified). */
  | 'sex';

export function isMrzChar(char: string): boolean {
  return char.length === 1 && ((char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === MRZ_FILLER);
}

export function isDigit(char: string): boolean {
  return char.length === 1 && char >= '0' && char <= '9';
}

export function fitsCharset(char: string, charset: MrzCharset): boolean {
  const letter = char.length === 1 && char >= 'A' && char <= 'Z';
  switch (charset) {
    case 'numeric':
      return isDigit(char);
    case 'alpha':
      return letter || char === MRZ_FILLER;
    case 'alphanumeric':
      return isMrzChar(char);
    case 'filler':
      return char === MRZ_FILLER;
    case 'sex':
      return char === 'M' || char === 'F' || char === 'X' || char === MRZ_FILLER;
  }
}

/** A character as staff can read it in a log: control and non-ASCII bytes as U+XXXX. */
export function printableChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e ? char : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
