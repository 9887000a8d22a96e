/**
 * Countdowns are computed against the runtime's clock, not the renderer's: the runtime
 * stamps each snapshot with `at`, and offset = at - Date.now() at receipt. A skewed or
 * jumped local clock therefore cannot shorten or stretch the citizen's idle warning.
 */
export function clockOffsetAtReceipt(runtimeAt: number, localNowAtReceipt: number): number {
  return runtimeAt - localNowAtReceipt;
}

export function runtimeNow(localNow: number, clockOffsetMs: number): number {
  return localNow + clockOffsetMs;
}

/** Whole seconds left until `deadline` (runtime epoch ms), rounded up, never negative. */
export function secondsUntil(deadline: number, clockOffsetMs: number, localNow: number): number {
  const remainingMs = deadline - runtimeNow(localNow, clockOffsetMs);
  return Math.max(0, Math.ceil(remainingMs / 1000));
}

/** "4:05": whole seconds as minutes and seconds, for a countdown read at a glance (never negative). */
export function minutesAndSeconds(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
