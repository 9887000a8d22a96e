/**
 * The platform side of signed requests: a timestamp must be within the window of the
 * platform's clock, and a (key id, nonce) pair is accepted once. Nonces are kept for twice the
 * window after they arrive: any later copy carries a timestamp that is stale by then, so
 * forgetting them is safe, and expiry in arrival order keeps pruning O(1).
 */

export const DEFAULT_SIGNATURE_WINDOW_MS = 300_000;

export type NonceVerdict = 'accepted' | 'replayed' | 'full';

export interface ReplayGuard {
  readonly windowMs: number;
  /** True when the timestamp is within the window of now (either side); `now` defaults to the guard's clock. */
  isFresh(timestampMs: number, now?: number): boolean;
  /** Records the nonce; 'replayed' when the key used it within the window, 'full' at capacity. */
  remember(keyId: string, nonce: string): NonceVerdict;
  /** Nonces held now (for tests and the admin view). */
  size(): number;
}

export interface ReplayGuardOptions {
  windowMs?: number;
  now: () => number;
  /** Upper bound on remembered nonces; beyond it requests are refused rather than unguarded. */
  maxEntries?: number;
}

export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const windowMs = options.windowMs ?? DEFAULT_SIGNATURE_WINDOW_MS;
  const maxEntries = options.maxEntries ?? 2_000_000;
  const seen = new Set<string>();
  // FIFO of [key, forgetAt]; head advances as entries expire, the array is compacted now and then.
  let queue: [string, number][] = [];
  let head = 0;

  const prune = (now: number) => {
    while (head < queue.length) {
      const entry = queue[head];
      if (!entry || entry[1] > now) break;
      seen.delete(entry[0]);
      head++;
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  return {
    windowMs,
    isFresh(timestampMs, now = options.now()) {
      return Math.abs(now - timestampMs) <= windowMs;
    },
    remember(keyId, nonce) {
      const now = options.now();
      prune(now);
      const key = `${keyId}\n${nonce}`;
      if (seen.has(key)) return 'replayed';
      if (seen.size >= maxEntries) return 'full';
      seen.add(key);
      queue.push([key, now + 2 * windowMs]);
      return 'accepted';
    },
    size() {
      prune(options.now());
      return seen.size;
    },
  };
}
