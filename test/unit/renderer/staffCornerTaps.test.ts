import { describe, expect, it } from 'vitest';
import {
  initialStaffCornerTapState,
  registerStaffCornerTap,
  type StaffCornerTapState,
} from '../../../renderer/src/staff/staffCornerTaps.js';

/** Replays taps and returns the times at which the gesture fired. */
function triggersFor(tapTimes: number[]): number[] {
  let state: StaffCornerTapState = initialStaffCornerTapState;
  const fired: number[] = [];
  for (const at of tapTimes) {
    const result = registerStaffCornerTap(state, at);
    state = result.state;
    if (result.triggered) fired.push(at);
  }
  return fired;
}

describe('staff corner tap counter', () => {
  it('fires on the fifth tap within 3 s', () => {
    expect(triggersFor([0, 300, 600, 900, 1200])).toEqual([1200]);
    expect(triggersFor([0, 700, 1400, 2100, 2999])).toEqual([2999]);
  });

  it('does not fire on four taps', () => {
    expect(triggersFor([0, 100, 200, 300])).toEqual([]);
  });

  it('does not fire when five taps take 3 s or longer', () => {
    expect(triggersFor([0, 750, 1500, 2250, 3000])).toEqual([]);
  });

  it('resets when the taps are slow', () => {
    expect(triggersFor([0, 1000, 2000, 3000, 4000, 5000, 6000])).toEqual([]);
  });

  it('counts only the recent taps after a pause', () => {
    // Two stray taps, a pause, then five quick ones.
    expect(triggersFor([0, 200, 5000, 5200, 5400, 5600])).toEqual([]);
    expect(triggersFor([0, 200, 5000, 5200, 5400, 5600, 5800])).toEqual([5800]);
  });

  it('starts from zero after firing', () => {
    expect(triggersFor([0, 100, 200, 300, 400, 500, 600, 700, 800])).toEqual([400]);
    expect(triggersFor([0, 100, 200, 300, 400, 500, 600, 700, 800, 900])).toEqual([400, 900]);
  });

  it('does not mutate the state it was given', () => {
    const state: StaffCornerTapState = { recentTaps: [0, 100] };
    registerStaffCornerTap(state, 200);
    expect(state.recentTaps).toEqual([0, 100]);
  });
});
