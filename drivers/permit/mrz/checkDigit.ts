import { isDigit, MRZ_FILLER } from './mrzCharacters.js';

/** ICAO Doc 9303 Part 3 §4.9: weights 7, 3, 1 repeating; the check digit is the sum mod 10. */
const WEIGHTS = [7, 3, 1] as const;

/** 0–9 count as themselves, A–Z as 10–35, the filler as 0; anything else has no value. */
export function mrzCharValue(char: string): number | null {
  if (isDigit(char)) return char.charCodeAt(0) - 48;
  if (char.length === 1 && char >= 'A' && char <= 'Z') return char.charCodeAt(0) - 55;
  if (char === MRZ_FILLER) return 0;
  return null;
}

/** The check digit over `data`, or null when a character in it is not an MRZ character. */
export function computeCheckDigit(data: string): number | null {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = mrzCharValue(data[i]!);
    if (value === null) return null;
    sum += value * WEIGHTS[i % 3]!;
  }
  return sum % 10;
}
