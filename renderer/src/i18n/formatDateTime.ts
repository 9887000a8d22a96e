import type { Language } from '../../../config/localizedText.js';

// en-GB: day before month and 24-hour time, the least surprising style for visitors to China.
const intlLocale: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

/** "09:05": 24-hour clock for the attract screen. */
export function formatClockTime(epochMs: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
}

/** "2025年11月23日星期日" / "Sunday 23 November 2025". */
export function formatLongDate(epochMs: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale[language], {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone,
  }).format(epochMs);
}

/** "4:05" for countdowns of minutes; "0:09" below a minute. */
export function formatMinutesSeconds(totalSeconds: number): string {
  const clamped = Math.max(0, Math.floor(totalSeconds));
  const minutes = Math.floor(clamped / 60);
  const seconds = clamped % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** "11-23 09:05" for staff lists of events. */
export function formatShortDateTime(epochMs: number, language: Language, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(intlLocale[language], {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
