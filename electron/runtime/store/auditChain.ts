import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: number;
  actor: string;
  action: string;
  /** The JSON text exactly as stored: the hash covers the stored bytes, not a re-serialisation. */
  detail: string;
  prevHash: string;
}

/**
 * sha256 hex over a JSON array of the fields in fixed order. A JSON array of strings and
 * integers has exactly one encoding, so verification elsewhere reproduces the same bytes.
 */
export function hashAuditEntry(fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.id,
    fields.at,
    fields.actor,
    fields.action,
    fields.detail,
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type AuditChainProblem =
  | 'hash-mismatch' // a field of this row was changed after it was written
  | 'prev-hash-mismatch' // the row before was removed, replaced or reordered
  | 'missing-row' // a gap in the ids: this id was deleted
  | 'head-mismatch' // rows were cut off the end (or added around the append path)
  | 'head-missing';

export type AuditChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtId: number; problem: AuditChainProblem; reason: string };

/** An audit_log row as SQLite returns it. */
export interface StoredAuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

interface StoredHead {
  row_count: number;
  last_id: number;
  last_hash: string;
}

/**
 * Walks the whole chain in id order and checks it against the separately stored head.
 * Read-only, so it also runs on a read-only connection (kioskctl audit verify).
 * `rows` is the number of rows in audit_log.
 */
export function verifyAuditChain(db: Database.Database): AuditChainVerdict {
  const read = db.transaction((): AuditChainVerdict => {
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    const broken = (brokenAtId: number, problem: AuditChainProblem, reason: string): AuditChainVerdict => ({
      ok: false,
      rows,
      brokenAtId,
      problem,
      reason,
    });

    let expectedId = 1;
    let prevHash = GENESIS_HASH;
    const iterate = db.prepare('SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id');
    for (const row of iterate.iterate() as IterableIterator<StoredAuditRow>) {
      if (row.id !== expectedId) {
        return broken(expectedId, 'missing-row', `audit entry ${expectedId} is missing (next present: ${row.id})`);
      }
      const recomputed = hashAuditEntry({ ...row, prevHash: row.prev_hash });
      if (recomputed !== row.hash) {
        return broken(row.id, 'hash-mismatch', `audit entry ${row.id} was changed after it was written`);
      }
      if (row.prev_hash !== prevHash) {
        return broken(row.id, 'prev-hash-mismatch', `audit entry ${row.id} does not follow entry ${row.id - 1}`);
      }
      prevHash = row.hash;
      expectedId += 1;
    }
    const lastId = expectedId - 1;

    const head = db.prepare('SELECT row_count, last_id, last_hash FROM audit_head WHERE singleton = 1').get() as
      | StoredHead
      | undefined;
    if (!head) return broken(lastId + 1, 'head-missing', 'the audit head record is missing');
    if (head.row_count !== rows || head.last_id !== lastId || head.last_hash !== prevHash) {
      const brokenAtId = head.last_id === lastId ? lastId : Math.min(head.last_id, lastId) + 1;
      return broken(
        brokenAtId,
        'head-mismatch',
        `the audit head records ${head.row_count} entries up to id ${head.last_id}, ` +
          `but the log holds ${rows} entries up to id ${lastId}` +
          (head.last_id > lastId ? ': entries were cut off the end' : ''),
      );
    }
    return { ok: true, rows };
  });
  // One read transaction: a concurrent append cannot make a healthy chain look broken.
  return read.deferred();
}
