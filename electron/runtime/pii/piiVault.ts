import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { VaultKeyProvider } from './vaultKeyProvider.js';

export type PiiReadResult<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'wrong-key' | 'tampered' };

interface Row {
  caseId: string;
  purpose: string;
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * The only code that stores or reads citizen identity data (ARCHITECTURE.md principle 6).
 * Records are AES-256-GCM encrypted, bound to their id, case and purpose as additional data
 * (a row copied onto another case does not decrypt), and purged after the case has synced or
 * the retention period, whichever is first. Nothing here logs a value.
 */
export class PiiVault {
  private readonly insert;
  private readonly select;
  private readonly deleteCase;
  private readonly deleteExpired;
  private readonly deleteOne;

  constructor(
    db: Database.Database,
    private readonly keys: VaultKeyProvider,
    private readonly clock: Clock,
    private readonly retentionMs: number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO pii_records (record_id, case_id, purpose, key_id, nonce, ciphertext, tag, created_at, purge_after)
       VALUES (@recordId, @caseId, @purpose, @keyId, @nonce, @ciphertext, @tag, @now, @purgeAfter)`,
    );
    this.select = db.prepare('SELECT case_id AS caseId, purpose, key_id AS keyId, nonce, ciphertext, tag FROM pii_records WHERE record_id = ?');
    this.deleteCase = db.prepare('DELETE FROM pii_records WHERE case_id = ?');
    this.deleteExpired = db.prepare('DELETE FROM pii_records WHERE purge_after <= ?');
    this.deleteOne = db.prepare('DELETE FROM pii_records WHERE record_id = ?');
  }

  /** Encrypts and stores `value` (JSON) for a case; returns the record id to keep in the flow. */
  put(caseId: string, purpose: string, value: unknown): string {
    const recordId = `pii-${randomUUID()}`;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.key(), nonce);
    cipher.setAAD(aad(recordId, caseId, purpose));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const now = this.clock.now();
    this.insert.run({ recordId, caseId, purpose, keyId: this.keys.keyId, nonce, ciphertext, tag: cipher.getAuthTag(), now, purgeAfter: now + this.retentionMs });
    return recordId;
  }

  get<T>(recordId: string): PiiReadResult<T> {
    const row = this.select.get(recordId) as Row | undefined;
    if (!row) return { ok: false, reason: 'missing' };
    if (row.keyId !== this.keys.keyId) return { ok: false, reason: 'wrong-key' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keys.key(), row.nonce);
      decipher.setAAD(aad(recordId, row.caseId, row.purpose));
      decipher.setAuthTag(row.tag);
      const plain = Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
      return { ok: true, value: JSON.parse(plain) as T };
    } catch {
      return { ok: false, reason: 'tampered' };
    }
  }

  /** After the case has synced (or was abandoned): its identity data goes. Returns rows removed. */
  purgeCase(caseId: string): number {
    return this.deleteCase.run(caseId).changes;
  }

  /** E.g. a face image right after the comparison. */
  delete(recordId: string): boolean {
    return this.deleteOne.run(recordId).changes === 1;
  }

  /** Retention sweep; run at start-up and daily. */
  purgeExpired(): number {
    return this.deleteExpired.run(this.clock.now()).changes;
  }
}

function aad(recordId: string, caseId: string, purpose: string): Buffer {
  return Buffer.from(JSON.stringify([recordId, caseId, purpose]), 'utf8');
}
