import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileVaultKey } from '../../../../electron/runtime/pii/fileVaultKey.js';
import { PiiVault } from '../../../../electron/runtime/pii/piiVault.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { manualClock, openTestStore, tempDir } from '../../store/storeTestKit.js';

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const CITIZEN = { name: '测试乙', idNumber: '11010119850615007X' };

function setup(dir = tempDir()) {
  const clock = manualClock();
  const store = openTestStore(path.join(dir, 'kiosk.db'), clock);
  stores.push(store);
  const vault = new PiiVault(store.db, fileVaultKey(path.join(dir, 'vault.key')), clock, 7 * 24 * 3_600_000);
  return { clock, store, vault, dir };
}

describe('PiiVault', () => {
  it('round-trips identity data without ever storing it in clear', () => {
    const { vault, store } = setup();
    const id = vault.put('case-1', 'applicant', CITIZEN);
    expect(vault.get(id)).toEqual({ ok: true, value: CITIZEN });
    const raw = Buffer.concat((store.db.prepare('SELECT ciphertext, nonce, tag FROM pii_records').all() as Array<Record<string, Buffer>>).flatMap((r) => Object.values(r)));
    expect(raw.includes(Buffer.from(CITIZEN.idNumber))).toBe(false);
    expect(raw.includes(Buffer.from(CITIZEN.name))).toBe(false);
  });

  it('refuses a tampered or moved record, and a record under another key', () => {
    const { vault, store, dir } = setup();
    const id = vault.put('case-1', 'applicant', CITIZEN);
    store.db.prepare("UPDATE pii_records SET case_id = 'case-2' WHERE record_id = ?").run(id);
    expect(vault.get(id)).toEqual({ ok: false, reason: 'tampered' });
    store.db.prepare("UPDATE pii_records SET case_id = 'case-1', ciphertext = zeroblob(length(ciphertext)) WHERE record_id = ?").run(id);
    expect(vault.get(id)).toEqual({ ok: false, reason: 'tampered' });
    const other = new PiiVault(store.db, fileVaultKey(path.join(dir, 'other.key')), manualClock(), 1);
    expect(other.get(vault.put('case-1', 'applicant', CITIZEN))).toEqual({ ok: false, reason: 'wrong-key' });
    expect(vault.get('pii-missing')).toEqual({ ok: false, reason: 'missing' });
  });

  it('purges a synced case at once and everything else after the retention period', () => {
    const { vault, clock } = setup();
    const a = vault.put('case-a', 'applicant', CITIZEN);
    const b = vault.put('case-b', 'applicant', CITIZEN);
    expect(vault.purgeCase('case-a')).toBe(1);
    expect(vault.get(a)).toMatchObject({ ok: false, reason: 'missing' });
    clock.advance(7 * 24 * 3_600_000 - 1);
    expect(vault.purgeExpired()).toBe(0);
    clock.advance(1);
    expect(vault.purgeExpired()).toBe(1);
    expect(vault.get(b)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('keeps its key file private and reuses it; a damaged key file is an error, not a new key', () => {
    const dir = tempDir();
    const first = fileVaultKey(path.join(dir, 'vault.key'));
    expect(statSync(path.join(dir, 'vault.key')).mode & 0o777).toBe(0o600);
    expect(fileVaultKey(path.join(dir, 'vault.key')).keyId).toBe(first.keyId);
    writeFileSync(path.join(dir, 'broken.key'), 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => fileVaultKey(path.join(dir, 'broken.key'))).toThrow(/32-byte key/);
  });
});
