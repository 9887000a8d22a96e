export const ACTIVITY_THROTTLE_MS = 2000;

/**
 * Lets one call through per interval. Touches arrive in bursts (every finger on the screen),
 * but the runtime only needs to know the citizen is still there.
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now): () => boolean {
  let lastPassedAt = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - lastPassedAt < intervalMs) return false;
    lastPassedAt = at;
    return true;
  };
}
