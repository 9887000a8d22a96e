import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/runtime/logger.js';
import {
  DailyRestartScheduler,
  decideDailyRestart,
  startOfCurrentWindow,
  type DailyRestartFacts,
} from '../../../electron/shell-electron/dailyRestartPolicy.js';
import { FakeClock } from '../../helpers/fakeClock.js';

// Local-time constructors, so the tests hold in any TZ.
const at = (day: number, hours: number, minutes = 0) => new Date(2026, 10, day, hours, minutes, 0, 0);
const HOUR = 60 * 60 * 1000;
const QUIET = { start: '03:00', end: '04:00' };

function facts(overrides: Partial<DailyRestartFacts> = {}): DailyRestartFacts {
  return {
    now: at(24, 3, 30),
    startedAtMs: at(23, 9, 0).getTime(),
    quietWindow: QUIET,
    dailyRestartEnabled: true,
    sessionActive: false,
    ...overrides,
  };
}

describe('decideDailyRestart', () => {
  it('restarts inside the window, idle, after more than an hour up', () => {
    expect(decideDailyRestart(facts())).toBe('restart');
  });

  it.each([
    ['before the window', { now: at(24, 2, 59) }, 'outside-quiet-window'],
    ['at the window end', { now: at(24, 4, 0) }, 'outside-quiet-window'],
    ['in the afternoon', { now: at(24, 15, 0) }, 'outside-quiet-window'],
    ['when disabled', { dailyRestartEnabled: false }, 'disabled'],
    ['during a session', { sessionActive: true }, 'session-active'],
    ['up less than an hour', { startedAtMs: at(24, 2, 45).getTime() }, 'uptime-too-short'],
    ['already restarted in this window', { startedAtMs: at(24, 3, 1).getTime(), now: at(24, 3, 59) }, 'already-started-in-this-window'],
  ] as const)('does not restart %s', (_name, override, decision) => {
    expect(decideDailyRestart(facts(override))).toBe(decision);
  });

  it('restarts at the window start exactly', () => {
    expect(decideDailyRestart(facts({ now: at(24, 3, 0) }))).toBe('restart');
  });

  it('handles a window that spans midnight', () => {
    const window = { start: '23:30', end: '01:00' };
    const startedAtMs = at(23, 8).getTime();
    expect(decideDailyRestart(facts({ quietWindow: window, startedAtMs, now: at(23, 23, 45) }))).toBe('restart');
    expect(decideDailyRestart(facts({ quietWindow: window, startedAtMs, now: at(24, 0, 30) }))).toBe('restart');
    expect(decideDailyRestart(facts({ quietWindow: window, startedAtMs, now: at(24, 1, 0) }))).toBe('outside-quiet-window');
    expect(decideDailyRestart(facts({ quietWindow: window, startedAtMs, now: at(23, 23, 0) }))).toBe('outside-quiet-window');
    // Restarted at 23:40 yesterday: at 00:50 it is the same window occurrence.
    expect(
      decideDailyRestart(facts({ quietWindow: window, startedAtMs: at(23, 23, 40).getTime(), now: at(24, 0, 50) })),
    ).toBe('already-started-in-this-window');
  });

  it('startOfCurrentWindow goes back a day after midnight', () => {
    expect(startOfCurrentWindow(at(24, 0, 30), { start: '23:30', end: '01:00' })).toEqual(at(23, 23, 30));
    expect(startOfCurrentWindow(at(24, 3, 30), QUIET)).toEqual(at(24, 3, 0));
  });
});

describe('DailyRestartScheduler', () => {
  function schedulerSetup(options: { startAt: Date; sessionActive?: () => boolean; dailyRestart?: boolean }) {
    const clock = new FakeClock(options.startAt.getTime());
    let restarts = 0;
    const scheduler = new DailyRestartScheduler({
      clock,
      startedAtMs: options.startAt.getTime(),
      settings: () => ({ quietWindow: QUIET, dailyRestart: options.dailyRestart ?? true }),
      isSessionActive: options.sessionActive ?? (() => false),
      restart: () => restarts++,
      logger: silentLogger,
    });
    return { clock, scheduler, restarts: () => restarts };
  }

  it('restarts once, at the first minute inside the window', () => {
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(23, 12, 0) });
    scheduler.start();
    clock.advance(at(24, 2, 59).getTime() - clock.now());
    expect(restarts()).toBe(0);
    clock.advance(2 * 60_000);
    expect(restarts()).toBe(1);
    expect(new Date(clock.now()).getHours()).toBe(3);
    clock.advance(48 * HOUR);
    expect(restarts()).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits for the session to end', () => {
    let active = true;
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(23, 12, 0), sessionActive: () => active });
    scheduler.start();
    clock.advance(at(24, 3, 20).getTime() - clock.now());
    expect(restarts()).toBe(0);
    active = false;
    clock.advance(60_000);
    expect(restarts()).toBe(1);
  });

  it('does not restart when disabled', () => {
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(23, 12, 0), dailyRestart: false });
    scheduler.start();
    clock.advance(48 * HOUR);
    expect(restarts()).toBe(0);
  });

  it('a kiosk that booted just before the window waits for an hour of uptime', () => {
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(24, 2, 50) });
    scheduler.start();
    clock.advance(at(24, 3, 49).getTime() - clock.now());
    expect(restarts()).toBe(0);
    clock.advance(60_000);
    expect(restarts()).toBe(1);
  });

  it('a process started inside the window (the restarted one) waits for tomorrow', () => {
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(24, 3, 1) });
    scheduler.start();
    clock.advance(at(24, 23, 0).getTime() - clock.now());
    expect(restarts()).toBe(0);
    clock.advance(at(25, 3, 1).getTime() - clock.now());
    expect(restarts()).toBe(1);
  });

  it('stop cancels the checks', () => {
    const { clock, scheduler, restarts } = schedulerSetup({ startAt: at(23, 12, 0) });
    scheduler.start();
    scheduler.stop();
    clock.advance(48 * HOUR);
    expect(restarts()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});
