import type { PowerSaveBlocker } from 'electron';

export type PowerSaveBlockerApi = Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;

/**
 * Keeps the screen on while the kiosk runs (after Signal's PreventDisplaySleepService).
 * start/stop are idempotent, so callers need not track state. The OS screensaver/DPMS
 * must still be off in the image: this only stops Chromium from allowing display sleep.
 */
export class DisplaySleepBlocker {
  private blockerId: number | undefined;

  constructor(private readonly powerSaveBlocker: PowerSaveBlockerApi) {}

  start(): void {
    if (this.isActive()) return;
    this.blockerId = this.powerSaveBlocker.start('prevent-display-sleep');
  }

  stop(): void {
    if (this.blockerId === undefined) return;
    if (this.powerSaveBlocker.isStarted(this.blockerId)) this.powerSaveBlocker.stop(this.blockerId);
    this.blockerId = undefined;
  }

  isActive(): boolean {
    return this.blockerId !== undefined && this.powerSaveBlocker.isStarted(this.blockerId);
  }
}
