import { type CalendarDate, compareCalendarDates, daysInMonth, isoCalendarDate } from './calendarDate.js';

/** A YYMMDD date from the MRZ with its century resolved. */
export interface MrzDate extends CalendarDate {
  /** As printed: YYMMDD. */
  readonly yymmdd: string;
  /** YYYY-MM-DD. */
  readonly iso: string;
}

/**
 * How far ahead an expiry date may lie. Card permits run 5 or 10 years (research/domain.md
 * §1.1), passports 10; 20 leaves room without reading a 1940s expiry as 2040s.
 */
export const EXPIRY_YEARS_AHEAD = 20;

/**
 * Resolves the two-digit year relative to `today`: a birth date is the latest one not after
 * today; an expiry date lies in the hundred years ending EXPIRY_YEARS_AHEAD years from now.
 * Null when YYMMDD is not six digits or not a calendar date (month 13, 30 February).
 */
export function resolveMrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: CalendarDate): MrzDate | null {
  if (!/^[0-9]{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const century = Math.floor(today.year / 100) * 100;
  let year = century + yy;
  if (kind === 'birth') {
    if (compareCalendarDates({ year, month, day }, today) > 0) year -= 100;
  } else if (year > today.year + EXPIRY_YEARS_AHEAD) {
    year -= 100;
  } else if (year <= today.year + EXPIRY_YEARS_AHEAD - 100) {
    year += 100;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const date = { year, month, day };
  return { ...date, yymmdd, iso: isoCalendarDate(date) };
}
