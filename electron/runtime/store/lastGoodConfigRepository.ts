import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';

export interface LastGoodConfig {
  /** The config exactly as it validated, as JSON text. */
  json: string;
  /** Where it came from, e.g. the file path or 'bundle:<version>'. */
  source: string;
  savedAt: number;
}

/**
 * Table config_last_good (one row): the last terminal config that validated, so staff can
 * still log in and the terminal can explain itself when the config file later breaks.
 */
export class LastGoodConfigRepository {
  private readonly upsert;
  private readonly select;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.upsert = db.prepare(`
      INSERT INTO config_last_good (singleton, json, source, saved_at) VALUES (1, ?, ?, ?)
      ON CONFLICT (singleton) DO UPDATE SET json = excluded.json, source = excluded.source, saved_at = excluded.saved_at
    `);
    this.select = db.prepare('SELECT json, source, saved_at AS savedAt FROM config_last_good WHERE singleton = 1');
  }

  /** Refuses text that is not JSON: a fallback that cannot be parsed is no fallback. */
  save(json: string, source: string): void {
    JSON.parse(json);
    this.upsert.run(json, source, this.clock.now());
  }

  load(): LastGoodConfig | null {
    return (this.select.get() as LastGoodConfig | undefined) ?? null;
  }
}
