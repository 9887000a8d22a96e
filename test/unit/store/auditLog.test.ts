import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashAuditEntry } from '../../../electron/runtime/store/auditChain.js';
import { verifyAuditLog } from '../../../electron/runtime/store/dbCheck.js';
import { manualClock, openTestStore, tempDir } from './storeTestKit.js';

/** A closed database holding `count` audit entries, ids 1..count. */
function databaseWithEntries(count: number): string {
  const file = path.join(tempDir(), 'kiosk.db');
  const clock = manualClock();
  const store = openTestStore(file, clock);
  for (let i = 1; i <= count; i += 1) {
    clock.advance(1000);
    store.audit.append({ actor: 'staff', action: 'staff.pin.failed', detail: { failedAttempts: i } });
  }
  store.close();
  return file;
}

/** Tampers the way an attacker with file access would: drops the guard triggers first. */
function tamper(file: string, sql: string): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_refuse_update; DROP TRIGGER audit_log_refuse_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit log append and verify', () => {
  it('chains each entry to the one before, starting from 64 zeros', () => {
    const clock = manualClock();
    const store = openTestStore(path.join(tempDir(), 'kiosk.db'), clock);
    const first = store.audit.append({ actor: 'system', action: 'runtime.started' });
    clock.advance(5);
    const second = store.audit.append({ actor: 'staff', action: 'staff.pin.failed', detail: { failedAttempts: 1 } });

    expect(first).toMatchObject({ id: 1, prevHash: GENESIS_HASH, detail: {} });
    expect(second).toMatchObject({ id: 2, at: first.at + 5, prevHash: first.hash, detail: { failedAttempts: 1 } });
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).toBe(hashAuditEntry({ ...second, detail: '{"failedAttempts":1}' }));
    expect(store.audit.verify()).toEqual({ ok: true, rows: 2 });
  });

  it('lists recent entries newest first', () => {
    const store = openTestStore(path.join(tempDir(), 'kiosk.db'));
    for (const action of ['a', 'b', 'c']) store.audit.append({ actor: 'system', action });
    expect(store.audit.recent(2).map((e) => e.action)).toEqual(['c', 'b']);
  });

  it('continues the same chain after a restart', () => {
    const file = databaseWithEntries(3);
    const store = openTestStore(file);
    expect(store.audit.append({ actor: 'system', action: 'after.restart' }).id).toBe(4);
    expect(store.audit.verify()).toEqual({ ok: true, rows: 4 });
  });

  it('refuses UPDATE, DELETE and INSERT OR REPLACE through SQL', () => {
    const store = openTestStore(path.join(tempDir(), 'kiosk.db'));
    const entry = store.audit.append({ actor: 'system', action: 'x' });
    expect(() => store.db.prepare("UPDATE audit_log SET action = 'y' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      store.db
        .prepare("INSERT OR REPLACE INTO audit_log VALUES (1, 0, 'system', 'forged', '{}', ?, ?)")
        .run(GENESIS_HASH, entry.hash),
    ).toThrow(/append-only/);
    expect(store.audit.recent(10)).toEqual([entry]);
    expect(store.audit.verify().ok).toBe(true);
  });
});

describe('audit chain tamper detection', () => {
  it('detects a changed field at that entry', () => {
    const file = databaseWithEntries(5);
    tamper(file, `UPDATE audit_log SET detail = '{"failedAttempts":0}' WHERE id = 3`);
    const store = openTestStore(file);
    expect(store.audit.verify()).toMatchObject({ ok: false, rows: 5, brokenAtId: 3, problem: 'hash-mismatch' });
  });

  it('detects a changed row whose own hash was recomputed, at the next entry', () => {
    const file = databaseWithEntries(5);
    const raw = new Database(file);
    const row = raw.prepare('SELECT * FROM audit_log WHERE id = 3').get() as {
      id: number;
      at: number;
      actor: string;
      action: string;
      prev_hash: string;
    };
    raw.close();
    const forgedHash = hashAuditEntry({ ...row, action: 'staff.pin.accepted', detail: '{}', prevHash: row.prev_hash });
    tamper(file, `UPDATE audit_log SET action = 'staff.pin.accepted', detail = '{}', hash = '${forgedHash}' WHERE id = 3`);
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, brokenAtId: 4, problem: 'prev-hash-mismatch' });
  });

  it('detects a deleted entry in the middle', () => {
    const file = databaseWithEntries(5);
    tamper(file, 'DELETE FROM audit_log WHERE id = 2');
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, rows: 4, brokenAtId: 2, problem: 'missing-row' });
  });

  it('detects reordered entries', () => {
    const file = databaseWithEntries(5);
    // Swap the contents of entries 2 and 3, keeping the ids in place.
    tamper(
      file,
      `UPDATE audit_log SET id = -2 WHERE id = 2;
       UPDATE audit_log SET id = 2 WHERE id = 3;
       UPDATE audit_log SET id = 3 WHERE id = -2;`,
    );
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, brokenAtId: 2 });
  });

  it('detects entries cut off the end through the separately stored head', () => {
    const file = databaseWithEntries(5);
    tamper(file, 'DELETE FROM audit_log WHERE id >= 4');
    const verdict = verifyAuditLog(file);
    expect(verdict).toMatchObject({ ok: false, rows: 3, brokenAtId: 4, problem: 'head-mismatch' });
    expect(verdict.ok === false && verdict.reason).toMatch(/cut off/);
  });

  it('detects a missing head record', () => {
    const file = databaseWithEntries(2);
    tamper(file, 'DELETE FROM audit_head');
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, problem: 'head-missing' });
  });
});
