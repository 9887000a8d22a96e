import type Database from 'better-sqlite3';
import type { AuditActor, AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import { hashAuditEntry, verifyAuditChain, type AuditChainVerdict, type StoredAuditRow } from './auditChain.js';

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditAppend {
  actor: AuditActor;
  action: string;
  /** Codes, counts and ids only: never a name, an ID number or a face. */
  detail?: Record<string, unknown>;
}

/** The append-only, hash-chained audit log (table audit_log, head in audit_head). */
export class AuditLog implements AuditSink {
  private readonly readHead;
  private readonly insertRow;
  private readonly updateHead;
  private readonly selectRecent;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.readHead = db.prepare('SELECT row_count, last_id, last_hash FROM audit_head WHERE singleton = 1');
    this.insertRow = db.prepare(
      'INSERT INTO audit_log (id, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateHead = db.prepare(
      'UPDATE audit_head SET row_count = row_count + 1, last_id = ?, last_hash = ? WHERE singleton = 1',
    );
    this.selectRecent = db.prepare(
      'SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT ?',
    );
  }

  /** Writes the entry and moves the head in one IMMEDIATE transaction, so two writers cannot fork the chain. */
  append(entry: AuditAppend): AuditEntry {
    const detail = JSON.stringify(entry.detail ?? {});
    const write = this.db.transaction((): AuditEntry => {
      const head = this.readHead.get() as { last_id: number; last_hash: string } | undefined;
      if (!head) throw new Error('audit_head is missing: the audit log cannot be extended');
      const fields = {
        id: head.last_id + 1,
        at: this.clock.now(),
        actor: entry.actor,
        action: entry.action,
        detail,
        prevHash: head.last_hash,
      };
      const hash = hashAuditEntry(fields);
      this.insertRow.run(fields.id, fields.at, fields.actor, fields.action, detail, fields.prevHash, hash);
      this.updateHead.run(fields.id, hash);
      return { ...fields, detail: JSON.parse(detail) as Record<string, unknown>, hash };
    });
    return write.immediate();
  }

  /** Newest first. */
  recent(limit: number): AuditEntry[] {
    return (this.selectRecent.all(limit) as StoredAuditRow[]).map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  }

  verify(): AuditChainVerdict {
    return verifyAuditChain(this.db);
  }
}
