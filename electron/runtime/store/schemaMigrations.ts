import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { Migration } from './migrations/index.js';

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: number;
}

export interface MigrationRef {
  version: number;
  name: string;
}

function hasMigrationTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !==
    undefined
  );
}

/** Read-only: what the file says was applied (empty for a file that has never been migrated). */
export function readAppliedMigrations(db: Database.Database): AppliedMigration[] {
  if (!hasMigrationTable(db)) return [];
  return db
    .prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

/** Read-only: 0 for a file that has never been migrated. */
export function readSchemaVersion(db: Database.Database): number {
  if (!hasMigrationTable(db)) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

export function pendingMigrations(currentVersion: number, known: readonly Migration[]): MigrationRef[] {
  return known.filter((m) => m.version > currentVersion).map(({ version, name }) => ({ version, name }));
}

/**
 * Applies every migration newer than the file's version, each in its own IMMEDIATE
 * transaction together with its schema_migrations row: a crash leaves the file at a
 * clean version, never half-way through a step. Returns what it applied.
 */
export function applyPendingMigrations(
  db: Database.Database,
  known: readonly Migration[],
  clock: Clock,
): MigrationRef[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: MigrationRef[] = [];
  for (const migration of pendingMigrations(readSchemaVersion(db), known)) {
    const step = known.find((m) => m.version === migration.version)!;
    db.transaction(() => {
      db.exec(step.up);
      record.run(step.version, step.name, clock.now());
    }).immediate();
    applied.push(migration);
  }
  return applied;
}
