import type Database from 'better-sqlite3';
import type { LockoutStore } from '../staff/staffLogin.js';

export interface StaffLockoutState {
  failedAttempts: number;
  lockedUntil: number | null;
}

/** Table staff_lockout (one row): persisted so a restart does not reset the wrong-PIN lock-out. */
export class StaffLockoutRepository implements LockoutStore {
  private readonly select;
  private readonly update;

  constructor(db: Database.Database) {
    this.select = db.prepare(
      'SELECT failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM staff_lockout WHERE singleton = 1',
    );
    // An upsert, so a row lost to tampering or a bad restore is recreated rather than fatal.
    this.update = db.prepare(
      `INSERT INTO staff_lockout (singleton, failed_attempts, locked_until) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET failed_attempts = excluded.failed_attempts,
         locked_until = excluded.locked_until`,
    );
  }

  get(): StaffLockoutState {
    const row = this.select.get() as StaffLockoutState | undefined;
    return row ?? { failedAttempts: 0, lockedUntil: null };
  }

  set(state: StaffLockoutState): void {
    if (!Number.isInteger(state.failedAttempts) || state.failedAttempts < 0) {
      throw new RangeError(`failedAttempts must be a non-negative integer, got ${state.failedAttempts}`);
    }
    this.update.run(state.failedAttempts, state.lockedUntil);
  }
}
