/**
 * Calendar days of the daily reconciliation, in the hall's local time: the process time zone,
 * as for the quiet window, the daily restart and the card terminal's dates (kiosks run with
 * the hall's zone, Asia/Shanghai). A day is written YYYY-MM-DD, so text order is date order.
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/** The local calendar day of an instant. */
export function localDayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function parts(day: string): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The day `offset` days after (or before) `day`. */
export function addDays(day: string, offset: number): string {
  const [y, m, d] = parts(day);
  return localDayOf(new Date(y, m - 1, d + offset).getTime());
}

/** Local midnight at the start of the day and of the next one (ms): [from, to). */
export function dayBounds(day: string): { from: number; to: number } {
  const [y, m, d] = parts(day);
  return { from: new Date(y, m - 1, d).getTime(), to: new Date(y, m - 1, d + 1).getTime() };
}

/** Local time HH:MM on the day of `ms`. */
function atTimeOfDay(ms: number, clock: string): number {
  const [h, min] = clock.split(':').map(Number);
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h ?? 0, min ?? 0).getTime();
}

/**
 * The days to reconcile now, oldest first. A day is due once the quiet window has started on
 * the day after it; days after the last one reconciled are caught up, at most `maxDays` (the
 * most recent ones). With no day reconciled yet, only the latest due day: a new terminal has
 * no history worth a week of platform queries.
 */
export function dueDays(facts: { now: number; quietWindowStart: string; lastReconciled: string | null; maxDays: number }): string[] {
  const today = localDayOf(facts.now);
  const latest = addDays(today, facts.now >= atTimeOfDay(facts.now, facts.quietWindowStart) ? -1 : -2);
  const last = facts.lastReconciled;
  if (last !== null && last >= latest) return [];
  let first = last === null ? latest : addDays(last, 1);
  const oldestAllowed = addDays(latest, -(Math.max(1, facts.maxDays) - 1));
  if (first < oldestAllowed) first = oldestAllowed;
  const days: string[] = [];
  for (let day = first; day <= latest; day = addDays(day, 1)) days.push(day);
  return days;
}
