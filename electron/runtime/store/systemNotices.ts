import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';

/** Something staff must see on the maintenance screen until they acknowledge it. */
export interface SystemNotice {
  id: number;
  /** Stable code (e.g. 'store.recovered') the UI can translate; `message` is the English fallback. */
  code: string;
  message: string;
  /** When it was raised (ms). */
  at: number;
}

/** Table system_notices. */
export class SystemNotices {
  private readonly findOpen;
  private readonly insert;
  private readonly selectOpen;
  private readonly markAcknowledged;
  private readonly markResolved;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.findOpen = db.prepare(
      'SELECT id FROM system_notices WHERE code = ? AND message = ? AND acknowledged_at IS NULL LIMIT 1',
    );
    this.insert = db.prepare('INSERT INTO system_notices (code, message, raised_at) VALUES (?, ?, ?)');
    this.selectOpen = db.prepare(
      'SELECT id, code, message, raised_at AS at FROM system_notices WHERE acknowledged_at IS NULL ORDER BY id',
    );
    this.markAcknowledged = db.prepare(
      'UPDATE system_notices SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL',
    );
    this.markResolved = db.prepare(
      'UPDATE system_notices SET acknowledged_at = ? WHERE code = ? AND message = ? AND acknowledged_at IS NULL',
    );
  }

  /**
   * Returns the new notice's id. An identical notice that is still open is not repeated
   * (a broken config file reported on every boot stays one line); its id is returned instead.
   */
  record(code: string, message: string): number {
    const open = this.findOpen.get(code, message) as { id: number } | undefined;
    if (open) return open.id;
    return Number(this.insert.run(code, message, this.clock.now()).lastInsertRowid);
  }

  /** Oldest first. */
  listOpen(): SystemNotice[] {
    return this.selectOpen.all() as SystemNotice[];
  }

  /**
   * The condition behind a notice is over (a new paper roll, the clock put right): closes the
   * open notice with exactly this code and message, even one raised before a restart. False
   * when none was open.
   */
  resolve(code: string, message: string): boolean {
    return this.markResolved.run(this.clock.now(), code, message).changes > 0;
  }

  /** False when the notice does not exist or was already acknowledged. */
  acknowledge(id: number): boolean {
    return this.markAcknowledged.run(this.clock.now(), id).changes === 1;
  }
}
