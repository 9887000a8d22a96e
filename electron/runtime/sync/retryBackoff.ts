/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a fleet of terminals coming back after an outage spreads its retries instead of
 * hitting the platform together. `random` is injected so tests are exact.
 */
export function retryDelayMs(attempt: number, options: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling) + Math.min(options.baseMs, ceiling);
}
