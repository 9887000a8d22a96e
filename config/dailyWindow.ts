/** A daily local-time window such as operating hours or the quiet window ("HH:MM"–"HH:MM"). */
export interface DailyWindow {
  start: string;
  end: string;
}

function minutesOfDay(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * True when `at` (local time) falls inside the window. A window whose end is earlier than
 * its start spans midnight; start == end means the whole day.
 */
export function isWithinDailyWindow(at: Date, window: DailyWindow): boolean {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  if (start === end) return true;
  const now = at.getHours() * 60 + at.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}
