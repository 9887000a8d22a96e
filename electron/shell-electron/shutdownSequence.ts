import type { App } from 'electron';
import type { Clock } from '../runtime/clock.js';
import type { KioskRuntime } from '../runtime/kioskRuntime.js';
import type { Logger } from '../runtime/logger.js';

/** Long enough to close devices and the database; a stuck driver must not keep us alive. */
export const RUNTIME_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Exit code asking the OS supervisor for a restart. Non-zero so that Restart=on-failure
 * units restart too; 75 is EX_TEMPFAIL ("try again later").
 */
export const RESTART_REQUESTED_EXIT_CODE = 75;

export interface ShutdownSequenceOptions {
  app: Pick<App, 'exit' | 'relaunch'>;
  /** The runtime if it has been created; undefined while starting or after it failed. */
  runtime: () => KioskRuntime | undefined;
  clock: Clock;
  logger: Logger;
  /**
   * True when an OS supervisor (systemd) restarts the app: then a restart is a plain exit,
   * because app.relaunch() would start a second process racing the supervisor's restart
   * for the single-instance lock (and relaunch does not work inside an AppImage).
   */
  restartViaSupervisor: boolean;
  timeoutMs?: number;
}

/**
 * The one way out of the process: runtime.shutdown() (bounded by a timeout), then
 * app.exit(code). Idempotent: signals, before-quit and recovery may all ask at once.
 */
export class ShutdownSequence {
  private exiting: Promise<void> | undefined;

  constructor(private readonly options: ShutdownSequenceOptions) {}

  /** True once an exit has begun; the window 'close' guard lets the window go then. */
  get quitting(): boolean {
    return this.exiting !== undefined;
  }

  exit(exitCode: number): Promise<void> {
    this.exiting ??= this.shutDownThenExit(exitCode);
    return this.exiting;
  }

  /** Relaunch and exit, or leave the relaunch to the supervisor. */
  restart(): Promise<void> {
    if (this.exiting) return this.exiting;
    if (this.options.restartViaSupervisor) return this.exit(RESTART_REQUESTED_EXIT_CODE);
    this.options.app.relaunch();
    return this.exit(0);
  }

  private async shutDownThenExit(exitCode: number): Promise<void> {
    const { logger, clock } = this.options;
    logger.info('shutting down', { exitCode });
    const runtime = this.options.runtime();
    if (runtime) {
      let timer: ReturnType<Clock['setTimeout']> | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = clock.setTimeout(() => resolve('timeout'), this.options.timeoutMs ?? RUNTIME_SHUTDOWN_TIMEOUT_MS);
      });
      try {
        const outcome = await Promise.race([runtime.shutdown().then(() => 'done' as const), timedOut]);
        if (outcome === 'timeout') logger.error('runtime shutdown timed out; exiting anyway');
      } catch (error) {
        logger.error('runtime shutdown failed; exiting anyway', { error: errorMessage(error) });
      } finally {
        if (timer !== undefined) clock.clearTimeout(timer);
      }
    }
    this.options.app.exit(exitCode);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
