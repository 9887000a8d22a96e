import { describe, expect, it } from 'vitest';
import { createReplayGuard } from '../../../electron/platform/replayGuard.js';

function guardAt(start: number, windowMs = 300_000, maxEntries?: number) {
  const clock = { now: start };
  const guard = createReplayGuard({ windowMs, now: () => clock.now, ...(maxEntries ? { maxEntries } : {}) });
  return { clock, guard };
}

describe('replay guard', () => {
  it('accepts timestamps within the window on either side and refuses beyond it', () => {
    const { guard } = guardAt(1_000_000);
    expect(guard.isFresh(1_000_000)).toBe(true);
    expect(guard.isFresh(1_000_000 - 300_000)).toBe(true);
    expect(guard.isFresh(1_000_000 + 300_000)).toBe(true);
    expect(guard.isFresh(1_000_000 - 300_001)).toBe(false);
    expect(guard.isFresh(1_000_000 + 300_001)).toBe(false);
    expect(guard.isFresh(1_000_000, 1_400_000)).toBe(false);
  });

  it('accepts a nonce once per key and refuses it again within the window', () => {
    const { clock, guard } = guardAt(0);
    expect(guard.remember('GZ-1', 'nonce-aaaaaaaaaaaaaaaa')).toBe('accepted');
    clock.now = 299_999;
    expect(guard.remember('GZ-1', 'nonce-aaaaaaaaaaaaaaaa')).toBe('replayed');
    expect(guard.remember('GZ-2', 'nonce-aaaaaaaaaaaaaaaa')).toBe('accepted');
  });

  it('keeps a nonce for twice the window, long enough that any copy is stale, then forgets it', () => {
    const { clock, guard } = guardAt(0, 1000);
    guard.remember('GZ-1', 'n1-aaaaaaaaaaaaaaaa');
    clock.now = 1999;
    expect(guard.remember('GZ-1', 'n1-aaaaaaaaaaaaaaaa')).toBe('replayed');
    // A copy signed at 0 + window could arrive at 2000 at the latest: stale by then anyway.
    expect(guard.isFresh(1000, 2001)).toBe(false);
    clock.now = 2000;
    expect(guard.size()).toBe(0);
  });

  it('prunes in arrival order as time passes', () => {
    const { clock, guard } = guardAt(0, 100);
    for (let i = 0; i < 10_000; i++) {
      clock.now = i;
      guard.remember('GZ-1', `nonce-${String(i).padStart(16, '0')}`);
    }
    clock.now = 10_000 + 200;
    expect(guard.size()).toBe(0);
  });

  it('refuses rather than forgets when full', () => {
    const { guard } = guardAt(0, 1000, 2);
    expect(guard.remember('k', 'a'.repeat(16))).toBe('accepted');
    expect(guard.remember('k', 'b'.repeat(16))).toBe('accepted');
    expect(guard.remember('k', 'c'.repeat(16))).toBe('full');
    expect(guard.remember('k', 'a'.repeat(16))).toBe('replayed');
  });
});
