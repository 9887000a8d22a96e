import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock, openTestStore, tempDir } from './storeTestKit.js';

const newFile = () => path.join(tempDir(), 'kiosk.db');

describe('systemNotices', () => {
  it('lists open notices oldest first until they are acknowledged', () => {
    const clock = manualClock();
    const store = openTestStore(newFile(), clock);
    const first = store.notices.record('config.broken', 'terminal.json: services.0.fee must be a number');
    clock.advance(1000);
    const second = store.notices.record('printer.paper-low', 'Receipt paper is low');

    expect(store.notices.listOpen()).toEqual([
      { id: first, at: clock.now() - 1000, code: 'config.broken', message: 'terminal.json: services.0.fee must be a number' },
      { id: second, at: clock.now(), code: 'printer.paper-low', message: 'Receipt paper is low' },
    ]);
    expect(store.notices.acknowledge(first)).toBe(true);
    expect(store.notices.acknowledge(first)).toBe(false);
    expect(store.notices.acknowledge(9999)).toBe(false);
    expect(store.notices.listOpen().map((n) => n.id)).toEqual([second]);
  });

  it('does not repeat an identical notice that is still open, but raises it again once acknowledged', () => {
    const store = openTestStore(newFile());
    const id = store.notices.record('config.broken', 'same problem');
    expect(store.notices.record('config.broken', 'same problem')).toBe(id);
    expect(store.notices.listOpen()).toHaveLength(1);
    store.notices.acknowledge(id);
    expect(store.notices.record('config.broken', 'same problem')).not.toBe(id);
  });

  it('survives a restart', () => {
    const file = newFile();
    const first = openTestStore(file);
    const id = first.notices.record('config.broken', 'x');
    first.close();
    expect(openTestStore(file).notices.listOpen().map((n) => n.id)).toEqual([id]);
  });
});

describe('terminalStateRepository', () => {
  it('starts in service and keeps an out-of-service decision across a restart', () => {
    const file = newFile();
    const clock = manualClock();
    const first = openTestStore(file, clock);
    expect(first.terminalState.get()).toEqual({ outOfService: false, reason: null, changedAt: null });
    clock.advance(42);
    first.terminalState.set({ outOfService: true, reason: 'printer jammed' });
    first.close();

    const second = openTestStore(file, clock);
    expect(second.terminalState.get()).toEqual({ outOfService: true, reason: 'printer jammed', changedAt: clock.now() });
  });

  it('clears the reason when service resumes', () => {
    const store = openTestStore(newFile());
    store.terminalState.set({ outOfService: true, reason: 'maintenance' });
    expect(store.terminalState.set({ outOfService: false, reason: 'maintenance' })).toMatchObject({
      outOfService: false,
      reason: null,
    });
  });

  it('keeps an explicit changedAt', () => {
    const store = openTestStore(newFile());
    store.terminalState.set({ outOfService: true, reason: 'r', changedAt: 1234 });
    expect(store.terminalState.get().changedAt).toBe(1234);
  });
});

describe('staffLockoutRepository', () => {
  it('keeps failed attempts and the lock-out across a restart', () => {
    const file = newFile();
    const first = openTestStore(file);
    expect(first.staffLockout.get()).toEqual({ failedAttempts: 0, lockedUntil: null });
    first.staffLockout.set({ failedAttempts: 5, lockedUntil: 1_900_000_000_000 });
    first.close();

    const second = openTestStore(file);
    expect(second.staffLockout.get()).toEqual({ failedAttempts: 5, lockedUntil: 1_900_000_000_000 });
    second.staffLockout.set({ failedAttempts: 0, lockedUntil: null });
    expect(second.staffLockout.get()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });

  it('refuses a negative or fractional attempt count', () => {
    const store = openTestStore(newFile());
    expect(() => store.staffLockout.set({ failedAttempts: -1, lockedUntil: null })).toThrow(RangeError);
    expect(() => store.staffLockout.set({ failedAttempts: 1.5, lockedUntil: null })).toThrow(RangeError);
  });
});

describe('lastGoodConfigRepository', () => {
  it('is empty at first, then returns the latest saved config, also after a restart', () => {
    const file = newFile();
    const clock = manualClock();
    const first = openTestStore(file, clock);
    expect(first.lastGoodConfig.load()).toBeNull();
    first.lastGoodConfig.save('{"terminalId":"A"}', '/etc/kiosk/terminal.json');
    clock.advance(10);
    first.lastGoodConfig.save('{"terminalId":"B"}', 'bundle:7');
    first.close();

    expect(openTestStore(file, clock).lastGoodConfig.load()).toEqual({
      json: '{"terminalId":"B"}',
      source: 'bundle:7',
      savedAt: clock.now(),
    });
  });

  it('refuses text that is not JSON and keeps the previous config', () => {
    const store = openTestStore(newFile());
    store.lastGoodConfig.save('{"ok":true}', 'file');
    expect(() => store.lastGoodConfig.save('{"truncated":', 'file')).toThrow(SyntaxError);
    expect(store.lastGoodConfig.load()?.json).toBe('{"ok":true}');
  });
});

describe('single-row tables whose row was lost (tampering, a bad restore)', () => {
  it('read as the defaults and are recreated by the next write, instead of stopping the terminal', () => {
    const store = openTestStore(newFile());
    store.db.exec('DELETE FROM terminal_state; DELETE FROM staff_lockout;');
    expect(store.terminalState.get()).toEqual({ outOfService: false, reason: null, changedAt: null });
    expect(store.staffLockout.get()).toEqual({ failedAttempts: 0, lockedUntil: null });
    store.terminalState.set({ outOfService: true, reason: 'staff', changedAt: 5 });
    store.staffLockout.set({ failedAttempts: 2, lockedUntil: null });
    expect(store.terminalState.get()).toEqual({ outOfService: true, reason: 'staff', changedAt: 5 });
    expect(store.staffLockout.get()).toEqual({ failedAttempts: 2, lockedUntil: null });
  });
});
