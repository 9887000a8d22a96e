import { describe, expect, it } from 'vitest';
import { clockOffsetAtReceipt, runtimeNow, secondsUntil } from '../../../renderer/src/time/countdown.js';

describe('countdown with the runtime clock offset', () => {
  it('measures the offset as runtime time minus local time at receipt', () => {
    expect(clockOffsetAtReceipt(10_000, 7_000)).toBe(3_000);
    expect(clockOffsetAtReceipt(7_000, 10_000)).toBe(-3_000);
    expect(runtimeNow(7_000, 3_000)).toBe(10_000);
  });

  it('counts down in whole seconds, rounding up', () => {
    expect(secondsUntil(30_000, 0, 0)).toBe(30);
    expect(secondsUntil(30_000, 0, 100)).toBe(30);
    expect(secondsUntil(30_000, 0, 1_000)).toBe(29);
    expect(secondsUntil(30_000, 0, 29_001)).toBe(1);
  });

  it('never goes negative', () => {
    expect(secondsUntil(30_000, 0, 30_000)).toBe(0);
    expect(secondsUntil(30_000, 0, 99_000)).toBe(0);
  });

  it('is unaffected by a local clock running behind the runtime', () => {
    // Runtime says 100 000 when the local clock says 40 000: the local clock is 60 s behind.
    const offset = clockOffsetAtReceipt(100_000, 40_000);
    const deadline = 100_000 + 30_000;
    expect(secondsUntil(deadline, offset, 40_000)).toBe(30);
    expect(secondsUntil(deadline, offset, 50_000)).toBe(20);
  });

  it('is unaffected by a local clock running ahead of the runtime', () => {
    const offset = clockOffsetAtReceipt(100_000, 500_000);
    const deadline = 100_000 + 30_000;
    expect(secondsUntil(deadline, offset, 500_000)).toBe(30);
    expect(secondsUntil(deadline, offset, 525_500)).toBe(5);
  });
});
