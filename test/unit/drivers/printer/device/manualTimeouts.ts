import type { ScheduleTimeout } from '../../../../../drivers/printer/device/realTimeStatusReader.js';

interface Timer {
  milliseconds: number;
  fire: () => void;
  active: boolean;
}

/** Timeouts that fire only when a test says so: silence is tested without waiting on a clock. */
export class ManualTimeouts {
  private readonly timers: Timer[] = [];
  private readonly waiters: (() => void)[] = [];

  readonly schedule: ScheduleTimeout = (milliseconds, fire) => {
    const timer: Timer = { milliseconds, fire, active: true };
    this.timers.push(timer);
    for (const wake of this.waiters.splice(0)) wake();
    return () => {
      timer.active = false;
    };
  };

  activeCount(): number {
    return this.timers.filter((timer) => timer.active).length;
  }

  /** Waits until a timeout is running, fires it, and returns its duration. */
  async fireNext(): Promise<number> {
    for (;;) {
      const timer = this.timers.find((candidate) => candidate.active);
      if (timer) {
        timer.active = false;
        timer.fire();
        return timer.milliseconds;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}
