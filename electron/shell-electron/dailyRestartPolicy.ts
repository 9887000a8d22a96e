import { isWithinDailyWindow, type DailyWindow } from '../../config/dailyWindow.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';

/**
 * A daily restart in the quiet window clears the slow leaks that turn long-running
 * Electron kiosks white after days (electron#45201, #17213, #11102).
 */

/** A freshly started app has nothing to clear; also stops a restart right after boot. */
export const MIN_UPTIME_BEFORE_DAILY_RESTART_MS = 60 * 60 * 1000;
export const DAILY_RESTART_CHECK_INTERVAL_MS = 60 * 1000;

export interface DailyRestartFacts {
  /** Local wall-clock time now (the quiet window is local time). */
  now: Date;
  /** When this process started, epoch ms. */
  startedAtMs: number;
  quietWindow: DailyWindow;
  dailyRestartEnabled: boolean;
  sessionActive: boolean;
}

export type DailyRestartDecision =
  | 'restart'
  | 'disabled'
  | 'outside-quiet-window'
  | 'already-started-in-this-window'
  | 'uptime-too-short'
  | 'session-active';

/**
 * Whether to restart now. "Once a day" needs no stored state: a process that started
 * inside the current occurrence of the window (i.e. the one that the last restart
 * created) never restarts again in it, however long the window is.
 */
export function decideDailyRestart(facts: DailyRestartFacts): DailyRestartDecision {
  if (!facts.dailyRestartEnabled) return 'disabled';
  if (!isWithinDailyWindow(facts.now, facts.quietWindow)) return 'outside-quiet-window';
  if (facts.startedAtMs >= startOfCurrentWindow(facts.now, facts.quietWindow).getTime()) {
    return 'already-started-in-this-window';
  }
  if (facts.now.getTime() - facts.startedAtMs < MIN_UPTIME_BEFORE_DAILY_RESTART_MS) return 'uptime-too-short';
  // Never interrupt a citizen; the next minute's check tries again.
  if (facts.sessionActive) return 'session-active';
  return 'restart';
}

/**
 * The most recent local time at which the window opened, at or before `now`. For a window
 * that spans midnight, at 01:00 that is yesterday's start.
 */
export function startOfCurrentWindow(now: Date, window: DailyWindow): Date {
  const [hours, minutes] = window.start.split(':').map(Number);
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours ?? 0, minutes ?? 0, 0, 0);
  if (start.getTime() > now.getTime()) start.setDate(start.getDate() - 1);
  return start;
}

export interface DailyRestartSchedulerOptions {
  clock: Clock;
  startedAtMs: number;
  /** Read at every check, so a config bundle applied today counts tonight. */
  settings: () => { quietWindow: DailyWindow; dailyRestart: boolean };
  isSessionActive: () => boolean;
  /** Relaunch + exit. Called at most once. */
  restart: () => void;
  logger: Logger;
  checkIntervalMs?: number;
}

/** Checks once a minute and restarts the app when decideDailyRestart says so. */
export class DailyRestartScheduler {
  private timer: TimerHandle | undefined;
  private stopped = true;

  constructor(private readonly options: DailyRestartSchedulerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One check; exposed for the scheduler's own timer and for tests. */
  check(): DailyRestartDecision {
    const settings = this.options.settings();
    const decision = decideDailyRestart({
      now: new Date(this.options.clock.now()),
      startedAtMs: this.options.startedAtMs,
      quietWindow: settings.quietWindow,
      dailyRestartEnabled: settings.dailyRestart,
      sessionActive: this.options.isSessionActive(),
    });
    if (decision === 'restart') {
      this.stop();
      this.options.logger.info('daily restart in the quiet window');
      this.options.restart();
    }
    return decision;
  }

  private scheduleNext(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.check();
      if (!this.stopped) this.scheduleNext();
    }, this.options.checkIntervalMs ?? DAILY_RESTART_CHECK_INTERVAL_MS);
  }
}
