import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/runtime/store/migrations/index.js';
import { validateMigrations, type Migration } from '../../../electron/runtime/store/migrations/migration.js';
import {
  applyPendingMigrations,
  readAppliedMigrations,
  readSchemaVersion,
} from '../../../electron/runtime/store/schemaMigrations.js';
import { manualClock } from './storeTestKit.js';

const step = (version: number, up = `CREATE TABLE t${version} (x INTEGER)`): Migration => ({
  version,
  name: `step-${version}`,
  up,
});

const connections: Database.Database[] = [];
function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  connections.push(db);
  return db;
}
afterEach(() => {
  for (const db of connections.splice(0)) db.close();
});

const tableExists = (db: Database.Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

describe('migration list validation', () => {
  it("accepts this build's migrations, numbered 1..N", () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('accepts a contiguous list', () => {
    expect(() => validateMigrations([step(1), step(2), step(3)])).not.toThrow();
  });

  it.each([
    ['a gap', [step(1), step(3)]],
    ['a duplicate', [step(1), step(1)]],
    ['a list not starting at 1', [step(2), step(3)]],
    ['a list out of order', [step(2), step(1)]],
  ])('refuses %s', (_label, list) => {
    expect(() => validateMigrations(list)).toThrow(/1\.\.N/);
  });

  it('refuses a migration without a name or SQL', () => {
    expect(() => validateMigrations([{ version: 1, name: ' ', up: 'SELECT 1' }])).toThrow(/no name/);
    expect(() => validateMigrations([{ version: 1, name: 'x', up: '' }])).toThrow(/no SQL/);
  });
});

describe('applyPendingMigrations', () => {
  it('applies each step once and records it', () => {
    const db = memoryDb();
    const clock = manualClock();
    expect(applyPendingMigrations(db, [step(1), step(2)], clock)).toEqual([
      { version: 1, name: 'step-1' },
      { version: 2, name: 'step-2' },
    ]);
    expect(applyPendingMigrations(db, [step(1), step(2)], clock)).toEqual([]);
    expect(readSchemaVersion(db)).toBe(2);
    expect(readAppliedMigrations(db).map((m) => m.version)).toEqual([1, 2]);
  });

  it('applies only the steps newer than the file', () => {
    const db = memoryDb();
    const clock = manualClock();
    applyPendingMigrations(db, [step(1)], clock);
    expect(applyPendingMigrations(db, [step(1), step(2)], clock)).toEqual([{ version: 2, name: 'step-2' }]);
  });

  it('rolls back a failing step entirely and keeps the steps before it', () => {
    const db = memoryDb();
    const clock = manualClock();
    const broken = step(2, 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);');
    expect(() => applyPendingMigrations(db, [step(1), broken, step(3)], clock)).toThrow(/no_such_table/);
    expect(readSchemaVersion(db)).toBe(1);
    expect(tableExists(db, 't1')).toBe(true);
    expect(tableExists(db, 'half_done')).toBe(false);
    expect(tableExists(db, 't3')).toBe(false);

    expect(applyPendingMigrations(db, [step(1), step(2), step(3)], clock).map((m) => m.version)).toEqual([2, 3]);
  });

  it('reports version 0 for a database never migrated', () => {
    const db = memoryDb();
    expect(readSchemaVersion(db)).toBe(0);
    expect(readAppliedMigrations(db)).toEqual([]);
  });
});
