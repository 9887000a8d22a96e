import type { Clock, TimerHandle } from '../clock.js';

/** The kiosk's health after a config change: devices, renderer and platform together. */
export interface HealthReport {
  healthy: boolean;
  /** What is wrong, as short codes or texts for the audit and the platform; never personal data. */
  problems: string[];
}

export type HealthProbe = () => HealthReport | Promise<HealthReport>;

export type HealthWait =
  | { kind: 'healthy' }
  | { kind: 'unhealthy'; problems: string[] }
  | { kind: 'cancelled' };

export interface HealthWaitHandle {
  result: Promise<HealthWait>;
  cancel(): void;
}

/**
 * Asks the probe every `pollMs` (first after `pollMs`, so the kiosk has a moment to take the
 * new config) until it says healthy or `graceMs` has passed. A probe that throws counts as
 * unhealthy; one that never answers is cut off by the deadline.
 */
export function waitForHealthy(probe: HealthProbe, clock: Clock, graceMs: number, pollMs: number): HealthWaitHandle {
  let settle: (result: HealthWait) => void = () => undefined;
  const result = new Promise<HealthWait>((resolve) => (settle = resolve));
  let done = false;
  let lastProblems: string[] = [`no health report within ${Math.round(graceMs / 1000)} s`];
  let pollTimer: TimerHandle | null = null;

  const finish = (outcome: HealthWait) => {
    if (done) return;
    done = true;
    clock.clearTimeout(deadline);
    if (pollTimer) clock.clearTimeout(pollTimer);
    settle(outcome);
  };

  const poll = async () => {
    pollTimer = null;
    let report: HealthReport;
    try {
      report = await probe();
    } catch (error) {
      report = { healthy: false, problems: [`health probe failed: ${error instanceof Error ? error.message : String(error)}`] };
    }
    if (done) return;
    if (report.healthy) return finish({ kind: 'healthy' });
    lastProblems = report.problems.length > 0 ? report.problems : ['the health probe reported unhealthy without a reason'];
    pollTimer = clock.setTimeout(() => void poll(), pollMs);
  };

  const deadline = clock.setTimeout(() => finish({ kind: 'unhealthy', problems: lastProblems }), graceMs);
  // The first question comes well before the deadline, even when pollMs is as long as the grace.
  pollTimer = clock.setTimeout(() => void poll(), Math.min(pollMs, Math.floor(graceMs / 2)));
  return { result, cancel: () => finish({ kind: 'cancelled' }) };
}
