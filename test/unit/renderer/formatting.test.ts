import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatLongDate,
  formatMinutesSeconds,
  formatShortDateTime,
} from '../../../renderer/src/i18n/formatDateTime.js';
import { formatFen } from '../../../renderer/src/i18n/formatMoney.js';

describe('formatFen', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatFen(1500)).toBe('¥15.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(99)).toBe('¥0.99');
    expect(formatFen(12_345)).toBe('¥123.45');
  });

  it('groups thousands of yuan', () => {
    expect(formatFen(123_456_789)).toBe('¥1,234,567.89');
    expect(formatFen(100_000)).toBe('¥1,000.00');
  });

  it('puts the sign before the currency symbol', () => {
    expect(formatFen(-250)).toBe('-¥2.50');
  });

  it('uses U+00A5 and refuses fractions of a fen', () => {
    expect(formatFen(100).codePointAt(0)).toBe(0xa5);
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});

describe('date and time formatting', () => {
  // 2025-11-23 09:05:00 in Beijing (UTC+8), a Sunday.
  const at = Date.UTC(2025, 10, 23, 1, 5, 0);
  const zone = 'Asia/Shanghai';

  it('shows a 24-hour clock', () => {
    expect(formatClockTime(at, 'zh-CN', zone)).toBe('09:05');
    expect(formatClockTime(at, 'en', zone)).toBe('09:05');
    expect(formatClockTime(Date.UTC(2025, 10, 23, 14, 30), 'en', zone)).toBe('22:30');
  });

  it('shows the long date in each language', () => {
    expect(formatLongDate(at, 'zh-CN', zone)).toBe('2025年11月23日星期日');
    expect(formatLongDate(at, 'en', zone)).toMatch(/^Sunday,? 23 November 2025$/);
  });

  it('formats minutes and seconds for countdowns', () => {
    expect(formatMinutesSeconds(0)).toBe('0:00');
    expect(formatMinutesSeconds(9)).toBe('0:09');
    expect(formatMinutesSeconds(300)).toBe('5:00');
    expect(formatMinutesSeconds(-3)).toBe('0:00');
  });

  it('formats short staff timestamps', () => {
    expect(formatShortDateTime(at, 'en', zone)).toBe('11-23 09:05');
    expect(formatShortDateTime(at, 'zh-CN', zone)).toBe('11-23 09:05');
  });
});
