import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { isLocalDay } from './reconciliationDays.js';

/** One reconciled day as the journal keeps it. */
export interface ReconciledDay {
  day: string;
  reconciledAt: number;
  ledgerEntries: number;
  platformOrders: number;
  differences: number;
  /** What was compared and found (no personal data: payment ids, states, amounts). */
  summary: Record<string, unknown>;
  noticeId: number | null;
  eventId: string | null;
}

/** Table payment_reconciliations: which local days are reconciled, durably. */
export class ReconciliationJournal {
  private readonly selectLast;
  private readonly selectOne;
  private readonly insert;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.selectLast = db.prepare('SELECT day FROM payment_reconciliations ORDER BY day DESC LIMIT 1');
    this.selectOne = db.prepare(
      `SELECT day, reconciled_at AS reconciledAt, ledger_entries AS ledgerEntries, platform_orders AS platformOrders,
         differences, summary, notice_id AS noticeId, event_id AS eventId FROM payment_reconciliations WHERE day = ?`,
    );
    this.insert = db.prepare(
      `INSERT INTO payment_reconciliations (day, reconciled_at, ledger_entries, platform_orders, differences, summary, notice_id, event_id)
       VALUES (@day, @reconciledAt, @ledgerEntries, @platformOrders, @differences, @summary, @noticeId, @eventId)`,
    );
  }

  /** The latest day reconciled, or null when none is (or the stored one is unreadable). */
  lastDay(): string | null {
    const row = this.selectLast.get() as { day: string } | undefined;
    return row && isLocalDay(row.day) ? row.day : null;
  }

  get(day: string): ReconciledDay | null {
    const row = this.selectOne.get(day) as (Omit<ReconciledDay, 'summary'> & { summary: string }) | undefined;
    if (!row) return null;
    let summary: Record<string, unknown> = {};
    try {
      summary = JSON.parse(row.summary) as Record<string, unknown>;
    } catch {
      // A damaged summary must not hide that the day was reconciled.
    }
    return { ...row, summary };
  }

  /**
   * Records a day as reconciled. `report` runs in the same IMMEDIATE transaction (raise the
   * staff notice, append the outbox event on this database): the day and what it reported
   * commit together or not at all. Throws for a day already recorded.
   */
  record(
    day: { day: string; ledgerEntries: number; platformOrders: number; differences: number; summary: Record<string, unknown> },
    report?: () => { noticeId: number | null; eventId: string | null },
  ): ReconciledDay {
    this.db.transaction(() => {
      const reported = report?.() ?? { noticeId: null, eventId: null };
      this.insert.run({ ...day, summary: JSON.stringify(day.summary), reconciledAt: this.clock.now(), ...reported });
    }).immediate();
    return this.get(day.day)!;
  }
}
