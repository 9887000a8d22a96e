import { describe, expect, it } from 'vitest';
import { localCalendarDate } from '../../../../../drivers/permit/mrz/calendarDate.js';
import { resolveMrzDate } from '../../../../../drivers/permit/mrz/mrzDate.js';

const today = { year: 2026, month: 3, day: 1 };

describe('resolveMrzDate', () => {
  it('puts a birth date on the latest day not after today', () => {
    expect(resolveMrzDate('260301', 'birth', today)?.iso).toBe('2026-03-01');
    expect(resolveMrzDate('260302', 'birth', today)?.iso).toBe('1926-03-02');
    expect(resolveMrzDate('250101', 'birth', today)?.iso).toBe('2025-01-01');
    expect(resolveMrzDate('900101', 'birth', today)?.iso).toBe('1990-01-01');
  });

  it('lets an expiry date lie up to 20 years ahead, and older ones in the past century', () => {
    expect(resolveMrzDate('460101', 'expiry', today)?.iso).toBe('2046-01-01');
    expect(resolveMrzDate('470101', 'expiry', today)?.iso).toBe('1947-01-01');
    expect(resolveMrzDate('120415', 'expiry', today)?.iso).toBe('2012-04-15');
    expect(resolveMrzDate('990101', 'expiry', { year: 2095, month: 1, day: 1 })?.iso).toBe('2099-01-01');
    expect(resolveMrzDate('050101', 'expiry', { year: 2095, month: 1, day: 1 })?.iso).toBe('2105-01-01');
  });

  it('rejects what is not a calendar date, with leap years counted in the resolved century', () => {
    expect(resolveMrzDate('901301', 'birth', today)).toBeNull();
    expect(resolveMrzDate('900230', 'birth', today)).toBeNull();
    expect(resolveMrzDate('900100', 'birth', today)).toBeNull();
    expect(resolveMrzDate('000229', 'birth', today)?.iso).toBe('2000-02-29');
    expect(resolveMrzDate('010229', 'birth', today)).toBeNull();
    // 28 resolves to 2028 as an expiry (a leap year) but to 1928 as a birth date (also leap).
    expect(resolveMrzDate('280229', 'expiry', today)?.iso).toBe('2028-02-29');
    expect(resolveMrzDate('9O0101', 'birth', today)).toBeNull();
    expect(resolveMrzDate('90010', 'birth', today)).toBeNull();
  });

  it('takes today from the local calendar of the clock', () => {
    const local = new Date(2026, 0, 31, 23, 59);
    expect(localCalendarDate(local.getTime())).toEqual({ year: 2026, month: 1, day: 31 });
  });
});
