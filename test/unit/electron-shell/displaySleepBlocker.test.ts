import { describe, expect, it } from 'vitest';
import { DisplaySleepBlocker } from '../../../electron/shell-electron/displaySleepBlocker.js';
import { FakePowerSaveBlocker } from './fakeElectron.js';

describe('DisplaySleepBlocker', () => {
  it('starts a prevent-display-sleep blocker', () => {
    const psb = new FakePowerSaveBlocker();
    const blocker = new DisplaySleepBlocker(psb);
    blocker.start();
    expect(psb.startedTypes).toEqual(['prevent-display-sleep']);
    expect(blocker.isActive()).toBe(true);
  });

  it('start and stop are idempotent', () => {
    const psb = new FakePowerSaveBlocker();
    const blocker = new DisplaySleepBlocker(psb);
    blocker.start();
    blocker.start();
    expect(psb.active.size).toBe(1);
    blocker.stop();
    blocker.stop();
    expect(psb.active.size).toBe(0);
    expect(blocker.isActive()).toBe(false);
    blocker.start();
    expect(psb.active.size).toBe(1);
    expect(psb.startedTypes).toHaveLength(2);
  });

  it('restarts a blocker that was stopped behind its back', () => {
    const psb = new FakePowerSaveBlocker();
    const blocker = new DisplaySleepBlocker(psb);
    blocker.start();
    psb.active.clear();
    expect(blocker.isActive()).toBe(false);
    blocker.start();
    expect(psb.active.size).toBe(1);
  });
});
