import { computeCheckDigit } from './checkDigit.js';
import { fitsCharset, isDigit, type MrzCharset } from './mrzCharacters.js';
import { type CalendarDate, compareCalendarDates } from './calendarDate.js';
import type { CheckDigitName, MrzError, MrzField } from './mrzError.js';
import { resolveMrzDate, type MrzDate } from './mrzDate.js';
import { type CheckedSpan, likelyIntended, suspectConfusions } from './ocrConfusions.js';

/** Where a field sits: line and start count from 0 here; errors report them from 1. */
export interface FieldPosition {
  line: number;
  start: number;
  length: number;
}

/**
 * Reads fields out of MRZ lines of the right length, collecting every problem as a typed
 * error instead of stopping at the first: a staff member looking at a misreading reader
 * wants to see all of it. Shared by both layouts.
 */
export class MrzFieldReader {
  readonly errors: MrzError[] = [];

  constructor(private readonly lines: readonly string[]) {}

  /** The field's text; characters the charset forbids are reported (and kept, never "fixed"). */
  text(field: MrzField, position: FieldPosition, charset: MrzCharset): string {
    const text = this.slice(position);
    for (let i = 0; i < text.length; i++) {
      const found = text[i]!;
      if (fitsCharset(found, charset)) continue;
      this.errors.push({ code: 'bad-character', field, line: position.line + 1, column: position.start + i + 1, found, suggested: likelyIntended(found, charset) });
    }
    return text;
  }

  /**
   * Verifies one check digit over `covered` (each stretch with its charset). Returns false on
   * a mismatch. A check over a character its field forbids (already reported as bad) is
   * skipped: the bad-character error says more than a failing sum would.
   */
  check(name: CheckDigitName, digit: FieldPosition, covered: readonly (FieldPosition & { charset: MrzCharset })[]): boolean {
    const found = this.text(`${name}-check`, digit, 'numeric');
    const spans: CheckedSpan[] = covered.map((position) => ({ line: position.line + 1, column: position.start + 1, text: this.slice(position), charset: position.charset }));
    if (!isDigit(found) || spans.some((span) => [...span.text].some((char) => !fitsCharset(char, span.charset)))) return true;
    const computed = computeCheckDigit(spans.map((span) => span.text).join(''));
    if (computed === null) return true;
    if (computed === Number(found)) return true;
    this.errors.push({ code: 'check-digit-mismatch', check: name, computed, found: Number(found), suspectedConfusions: suspectConfusions(spans, Number(found)) });
    return false;
  }

  /** A YYMMDD date; null (and an invalid-date error if it is six digits) when it is not a calendar date. */
  date(field: 'birth-date' | 'expiry-date', position: FieldPosition, today: CalendarDate): MrzDate | null {
    const text = this.text(field, position, 'numeric');
    if (!/^[0-9]{6}$/.test(text)) return null;
    const date = resolveMrzDate(text, field === 'birth-date' ? 'birth' : 'expiry', today);
    if (!date) this.errors.push({ code: 'invalid-date', field });
    return date;
  }

  slice({ line, start, length }: FieldPosition): string {
    return (this.lines[line] ?? '').slice(start, start + length);
  }
}

export function isBefore(date: CalendarDate, today: CalendarDate): boolean {
  return compareCalendarDates(date, today) < 0;
}

/** Removes leading and trailing fillers (states, codes, optional data). */
export function trimFillers(text: string): string {
  return text.replace(/<+$/, '').replace(/^<+/, '');
}
