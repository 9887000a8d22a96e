import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { OutboxWriter } from '../outbox/outboxWriter.js';
import { canMove, PAYMENT_STATES, UNFINISHED_STATES, type PaymentMethod, type PaymentState } from './paymentState.js';

export interface PaymentEntry {
  paymentId: string;
  /** The terminal's own reference of the case (the flow's), which keys its idempotency keys. */
  caseId: string;
  /** The platform's case number, when the case had one at payment time. */
  caseNumber: string | null;
  serviceKind: string;
  method: PaymentMethod;
  amountFen: number;
  state: PaymentState;
  /** The provider's id for the payment (platform order id, card reference number), once known. */
  providerReference: string | null;
  /** Safe to print: a masked payment code or card number, never the whole. */
  payerHint: string | null;
  /** Method-specific facts needed later (card voucher number and date for a void or refund). */
  detail: Record<string, string>;
  /** When the entry first went pending (the polling rules count from here). */
  pendingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PaymentTransition {
  fromState: PaymentState;
  toState: PaymentState;
  reason: string;
  at: number;
}

export class IllegalPaymentTransition extends Error {
  constructor(
    readonly paymentId: string,
    readonly from: PaymentState | 'missing',
    readonly to: PaymentState,
  ) {
    super(`payment ${paymentId}: ${from} → ${to} is not allowed`);
    this.name = 'IllegalPaymentTransition';
  }
}

/** A payments row as SQLite returns it: the entry with its detail still JSON text. */
interface Row extends Omit<PaymentEntry, 'detail'> {
  detail: string;
}

const COLUMNS = `payment_id AS paymentId, case_id AS caseId, case_number AS caseNumber, service_kind AS serviceKind, method, amount_fen AS amountFen,
  state, provider_reference AS providerReference, payer_hint AS payerHint, detail, pending_since AS pendingSince,
  created_at AS createdAt, updated_at AS updatedAt`;

/**
 * The one owner of money state. Every transition is checked against the payment state machine,
 * recorded in payment_transitions and announced in the outbox, all in one IMMEDIATE
 * transaction on a synchronous=FULL database: once `move` returns, the new state survives a
 * power cut, and only then may the caller make the device or network call it leads to.
 */
export class PaymentLedger {
  private readonly outbox: OutboxWriter;
  private readonly insert;
  private readonly selectOne;
  private readonly update;
  private readonly insertTransition;
  private readonly selectTransitions;
  private readonly selectUnfinished;
  private readonly selectByCase;
  private readonly selectCreatedBetween;
  private readonly countByState;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.outbox = new OutboxWriter(db, clock);
    this.insert = db.prepare(
      `INSERT INTO payments (payment_id, case_id, case_number, service_kind, method, amount_fen, state, detail, created_at, updated_at)
       VALUES (@paymentId, @caseId, @caseNumber, @serviceKind, @method, @amountFen, 'created', '{}', @now, @now)`,
    );
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE payment_id = ?`);
    this.update = db.prepare(
      `UPDATE payments SET state = @state, provider_reference = @providerReference, payer_hint = @payerHint,
         detail = @detail, pending_since = @pendingSince, updated_at = @now WHERE payment_id = @paymentId AND state = @from`,
    );
    this.insertTransition = db.prepare(
      'INSERT INTO payment_transitions (payment_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectTransitions = db.prepare(
      'SELECT from_state AS fromState, to_state AS toState, reason, at FROM payment_transitions WHERE payment_id = ? ORDER BY id',
    );
    this.selectUnfinished = db.prepare(
      `SELECT ${COLUMNS} FROM payments WHERE state IN (${UNFINISHED_STATES.map((s) => `'${s}'`).join(', ')}) ORDER BY created_at, rowid`,
    );
    this.selectByCase = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE case_id = ? ORDER BY created_at, rowid`);
    this.selectCreatedBetween = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid`);
    this.countByState = db.prepare('SELECT state, COUNT(*) AS count, COALESCE(SUM(amount_fen), 0) AS amountFen FROM payments GROUP BY state');
  }

  /** A new attempt for a case, in `created`: nothing has been sent anywhere yet. */
  create(entry: { caseId: string; caseNumber?: string | null; serviceKind: string; method: PaymentMethod; amountFen: number; paymentId?: string }): PaymentEntry {
    if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen <= 0) throw new RangeError(`amount must be a positive number of fen, got ${entry.amountFen}`);
    const paymentId = entry.paymentId ?? `pay-${randomUUID()}`;
    const now = this.clock.now();
    this.db.transaction(() => {
      const caseNumber = entry.caseNumber ?? null;
      this.insert.run({ ...entry, caseNumber, paymentId, now });
      this.outbox.append('payment', { paymentId, caseId: entry.caseId, caseNumber, method: entry.method, amountFen: entry.amountFen, state: 'created' }, `payment-${paymentId}-0`);
    }).immediate();
    return this.get(paymentId)!;
  }

  get(paymentId: string): PaymentEntry | null {
    const row = this.selectOne.get(paymentId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /**
   * Moves a payment to `to`, durably, with the facts learned on the way (provider reference,
   * masked payer, card voucher). Throws IllegalPaymentTransition for a move the state machine
   * forbids (including a concurrent move that got there first): a bug, never money moved twice.
   */
  move(
    paymentId: string,
    to: PaymentState,
    reason: string,
    facts: { providerReference?: string; payerHint?: string; detail?: Record<string, string> } = {},
  ): PaymentEntry {
    this.db.transaction(() => {
      const current = this.get(paymentId);
      if (!current || !canMove(current.state, to)) throw new IllegalPaymentTransition(paymentId, current?.state ?? 'missing', to);
      const now = this.clock.now();
      const changed = this.update.run({
        paymentId,
        from: current.state,
        state: to,
        providerReference: facts.providerReference ?? current.providerReference,
        payerHint: facts.payerHint ?? current.payerHint,
        detail: JSON.stringify({ ...current.detail, ...facts.detail }),
        pendingSince: to === 'pending' ? now : current.pendingSince,
        now,
      }).changes;
      if (changed !== 1) throw new IllegalPaymentTransition(paymentId, current.state, to);
      const step = (this.insertTransition.run(paymentId, current.state, to, reason, now).lastInsertRowid as number | bigint).toString();
      this.outbox.append(
        'payment',
        {
          paymentId,
          caseId: current.caseId,
          caseNumber: current.caseNumber,
          method: current.method,
          amountFen: current.amountFen,
          state: to,
          previousState: current.state,
          reason,
          providerReference: facts.providerReference ?? current.providerReference,
        },
        `payment-${paymentId}-${step}`,
      );
    }).immediate();
    return this.get(paymentId)!;
  }

  transitions(paymentId: string): PaymentTransition[] {
    return this.selectTransitions.all(paymentId) as PaymentTransition[];
  }

  /** Entries not in a final state: what recovery must settle before a new citizen is served. */
  unfinished(): PaymentEntry[] {
    return (this.selectUnfinished.all() as Row[]).map(toEntry);
  }

  forCase(caseId: string): PaymentEntry[] {
    return (this.selectByCase.all(caseId) as Row[]).map(toEntry);
  }

  /** Entries created in [from, to) (ms), oldest first: what a reconciliation compares. */
  createdBetween(from: number, to: number): PaymentEntry[] {
    return (this.selectCreatedBetween.all(from, to) as Row[]).map(toEntry);
  }

  /** Count and amount per state, every state listed. */
  summary(): Record<PaymentState, { count: number; amountFen: number }> {
    const result = Object.fromEntries(PAYMENT_STATES.map((s) => [s, { count: 0, amountFen: 0 }])) as Record<PaymentState, { count: number; amountFen: number }>;
    for (const row of this.countByState.all() as Array<{ state: PaymentState; count: number; amountFen: number }>) {
      result[row.state] = { count: row.count, amountFen: row.amountFen };
    }
    return result;
  }
}

function toEntry(row: Row): PaymentEntry {
  let detail: Record<string, string> = {};
  try {
    detail = JSON.parse(row.detail) as Record<string, string>;
  } catch {
    // A damaged detail column must not hide the money: the entry is still returned.
  }
  return { ...row, detail };
}
