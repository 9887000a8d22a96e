import { computeCheckDigit } from './checkDigit.js';
import { fitsCharset, type MrzCharset } from './mrzCharacters.js';
import type { SuspectedConfusion } from './mrzError.js';

/**
 * Letter/digit pairs OCR-B readers confuse (the classic MRZ-OCR list: O/Q/D vs 0, I/L vs 1,
 * Z vs 2, S vs 5, G vs 6, B vs 8, A vs 4), plus `<` read as K or a space.
 */
const CONFUSABLE: Readonly<Record<string, readonly string[]>> = {
  '0': ['O', 'Q', 'D'],
  O: ['0'],
  Q: ['0'],
  D: ['0'],
  '1': ['I', 'L'],
  I: ['1'],
  L: ['1'],
  '2': ['Z'],
  Z: ['2'],
  '4': ['A'],
  A: ['4'],
  '5': ['S'],
  S: ['5'],
  '6': ['G'],
  G: ['6'],
  '8': ['B'],
  B: ['8'],
  K: ['<'],
  ' ': ['<'],
};

/** The character OCR most likely misread as `found` at a position of `charset`, or null if none fits. */
export function likelyIntended(found: string, charset: MrzCharset): string | null {
  const upper = found.toUpperCase();
  if (upper !== found && fitsCharset(upper, charset)) return upper;
  return (CONFUSABLE[upper] ?? []).find((candidate) => fitsCharset(candidate, charset)) ?? null;
}

/** One stretch of MRZ characters covered by a check digit. Lines and columns count from 1. */
export interface CheckedSpan {
  line: number;
  column: number;
  text: string;
  charset: MrzCharset;
}

const MAX_SUSPECTS = 5;

/**
 * Single confusable substitutions inside `spans` that would make the check digit come out as
 * `found`. Reported, never applied (see SuspectedConfusion).
 */
export function suspectConfusions(spans: readonly CheckedSpan[], found: number): SuspectedConfusion[] {
  const data = spans.map((span) => span.text).join('');
  const suspects: SuspectedConfusion[] = [];
  let offset = 0;
  for (const span of spans) {
    for (let i = 0; i < span.text.length && suspects.length < MAX_SUSPECTS; i++) {
      const char = span.text[i]!;
      for (const suggested of CONFUSABLE[char] ?? []) {
        if (!fitsCharset(suggested, span.charset)) continue;
        const at = offset + i;
        if (computeCheckDigit(data.slice(0, at) + suggested + data.slice(at + 1)) === found) {
          suspects.push({ line: span.line, column: span.column + i, found: char, suggested });
        }
      }
    }
    offset += span.text.length;
  }
  return suspects;
}
