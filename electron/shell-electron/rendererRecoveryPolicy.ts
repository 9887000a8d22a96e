import type { TerminalConfig } from '../../config/terminalConfigSchema.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';

/**
 * Self-healing of the kiosk window (research/electron.md §1.3). Electron recovers nothing
 * by itself: a dead renderer stays white, a hung one stays frozen. Decisions live here,
 * with the clock and the Electron objects injected, so they run under plain Node.
 */

export type RecoverySettings = TerminalConfig['recovery'];

/**
 * Used until the runtime has loaded the terminal config (and if it never does).
 * Mirrors config/builtInDefaults.ts; a unit test keeps the two equal.
 */
export const FALLBACK_RECOVERY_SETTINGS: RecoverySettings = {
  rendererCrashesAllowed: 3,
  rendererCrashWindowMinutes: 10,
  hangTimeoutSeconds: 10,
  gpuCrashesBeforeSoftwareRendering: 3,
  dailyRestart: true,
};

/** Exit code for "the renderer keeps dying": the OS supervisor restarts the whole app. */
export const RENDERER_CRASH_LOOP_EXIT_CODE = 1;

/** A forced crash is reported back as 'killed' shortly after; that report is ours, not news. */
const FORCED_CRASH_ECHO_MS = 30_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts events inside a trailing time window. */
export class SlidingWindowCounter {
  private readonly times: number[] = [];

  constructor(private readonly clock: Clock) {}

  /** Records one event now; returns how many fell inside the last `windowMs`, this one included. */
  record(windowMs: number): number {
    const now = this.clock.now();
    this.times.push(now);
    while (this.times.length > 0 && (this.times[0] as number) <= now - windowMs) this.times.shift();
    return this.times.length;
  }
}

/** Reason strings Electron gives in render-process-gone / child-process-gone details. */
export type ProcessGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

export interface ProcessGoneFacts {
  reason: ProcessGoneReason;
  exitCode: number;
}

/** What recovery does to the kiosk window's renderer (a real WebContents satisfies it). */
export interface RecoverableRenderer {
  reload(): void;
  forcefullyCrashRenderer(): void;
}

export interface RendererRecoveryOptions {
  /** Read on every decision: the config may arrive (or change) after the window exists. */
  settings: () => RecoverySettings;
  clock: Clock;
  renderer: RecoverableRenderer;
  /** Shuts the runtime down and exits with the code; the supervisor restarts the app. */
  exitApp: (exitCode: number) => void;
  logger: Logger;
}

/**
 * render-process-gone → reload while inside the crash-loop budget, else exit non-zero.
 * unresponsive → after hangTimeoutSeconds without 'responsive', forcefullyCrashRenderer()
 * then reload(): a plain reload() of a hung renderer waits on its unload handlers and can
 * hang too. A hang counts against the same budget as a crash.
 */
export class RendererRecoveryPolicy {
  private readonly crashes: SlidingWindowCounter;
  private hangTimer: TimerHandle | undefined;
  private forcedCrashAt: number | undefined;
  private exiting = false;

  constructor(private readonly options: RendererRecoveryOptions) {
    this.crashes = new SlidingWindowCounter(options.clock);
  }

  renderProcessGone(facts: ProcessGoneFacts): void {
    // The old renderer is gone: its hang no longer matters.
    this.clearHangTimer();
    const { logger, clock } = this.options;
    if (facts.reason === 'clean-exit') {
      logger.info('renderer exited cleanly', { exitCode: facts.exitCode });
      return;
    }
    if (facts.reason === 'killed' && this.forcedCrashAt !== undefined && clock.now() - this.forcedCrashAt <= FORCED_CRASH_ECHO_MS) {
      this.forcedCrashAt = undefined;
      logger.info('hung renderer was crashed on purpose and is reloading');
      return;
    }
    this.forcedCrashAt = undefined;
    logger.error('renderer process gone', { reason: facts.reason, exitCode: facts.exitCode });
    if (this.withinBudget()) this.options.renderer.reload();
  }

