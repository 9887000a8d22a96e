export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

// The runtime is on loopback: it is either restarting (seconds) or gone; no need to wait long.
export const defaultBackoffPolicy: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 5000 };

/** Delay before retry number `attempt` (0-based): doubling from the initial delay, capped. */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = defaultBackoffPolicy): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
