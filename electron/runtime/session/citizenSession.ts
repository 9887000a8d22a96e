import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock.js';
import { ChangeSignal } from '../changeSignal.js';

export interface IdleSettings {
  warnAfterSeconds: number;
  countdownSeconds: number;
}

export interface SessionView {
  id: string;
  startedAt: number;
  idleWarning: { deadline: number; seconds: number } | null;
}

export type SessionEndReason = 'citizen' | 'idle' | 'staff' | 'remote-admin' | 'shutdown';

/**
 * The citizen's session: idle timer, countdown and the wipe. Everything a citizen leaves on
 * the terminal hangs off the session (via `onWipe` hooks), so ending it wipes it all.
 */
export class CitizenSession {
  readonly changed = new ChangeSignal();
  private current: { id: string; startedAt: number; warningDeadline: number | null } | null = null;
  private timer: TimerHandle | null = null;
  private readonly wipeHooks = new Set<(reason: SessionEndReason) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly idle: () => IdleSettings,
  ) {}

  get active(): boolean {
    return this.current !== null;
  }

  view(): SessionView | null {
    if (!this.current) return null;
    const { id, startedAt, warningDeadline } = this.current;
    return {
      id,
      startedAt,
      idleWarning:
        warningDeadline === null ? null : { deadline: warningDeadline, seconds: this.idle().countdownSeconds },
    };
  }

  start(): string {
    if (this.current) return this.current.id;
    this.current = { id: randomUUID(), startedAt: this.clock.now(), warningDeadline: null };
    this.armWarning();
    this.changed.emit();
    return this.current.id;
  }

  /** A touch: restarts the idle timer. During the countdown only keepAlive() dismisses it. */
  activity(): void {
    if (!this.current || this.current.warningDeadline !== null) return;
    this.armWarning();
  }

  keepAlive(): void {
    if (!this.current) return;
    const wasWarning = this.current.warningDeadline !== null;
    this.current.warningDeadline = null;
    this.armWarning();
    if (wasWarning) this.changed.emit();
  }

  end(reason: SessionEndReason): void {
    if (!this.current) return;
    this.clearTimer();
    this.current = null;
    for (const hook of this.wipeHooks) hook(reason);
    this.changed.emit();
  }

  /** Registers what must be forgotten when the session ends. */
  onWipe(hook: (reason: SessionEndReason) => void): () => void {
    this.wipeHooks.add(hook);
    return () => this.wipeHooks.delete(hook);
  }

  dispose(): void {
    this.clearTimer();
  }

  private armWarning(): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => this.beginCountdown(), this.idle().warnAfterSeconds * 1000);
  }

  private beginCountdown(): void {
    if (!this.current) return;
    const ms = this.idle().countdownSeconds * 1000;
    this.current.warningDeadline = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => this.end('idle'), ms);
    this.changed.emit();
  }

  private clearTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
