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
    this.update = db.prepare(
      'UPDATE staff_lockout SET failed_attempts = ?, locked_until = ? WHERE singleton = 1',
    );
  }

  get(): StaffLockoutState {
    const row = this.select.get() as StaffLockoutState | undefined;
    if (!row) throw new Error('staff_lockout row is missing');
    return row;
  }

  set(state: StaffLockoutState): void {
    if (!Number.isInteger(state.failedAttempts) || state.failedAttempts < 0) {
      throw new RangeError(`failedAttempts must be a non-negative integer, got ${state.failedAttempts}`);
    }
    this.update.run(state.failedAttempts, state.lockedUntil);
  }
}
