import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';

/** Staff's out-of-service decision; it must survive a restart, or a reboot would reopen a broken terminal. */
export interface TerminalState {
  outOfService: boolean;
  reason: string | null;
  changedAt: number | null;
}

/** Table terminal_state (one row, seeded by the initial migration). */
export class TerminalStateRepository {
  private readonly select;
  private readonly update;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.select = db.prepare(
      'SELECT out_of_service, reason, changed_at FROM terminal_state WHERE singleton = 1',
    );
    // An upsert, so a row lost to tampering or a bad restore is recreated rather than fatal.
    this.update = db.prepare(
      `INSERT INTO terminal_state (singleton, out_of_service, reason, changed_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET out_of_service = excluded.out_of_service,
         reason = excluded.reason, changed_at = excluded.changed_at`,
    );
  }

  get(): TerminalState {
    const row = this.select.get() as
      | { out_of_service: number; reason: string | null; changed_at: number | null }
      | undefined;
    if (!row) return { outOfService: false, reason: null, changedAt: null };
    return { outOfService: row.out_of_service === 1, reason: row.reason, changedAt: row.changed_at };
  }

  /**
   * `changedAt` defaults to now. The reason only describes an out-of-service terminal,
   * so it is cleared when service resumes.
   */
  set(change: { outOfService: boolean; reason?: string | null; changedAt?: number | null }): TerminalState {
    const reason = change.outOfService ? (change.reason ?? null) : null;
    this.update.run(change.outOfService ? 1 : 0, reason, change.changedAt ?? this.clock.now());
    return this.get();
  }
}
