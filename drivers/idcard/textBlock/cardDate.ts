/**
 * A date on the card: ASCII YYYYMMDD in UCS-2, or for an expiry date the literal 长期
 * (long-term validity, research §4e).
 */
export type CardDate =
  | { kind: 'date'; iso: string; raw: string }
  | { kind: 'long-term'; raw: string }
  /** Blank, malformed or not a calendar day: kept raw so staff can see what the card holds. */
  | { kind: 'invalid'; raw: string };

export const LONG_TERM_VALIDITY = '长期';

export function parseCardDate(raw: string, options: { allowLongTerm: boolean }): CardDate {
  if (options.allowLongTerm && raw === LONG_TERM_VALIDITY) return { kind: 'long-term', raw };
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!match) return { kind: 'invalid', raw };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { kind: 'invalid', raw };
  return { kind: 'date', iso: `${match[1]}-${match[2]}-${match[3]}`, raw };
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
