import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import { verifyPin } from './pinHash.js';

/** Persisted so that restarting the terminal does not reset a lock-out. */
export interface LockoutStore {
  get(): { failedAttempts: number; lockedUntil: number | null };
  set(state: { failedAttempts: number; lockedUntil: number | null }): void;
}

export interface StaffLoginSettings {
  /** null when no valid PIN hash is known (config broken and no last-good copy). */
  pinHash: string | null;
  maxPinAttempts: number;
  lockoutMinutes: number;
}

export type PinResult = 'accepted' | 'wrong-pin' | 'locked' | 'no-pin-configured';

/**
 * Staff PIN check with lock-out: `maxPinAttempts` wrong PINs lock entry for `lockoutMinutes`.
 * Every attempt is audited (never the PIN itself). Attempts are serialised so a double tap
 * cannot slip past the counter while scrypt runs.
 */
export class StaffLogin {
  private queue: Promise<unknown> = Promise.resolve();
  private auditedRefusalFor: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly lockout: LockoutStore,
    private readonly audit: AuditSink,
    private readonly settings: () => StaffLoginSettings,
    private readonly verify: (pin: string, hash: string) => Promise<boolean> = verifyPin,
  ) {}

  state(): { attemptsLeft: number; lockedUntil: number | null } {
    const { failedAttempts, lockedUntil } = this.lockout.get();
    const max = this.settings().maxPinAttempts;
    if (lockedUntil === null) return { attemptsLeft: Math.max(0, max - failedAttempts), lockedUntil: null };
    // An expired lock-out means a fresh set of attempts.
    return lockedUntil > this.clock.now() ? { attemptsLeft: 0, lockedUntil } : { attemptsLeft: max, lockedUntil: null };
  }

  submit(pin: string): Promise<PinResult> {
    const next = this.queue.then(() => this.check(pin));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async check(pin: string): Promise<PinResult> {
    const settings = this.settings();
    const now = this.clock.now();
    let { failedAttempts, lockedUntil } = this.lockout.get();
    if (lockedUntil !== null && lockedUntil > now) {
      // One entry per lock-out: hammering a locked pad must not flood the audit log.
      if (this.auditedRefusalFor !== lockedUntil) {
        this.auditedRefusalFor = lockedUntil;
        this.audit.append({ actor: 'staff', action: 'staff.pin.refused-locked', detail: { lockedUntil } });
      }
      return 'locked';
    }
    if (lockedUntil !== null) {
      // The lock-out has expired: a fresh set of attempts.
      failedAttempts = 0;
      lockedUntil = null;
    }
    if (!settings.pinHash) {
      this.audit.append({ actor: 'staff', action: 'staff.pin.no-pin-configured' });
      return 'no-pin-configured';
    }
    if (await this.verify(pin, settings.pinHash)) {
      this.lockout.set({ failedAttempts: 0, lockedUntil: null });
      this.audit.append({ actor: 'staff', action: 'staff.pin.accepted' });
      return 'accepted';
    }
    failedAttempts += 1;
    if (failedAttempts >= settings.maxPinAttempts) {
      lockedUntil = this.clock.now() + settings.lockoutMinutes * 60_000;
      this.lockout.set({ failedAttempts, lockedUntil });
      this.audit.append({ actor: 'staff', action: 'staff.pin.locked', detail: { failedAttempts, lockedUntil } });
      return 'locked';
    }
    this.lockout.set({ failedAttempts, lockedUntil: null });
    this.audit.append({ actor: 'staff', action: 'staff.pin.failed', detail: { failedAttempts } });
    return 'wrong-pin';
  }
}
