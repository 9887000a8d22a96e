import { describe, expect, it } from 'vitest';
import { isWithinRollout, rolloutBucket } from '../../../../electron/runtime/updates/rolloutBucket.js';

const terminals = Array.from({ length: 2000 }, (_, i) => `GZ-TH-${String(i).padStart(4, '0')}`);

describe('rollout buckets', () => {
  it('are stable for a terminal and a version', () => {
    expect(rolloutBucket('GZ-TH-0001', '1.4.0')).toBe(rolloutBucket('GZ-TH-0001', '1.4.0'));
    expect(rolloutBucket('GZ-TH-0001', '1.4.0')).toBeGreaterThanOrEqual(0);
    expect(rolloutBucket('GZ-TH-0001', '1.4.0')).toBeLessThan(100);
  });

  it('spread a fleet evenly enough that 20 % means about a fifth', () => {
    const share = terminals.filter((t) => isWithinRollout(t, '1.4.0', 20)).length / terminals.length;
    expect(share).toBeGreaterThan(0.16);
    expect(share).toBeLessThan(0.24);
  });

  it('only add terminals when a rollout widens', () => {
    const at20 = terminals.filter((t) => isWithinRollout(t, '1.4.0', 20));
    const at50 = new Set(terminals.filter((t) => isWithinRollout(t, '1.4.0', 50)));
    expect(at20.every((t) => at50.has(t))).toBe(true);
  });

  it('take nobody at 0 % and everybody at 100 %', () => {
    expect(terminals.some((t) => isWithinRollout(t, '1.4.0', 0))).toBe(false);
    expect(terminals.every((t) => isWithinRollout(t, '1.4.0', 100))).toBe(true);
  });

  it('start each release with different terminals', () => {
    const first = new Set(terminals.filter((t) => isWithinRollout(t, '1.4.0', 10)));
    const next = terminals.filter((t) => isWithinRollout(t, '1.5.0', 10));
    const overlap = next.filter((t) => first.has(t)).length / next.length;
    expect(overlap).toBeLessThan(0.3);
  });
});
