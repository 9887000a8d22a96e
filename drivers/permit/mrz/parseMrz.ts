import type { CalendarDate } from './calendarDate.js';
import { parsePermitLine } from './permitLineLayout.js';
import type { MrzParseResult } from './parseMrzResult.js';
import { parseTd1 } from './td1Layout.js';

export interface ParseMrzOptions {
  /** The kiosk's date, to resolve two-digit years and to tell whether the document has expired. */
  today: CalendarDate;
}

/**
 * Parses a machine-readable zone, given as its lines without line endings: one line of 30 is
 * a card permit's line (permitLineLayout.ts), three lines of 30 are ICAO TD1 (td1Layout.ts).
 * Two lines of 36 or 44 (TD2 cards, TD3 passports) are recognised only to say what they are.
 * Pure and total: any strings in, a typed result out.
 */
export function parseMrz(lines: readonly string[], { today }: ParseMrzOptions): MrzParseResult {
  if (lines.length === 1) return parsePermitLine(lines[0]!, today);
  if (lines.length === 3) return parseTd1(lines, today);
  if (lines.length === 2) {
    const [first = '', second = ''] = lines;
    const width = first.length === second.length ? first.length : 0;
    if (width === 36 || width === 44) {
      return { ok: false, errors: [{ code: 'unsupported-layout', layout: width === 36 ? 'td2' : 'td3', documentCode: first.slice(0, 2).replace(/<+$/, '') }], layout: null };
    }
  }
  return { ok: false, errors: [{ code: 'wrong-line-count', lineCount: lines.length }], layout: null };
}
