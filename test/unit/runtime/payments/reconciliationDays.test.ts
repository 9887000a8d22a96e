import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayBounds, dueDays, isLocalDay, localDayOf } from '../../../../electron/runtime/payments/reconciliationDays.js';

/** Local time (the days are the hall's local days, the process time zone). */
const at = (month: number, day: number, hour: number, minute = 0) => new Date(2026, month - 1, day, hour, minute).getTime();

describe('local days', () => {
  it('names the local day of an instant and its bounds, midnight to midnight', () => {
    expect(localDayOf(at(11, 23, 0, 0))).toBe('2026-11-23');
    expect(localDayOf(at(11, 23, 23, 59))).toBe('2026-11-23');
    expect(dayBounds('2026-11-23')).toEqual({ from: at(11, 23, 0), to: at(11, 24, 0) });
  });

  it('steps across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('tells a real day from text that only looks like one', () => {
    expect(isLocalDay('2026-11-23')).toBe(true);
    expect(isLocalDay('2026-02-30')).toBe(false);
    expect(isLocalDay('2026-11-23T00:00')).toBe(false);
    expect(isLocalDay('')).toBe(false);
    expect(() => dayBounds('23/11/2026')).toThrow(RangeError);
  });

  it('round-trips: the day of a day’s start is that day, and the next day starts where it ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: at(1, 1, 0) - 3 * 365 * 86_400_000, max: at(1, 1, 0) + 3 * 365 * 86_400_000 }), (ms) => {
        const day = localDayOf(ms);
        const { from, to } = dayBounds(day);
        expect(ms).toBeGreaterThanOrEqual(from);
        expect(ms).toBeLessThan(to);
        expect(localDayOf(from)).toBe(day);
        expect(dayBounds(addDays(day, 1)).from).toBe(to);
      }),
    );
  });
});

describe('dueDays', () => {
  const facts = (now: number, lastReconciled: string | null, quietWindowStart = '03:00') => ({ now, quietWindowStart, lastReconciled, maxDays: 7 });

  it('makes yesterday due once the quiet window has started today, not before', () => {
    expect(dueDays(facts(at(11, 23, 2, 59), '2026-11-21'))).toEqual([]);
    expect(dueDays(facts(at(11, 23, 3, 0), '2026-11-21'))).toEqual(['2026-11-22']);
    expect(dueDays(facts(at(11, 23, 23, 30), '2026-11-21'))).toEqual(['2026-11-22']);
    expect(dueDays(facts(at(11, 23, 3, 0), '2026-11-22'))).toEqual([]);
  });

  it('starts with the latest due day on a terminal that never reconciled', () => {
    expect(dueDays(facts(at(11, 23, 10, 0), null))).toEqual(['2026-11-22']);
    expect(dueDays(facts(at(11, 23, 1, 0), null))).toEqual(['2026-11-21']);
  });

  it('catches up the days missed while the terminal was off, at most seven, the latest ones', () => {
    expect(dueDays(facts(at(11, 23, 4, 0), '2026-11-19'))).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(dueDays(facts(at(11, 23, 4, 0), '2026-10-01'))).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
  });

  it('follows the configured window start', () => {
    expect(dueDays(facts(at(11, 23, 0, 30), '2026-11-21', '00:15'))).toEqual(['2026-11-22']);
    expect(dueDays(facts(at(11, 23, 22, 0), '2026-11-21', '23:00'))).toEqual([]);
  });

  it('does nothing when the clock went back before the last day reconciled', () => {
    expect(dueDays(facts(at(11, 20, 12, 0), '2026-11-22'))).toEqual([]);
  });
});
