import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { OutboxEventKind } from './outboxWriter.js';

export interface OutboxRow {
  seq: number;
  eventId: string;
  kind: OutboxEventKind;
  payload: Record<string, unknown>;
  createdAt: number;
}

/** The sync agent's side of outbox_events: read in order, remove what the platform acknowledged. */
export class OutboxStore {
  private readonly selectBatch;
  private readonly deleteOne;
  private readonly insertDead;
  private readonly stats;
  private readonly deadCount;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.selectBatch = db.prepare(
      'SELECT seq, event_id AS eventId, kind, payload, created_at AS createdAt FROM outbox_events WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?',
    );
    this.deleteOne = db.prepare('DELETE FROM outbox_events WHERE event_id = ?');
    this.insertDead = db.prepare(
      `INSERT OR REPLACE INTO outbox_dead_letters (event_id, kind, payload, created_at, refused_at, error)
       SELECT event_id, kind, payload, created_at, ?, ? FROM outbox_events WHERE event_id = ?`,
    );
    this.stats = db.prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox_events');
    this.deadCount = db.prepare('SELECT COUNT(*) AS count FROM outbox_dead_letters');
  }

  /** The oldest events of these kinds, up to `limit`, in the order they were written. */
  next(kinds: readonly OutboxEventKind[], limit: number): OutboxRow[] {
    return (this.selectBatch.all(JSON.stringify(kinds), limit) as Array<Omit<OutboxRow, 'payload'> & { payload: string }>).map((row) => ({
      ...row,
      payload: parsePayload(row.payload),
    }));
  }

  /** Removes acknowledged events; ids not in the outbox (already removed) are ignored. Returns how many went. */
  acknowledge(eventIds: readonly string[]): number {
    return this.db.transaction(() => eventIds.reduce((n, id) => n + this.deleteOne.run(id).changes, 0)).immediate();
  }

  /** Moves refused events out of the queue, with the platform's reason. */
  deadLetter(refused: ReadonlyArray<{ eventId: string; error: string }>): void {
    this.db
      .transaction(() => {
        for (const { eventId, error } of refused) {
          this.insertDead.run(this.clock.now(), error, eventId);
          this.deleteOne.run(eventId);
        }
      })
      .immediate();
  }

  health(): { depth: number; oldestAgeSeconds: number | null; deadLetters: number } {
    const { depth, oldest } = this.stats.get() as { depth: number; oldest: number | null };
    const { count } = this.deadCount.get() as { count: number };
    return { depth, oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.floor((this.clock.now() - oldest) / 1000)), deadLetters: count };
  }
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
  } catch {
    return { unreadable: true };
  }
}
