import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';

/** Kinds of fact the platform receives (see the platform contract's event batches). */
export type OutboxEventKind = 'payment' | 'case' | 'rating' | 'device-fault' | 'audit-digest' | 'reconciliation' | 'config-outcome';

/**
 * Appends a fact for the platform to outbox_events. Call it inside the transaction of the change
 * the fact describes, so both commit or neither does; the sync agent delivers and removes them.
 * Payloads carry no identity data (ids, codes, amounts, masked references only).
 */
export class OutboxWriter {
  private readonly insert;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare('INSERT INTO outbox_events (event_id, kind, payload, created_at) VALUES (?, ?, ?, ?)');
  }

  append(kind: OutboxEventKind, payload: Record<string, unknown>, eventId: string = `${kind}-${randomUUID()}`): string {
    this.insert.run(eventId, kind, JSON.stringify(payload), this.clock.now());
    return eventId;
  }
}
