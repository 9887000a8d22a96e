import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../../electron/runtime/store/migrations/index.js';
import { RECOVERY_NOTICE_CODE } from '../../../electron/runtime/store/openKioskStore.js';
import { manualClock, openTestStore, recordingLogger, tempDir } from './storeTestKit.js';

const STAMP = '20261123T094501Z'; // manualClock's start, as a file-name stamp

/** A database with enough audit rows to span many pages, closed so its bytes are all in the main file. */
function populatedDatabase(file: string, rows = 400): void {
  const store = openTestStore(file);
  for (let i = 0; i < rows; i += 1) {
    store.audit.append({ actor: 'system', action: 'test.filler', detail: { i, pad: 'x'.repeat(200) } });
  }
  store.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
}

describe('openKioskStore on a new or healthy file', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const store = openTestStore(path.join(tempDir(), 'kiosk.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(store.recovery).toBeNull();
  });

  it('applies the migrations once and re-opens without re-applying them', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    const clock = manualClock();
    const firstLogger = recordingLogger();
    const first = openTestStore(file, clock, firstLogger);
    expect(first.schemaVersion).toBe(latestSchemaVersion);
    const appliedFirst = first.db.prepare('SELECT version, name, applied_at FROM schema_migrations').all();
    expect(appliedFirst).toHaveLength(latestSchemaVersion);
    expect(firstLogger.lines.find((l) => l.message === 'store.opened')?.fields?.appliedMigrations).toEqual(migrations.map((m) => m.version));
    first.close();

    clock.advance(60_000);
    const secondLogger = recordingLogger();
    const second = openTestStore(file, clock, secondLogger);
    expect(second.schemaVersion).toBe(latestSchemaVersion);
    expect(second.db.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual(appliedFirst);
    expect(secondLogger.lines.find((l) => l.message === 'store.opened')?.fields?.appliedMigrations).toEqual([]);
    expect(second.recovery).toBeNull();
    expect(second.notices.listOpen()).toEqual([]);
  });

  it('does not set aside a healthy file it has written before', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    populatedDatabase(file, 20);
    const store = openTestStore(file);
    expect(store.recovery).toBeNull();
    expect(store.audit.verify()).toEqual({ ok: true, rows: 20 });
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('throws, and moves nothing, when the path cannot be opened for reasons other than damage', () => {
    const dir = tempDir();
    const notAFile = path.join(dir, 'kiosk.db');
    fs.mkdirSync(notAFile);
    expect(() => openTestStore(notAFile)).toThrow();
    expect(fs.statSync(notAFile).isDirectory()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['kiosk.db']);
  });
});

describe('openKioskStore recovery', () => {
  it('moves a garbage file aside with a UTC stamp, keeps its bytes, starts fresh and records a notice', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kiosk.db');
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    fs.writeFileSync(file, garbage);

    const store = openTestStore(file);

    const movedTo = `${file}.corrupt-${STAMP}`;
    expect(store.recovery).toMatchObject({ reason: 'unreadable', movedTo: [movedTo] });
    expect(store.recovery?.detail).toContain('SQLITE_NOTADB');
    expect(fs.readFileSync(movedTo).equals(garbage)).toBe(true);

    expect(store.schemaVersion).toBe(latestSchemaVersion);
    expect(store.audit.append({ actor: 'system', action: 'test.after-recovery' }).id).toBe(1);
    expect(store.audit.verify()).toEqual({ ok: true, rows: 1 });

    const notices = store.notices.listOpen();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: RECOVERY_NOTICE_CODE });
    expect(notices[0]?.message).toContain(movedTo);
  });

  it('moves -wal and -shm siblings with the database, under matching names', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kiosk.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    fs.writeFileSync(`${file}-wal`, 'old wal bytes');
    fs.writeFileSync(`${file}-shm`, 'old shm bytes');

    const store = openTestStore(file);

    const base = `${file}.corrupt-${STAMP}`;
    expect(store.recovery?.movedTo).toEqual([base, `${base}-wal`, `${base}-shm`]);
    expect(fs.readFileSync(`${base}-wal`, 'utf8')).toBe('old wal bytes');
    // The -shm is SQLite's rebuildable WAL index (no persistent content): the probe may rewrite it.
    expect(fs.existsSync(`${base}-shm`)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) && fs.readFileSync(`${file}-wal`, 'utf8') === 'old wal bytes').toBe(false);
  });

  it('never overwrites an earlier moved-aside file with the same stamp', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kiosk.db');
    const earlier = `${file}.corrupt-${STAMP}`;
    fs.writeFileSync(earlier, 'the earlier casualty');
    fs.writeFileSync(file, 'garbage '.repeat(1000));

    const store = openTestStore(file);

    expect(store.recovery?.movedTo).toEqual([`${earlier}-2`]);
    expect(fs.readFileSync(earlier, 'utf8')).toBe('the earlier casualty');
    expect(fs.readFileSync(`${earlier}-2`, 'utf8')).toBe('garbage '.repeat(1000));
  });

  it('detects a database whose middle pages were overwritten and moves it aside', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    populatedDatabase(file);
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    expect(pages).toBeGreaterThan(20);
    for (let page = Math.floor(pages / 2) - 2; page < Math.floor(pages / 2) + 2; page += 1) {
      for (let i = 0; i < pageSize; i += 1) bytes[page * pageSize + i] = (i * 31 + page) & 0xff;
    }
    fs.writeFileSync(file, bytes);

    const store = openTestStore(file);

    expect(['unreadable', 'integrity-check-failed']).toContain(store.recovery?.reason);
    const movedTo = store.recovery?.movedTo[0] ?? '';
    expect(fs.readFileSync(movedTo).equals(bytes)).toBe(true);
    expect(store.audit.verify()).toEqual({ ok: true, rows: 0 });
    expect(store.notices.listOpen().map((n) => n.code)).toEqual([RECOVERY_NOTICE_CODE]);
  });

  it('detects a database truncated half-way', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    populatedDatabase(file);
    const bytes = fs.readFileSync(file);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    fs.writeFileSync(file, truncated);

    const store = openTestStore(file);

    expect(['unreadable', 'integrity-check-failed']).toContain(store.recovery?.reason);
    expect(fs.readFileSync(store.recovery?.movedTo[0] ?? '').equals(truncated)).toBe(true);
  });

  it('moves aside, untouched, a database written by newer software and says so', () => {
    const file = path.join(tempDir(), 'kiosk.db');
    populatedDatabase(file, 3);
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', 0)").run();
    raw.close();
    const before = fs.readFileSync(file);
    const mtimeBefore = fs.statSync(file).mtimeMs;

    const store = openTestStore(file);

    expect(store.recovery?.reason).toBe('newer-schema');
    expect(store.recovery?.detail).toContain('99');
    const movedTo = store.recovery?.movedTo[0] ?? '';
    expect(fs.readFileSync(movedTo).equals(before)).toBe(true);
    expect(fs.statSync(movedTo).mtimeMs).toBe(mtimeBefore);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    const [notice] = store.notices.listOpen();
    expect(notice?.message).toMatch(/newer terminal software/);
    expect(notice?.message).toContain('not modified');
  });
});
