import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  checkDatabase,
  formatDatabaseCheck,
  verifyAuditLog,
} from '../../../electron/runtime/store/dbCheck.js';
import { migrations } from '../../../electron/runtime/store/migrations/index.js';
import type { Migration } from '../../../electron/runtime/store/migrations/migration.js';
import { openTestStore, tempDir } from './storeTestKit.js';

function healthyDatabase(entries = 3): string {
  const file = path.join(tempDir(), 'kiosk.db');
  const store = openTestStore(file);
  for (let i = 0; i < entries; i += 1) store.audit.append({ actor: 'system', action: 'test.entry' });
  store.close();
  return file;
}

/** Runs `inspect` and asserts the main database file is byte-for-byte and mtime-for-mtime unchanged. */
function expectUntouched<T>(file: string, inspect: () => T): T {
  const bytes = fs.readFileSync(file);
  const mtime = fs.statSync(file).mtimeMs;
  const result = inspect();
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.statSync(file).mtimeMs).toBe(mtime);
  return result;
}

describe('checkDatabase', () => {
  it('reports a healthy database without changing it', () => {
    const file = healthyDatabase(3);
    const report = expectUntouched(file, () => checkDatabase(file));
    expect(report).toMatchObject({
      file,
      exists: true,
      integrity: 'ok',
      schemaVersion: migrations.length,
      latestKnownVersion: migrations.length,
      pendingMigrations: [],
      auditChain: { ok: true, rows: 3 },
      healthy: true,
    });
    expect(report.appliedMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
    const text = formatDatabaseCheck(report);
    expect(text).toContain('integrity   ok');
    expect(text).toContain('intact, 3 entries');
    expect(text).toMatch(/verdict\s+healthy/);
  });

  it('reports a missing file, with every migration pending, and does not create it', () => {
    const file = path.join(tempDir(), 'absent.db');
    const report = checkDatabase(file);
    expect(report).toMatchObject({ exists: false, integrity: null, schemaVersion: null, healthy: false });
    expect(report.pendingMigrations.map((m) => m.version)).toEqual(migrations.map((m) => m.version));
    expect(fs.existsSync(file)).toBe(false);
    expect(formatDatabaseCheck(report)).toMatch(/exists\s+no/);
  });

  it('lists the migrations a database written by older software still needs, without applying them', () => {
    const file = healthyDatabase(1);
    const nextStep: Migration = { version: migrations.length + 1, name: 'add_payments', up: 'CREATE TABLE p (x)' };
    const report = expectUntouched(file, () => checkDatabase(file, { migrations: [...migrations, nextStep] }));
    expect(report.schemaVersion).toBe(migrations.length);
    expect(report.pendingMigrations).toEqual([{ version: nextStep.version, name: 'add_payments' }]);
    expect(report.healthy).toBe(true);
    expect(formatDatabaseCheck(report)).toContain(`${nextStep.version} add_payments (applied on next start)`);
  });

  it('reports a never-migrated database as version 0 with everything pending', () => {
    const file = path.join(tempDir(), 'empty.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE unrelated (x)');
    raw.close();
    const report = expectUntouched(file, () => checkDatabase(file));
    expect(report).toMatchObject({ schemaVersion: 0, appliedMigrations: [], auditChain: null });
    expect(report.pendingMigrations).toHaveLength(migrations.length);
  });

  it('reports a garbage file as unreadable, without moving or changing it', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    fs.writeFileSync(file, 'not a database '.repeat(500));
    const report = expectUntouched(file, () => checkDatabase(file));
    expect(report.healthy).toBe(false);
    expect(report.integrity).toEqual([expect.stringContaining('SQLITE_NOTADB')]);
    expect(formatDatabaseCheck(report)).toContain('integrity   FAILED');
  });

  it('flags a schema newer than this software', () => {
    const file = healthyDatabase(1);
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 0)").run();
    raw.close();
    const report = expectUntouched(file, () => checkDatabase(file));
    expect(report).toMatchObject({ schemaVersion: 99, healthy: false });
    expect(formatDatabaseCheck(report)).toContain('NEWER than this software');
  });

  it('flags a broken audit chain', () => {
    const file = healthyDatabase(4);
    const raw = new Database(file);
    raw.exec("DROP TRIGGER audit_log_refuse_update; UPDATE audit_log SET actor = 'remote-admin' WHERE id = 2;");
    raw.close();
    const report = expectUntouched(file, () => checkDatabase(file));
    expect(report.auditChain).toMatchObject({ ok: false, brokenAtId: 2 });
    expect(report.healthy).toBe(false);
    expect(formatDatabaseCheck(report)).toContain('BROKEN at entry 2');
  });
});

describe('verifyAuditLog', () => {
  it('verifies the chain of a file without changing it', () => {
    const file = healthyDatabase(5);
    expect(expectUntouched(file, () => verifyAuditLog(file))).toEqual({ ok: true, rows: 5 });
  });

  it('reads changes still in the WAL of a database that is open elsewhere', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    const store = openTestStore(file);
    store.audit.append({ actor: 'system', action: 'in.wal' });
    expect(verifyAuditLog(file)).toEqual({ ok: true, rows: 1 });
    expect(checkDatabase(file).healthy).toBe(true);
  });

  it('throws for a missing file or one without an audit log', () => {
    const dir = tempDir();
    expect(() => verifyAuditLog(path.join(dir, 'absent.db'))).toThrow(/no database/);
    const bare = path.join(dir, 'bare.db');
    const raw = new Database(bare);
    raw.exec('CREATE TABLE x (y)');
    raw.close();
    expect(() => verifyAuditLog(bare)).toThrow(/no audit log/);
  });
});
