import { describe, expect, it } from 'vitest';
import { addMonths, hallDate, hallDateTime, isIsoDate } from '../../../../../electron/runtime/flows/endorsement/hallCalendar.js';

describe('hall calendar (UTC+8)', () => {
  it('gives the hall date and time whatever the machine zone', () => {
    // 16:30 UTC on the 23rd is half past midnight on the 24th in China.
    expect(hallDate(Date.UTC(2026, 10, 23, 16, 30))).toBe('2026-11-24');
    expect(hallDateTime(Date.UTC(2026, 10, 23, 16, 30, 5))).toBe('2026-11-24 00:30:05');
  });

  it('adds months, clamping to the end of shorter months and crossing years', () => {
    expect(addMonths('2026-11-23', 3)).toBe('2027-02-23');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });

  it('knows a real date from a look-alike', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-01')).toBe(false);
    expect(isIsoDate(20270201)).toBe(false);
  });
});