  unresponsive(): void {
    if (this.hangTimer !== undefined || this.exiting) return;
    const timeoutMs = this.options.settings().hangTimeoutSeconds * 1000;
    this.options.logger.warn('renderer unresponsive', { timeoutMs });
    this.hangTimer = this.options.clock.setTimeout(() => {
      this.hangTimer = undefined;
      this.recoverFromHang();
    }, timeoutMs);
  }

  responsive(): void {
    if (this.hangTimer === undefined) return;
    this.clearHangTimer();
    this.options.logger.info('renderer responsive again');
  }

  dispose(): void {
    this.clearHangTimer();
  }

  private recoverFromHang(): void {
    this.options.logger.error('renderer hung; crashing it', {
      hangTimeoutSeconds: this.options.settings().hangTimeoutSeconds,
    });
    if (!this.withinBudget()) return;
    this.forcedCrashAt = this.options.clock.now();
    // Per Electron's docs, reload() right after forcefullyCrashRenderer() starts a new process.
    this.options.renderer.forcefullyCrashRenderer();
    this.options.renderer.reload();
  }

  /** Records a failure; inside the budget → true, beyond it → exits the app and false. */
  private withinBudget(): boolean {
    if (this.exiting) return false;
    const settings = this.options.settings();
    const count = this.crashes.record(settings.rendererCrashWindowMinutes * 60_000);
    if (count <= settings.rendererCrashesAllowed) return true;
    this.exiting = true;
    this.options.logger.error('renderer crash loop; exiting for the supervisor to restart', {
      failures: count,
      windowMinutes: settings.rendererCrashWindowMinutes,
    });
    this.options.exitApp(RENDERER_CRASH_LOOP_EXIT_CODE);
    return false;
  }

  private clearHangTimer(): void {
    if (this.hangTimer === undefined) return;
    this.options.clock.clearTimeout(this.hangTimer);
    this.hangTimer = undefined;
  }
}

/** Persisted yes/no, surviving a restart (a file in the data dir in production). */
export interface FlagStore {
  isSet(): boolean;
  set(): void;
}

/** Facts of app 'child-process-gone' that matter here. */
export interface ChildProcessGoneFacts extends ProcessGoneFacts {
  type: string;
}

export interface GpuRecoveryOptions {
  settings: () => RecoverySettings;
  clock: Clock;
  softwareRenderingFlag: FlagStore;
  /** Restarts the app (relaunch + exit); the new process reads the flag before ready. */
  relaunch: () => void;
  logger: Logger;
}

/**
 * A GPU process that keeps dying shows as a white or frozen screen (electron#38001,
 * #11102). After gpuCrashesBeforeSoftwareRendering GPU crashes within a day, switch to
 * software rendering for good: persist the flag and relaunch. Once software rendering
 * is on, further GPU crashes are only logged, so there is no relaunch loop.
 */
export class GpuRecoveryPolicy {
  private readonly crashes: SlidingWindowCounter;
  private relaunching = false;

  constructor(private readonly options: GpuRecoveryOptions) {
    this.crashes = new SlidingWindowCounter(options.clock);
  }

  childProcessGone(facts: ChildProcessGoneFacts): void {
    if (facts.type !== 'GPU' || facts.reason === 'clean-exit') return;
    const { logger, softwareRenderingFlag, settings } = this.options;
    const count = this.crashes.record(DAY_MS);
    logger.error('GPU process gone', { reason: facts.reason, exitCode: facts.exitCode, crashesToday: count });
    if (this.relaunching || softwareRenderingFlag.isSet()) return;
    if (count < settings().gpuCrashesBeforeSoftwareRendering) return;
    this.relaunching = true;
    softwareRenderingFlag.set();
    logger.error('GPU keeps crashing; relaunching with software rendering');
    this.options.relaunch();
  }
}

/**
 * At startup, before app 'ready': a set flag means hardware acceleration stays off.
 * Returns whether it was disabled.
 */
export function applySoftwareRenderingFlag(
  app: { disableHardwareAcceleration(): void },
  flag: FlagStore,
  logger: Logger,
): boolean {
  if (!flag.isSet()) return false;
  app.disableHardwareAcceleration();
  logger.warn('hardware acceleration disabled after repeated GPU crashes');
  return true;
}
