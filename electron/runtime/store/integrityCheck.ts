import type Database from 'better-sqlite3';

/** SQLite's full structural check: 'ok', or the problems it found. */
export function runIntegrityCheck(db: Database.Database): 'ok' | string[] {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages;
}
