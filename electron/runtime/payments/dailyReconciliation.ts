import { randomUUID } from 'node:crypto';
import type { DailyWindow } from '../../../config/dailyWindow.js';
import type { PaymentOrderList, ReconciliationEventPayload } from '../../platform/platformApiTypes.js';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { PlatformOutcome } from '../../platform/platformOutcome.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxWriter } from '../outbox/outboxWriter.js';
import { reconcileLedger, RECONCILIATION_DIFFERENCE_KINDS, type LedgerReconciliation, type ReconciliationDifferenceKind } from './ledgerReconciliation.js';
import type { PaymentLedger } from './paymentLedger.js';
import { addDays, dayBounds, dueDays } from './reconciliationDays.js';
import type { ReconciliationJournal } from './reconciliationJournal.js';

/** Staff notice code of a day whose ledger and platform orders differ. */
export const RECONCILIATION_NOTICE = 'payments.reconciliation-differences';

export interface ReconciliationTiming {
  /** First look after start (the platform registration comes first). */
  firstCheckMs: number;
  /** How often to look whether a day is due (and whether the citizen has left). */
  checkIntervalMs: number;
  /** After the platform failed to answer, wait this long before asking again. */
  retryAfterMs: number;
  /** Days missed while the terminal was off that are still caught up (the most recent ones). */
  maxCatchUpDays: number;
  /** Entries and orders this far either side of the day are fetched, so pairs across midnight match. */
  marginMs: number;
}

export const DEFAULT_RECONCILIATION_TIMING: ReconciliationTiming = {
  firstCheckMs: 60_000,
  checkIntervalMs: 10 * 60_000,
  retryAfterMs: 60 * 60_000,
  maxCatchUpDays: 7,
  marginMs: 60 * 60_000,
};

/** At most this many differences travel in one event (the contract's maxItems). */
const MAX_EVENT_DIFFERENCES = 1000;
/** Payment ids named per kind in the staff notice. */
const MAX_NOTICE_IDS = 10;

export interface DailyReconciliationDeps {
  ledger: Pick<PaymentLedger, 'createdBetween'>;
  journal: Pick<ReconciliationJournal, 'lastDay' | 'record'>;
  platform: Pick<PlatformClient, 'listPaymentOrders'>;
  notices: { record(code: string, message: string): number };
  outbox: Pick<OutboxWriter, 'append'>;
  clock: Clock;
  logger: Logger;
  audit: AuditSink;
  /** Read at every check, so a config bundle moving the quiet window counts from the next check. */
  settings: () => { quietWindow: DailyWindow };
  isSessionActive: () => boolean;
  /** A day with differences was recorded: the outbox has an event to deliver. */
  onReported?: () => void;
  timing?: Partial<ReconciliationTiming>;
}

export interface ReconciliationCheck {
  outcome: 'up-to-date' | 'reconciled' | 'waiting-to-retry' | 'session-active' | 'platform-unreachable' | 'failed' | 'busy' | 'stopped';
  /** Days this check reconciled, oldest first. */
  reconciled: string[];
}

/**
 * Once per local day, after the quiet window has started, compares the previous day's ledger
 * entries with the platform's orders of that day (and catches up days missed while the
 * terminal was off, up to maxCatchUpDays). A day with differences raises one staff notice
 * (counts and payment ids, no personal data) and one `reconciliation` event for the platform,
 * in the same transaction that records the day, so a restart neither repeats nor loses it.
 * It only reads, but it waits while a citizen is served; when the platform cannot answer it
 * tries again after retryAfterMs.
 */
export class DailyReconciliation {
  private readonly timing: ReconciliationTiming;
  private timer: TimerHandle | undefined;
  private started = false;
  private stopped = false;
  private running: Promise<ReconciliationCheck> | null = null;
  private retryAt = 0;

  constructor(private readonly deps: DailyReconciliationDeps) {
    this.timing = { ...DEFAULT_RECONCILIATION_TIMING, ...deps.timing };
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(this.timing.firstCheckMs);
  }

  /** For good (shutdown): stops the timer; a check waiting on the platform writes nothing when it comes back. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves when no check is in flight. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Reconciles what is due now, if it may. Never throws; one check at a time. */
  check(): Promise<ReconciliationCheck> {
    if (this.stopped) return Promise.resolve({ outcome: 'stopped', reconciled: [] });
    if (this.running) return Promise.resolve({ outcome: 'busy', reconciled: [] });
    const run = this.run().catch((error: unknown): ReconciliationCheck => {
      this.retryAt = this.deps.clock.now() + this.timing.retryAfterMs;
      this.deps.logger.error('payment reconciliation failed', { error: error instanceof Error ? error.message : String(error) });
      return { outcome: 'failed', reconciled: [] };
    });
    this.running = run.finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<ReconciliationCheck> {
    const reconciled: string[] = [];
    const now = this.deps.clock.now();
    const last = this.deps.journal.lastDay();
    const days = dueDays({ now, quietWindowStart: this.deps.settings().quietWindow.start, lastReconciled: last, maxDays: this.timing.maxCatchUpDays });
    if (days.length === 0) return { outcome: 'up-to-date', reconciled };
    if (now < this.retryAt) return { outcome: 'waiting-to-retry', reconciled };
    if (last !== null && addDays(last, 1) < days[0]!) {
      this.deps.logger.warn('payment reconciliation: days missed beyond the catch-up limit are not reconciled', { from: addDays(last, 1), to: addDays(days[0]!, -1) });
    }
    for (const day of days) {
      if (this.stopped) return { outcome: 'stopped', reconciled };
      // Keep platform load off a citizen's session; the next check tries again.
      if (this.deps.isSessionActive()) return { outcome: reconciled.length > 0 ? 'reconciled' : 'session-active', reconciled };
      const { from, to } = dayBounds(day);
      const listed = await this.deps.platform
        .listPaymentOrders({ from: new Date(from - this.timing.marginMs).toISOString(), to: new Date(to + this.timing.marginMs).toISOString() })
        .catch((error: unknown): PlatformOutcome<PaymentOrderList> => ({ kind: 'unavailable', reason: 'network', detail: String(error) }));
      if (this.stopped) return { outcome: 'stopped', reconciled };
      if (listed.kind !== 'ok') {
        this.retryAt = this.deps.clock.now() + this.timing.retryAfterMs;
        this.deps.logger.warn('payment reconciliation: the platform did not answer; retrying later', { day, outcome: describe(listed), retryAt: this.retryAt });
        return { outcome: reconciled.length > 0 ? 'reconciled' : 'platform-unreachable', reconciled };
      }
      this.record(day, from, to, listed.value);
      reconciled.push(day);
    }
    this.retryAt = 0;
    return { outcome: 'reconciled', reconciled };
  }

  private record(day: string, from: number, to: number, list: PaymentOrderList): void {
    const { marginMs } = this.timing;
    const entries = this.deps.ledger.createdBetween(from - marginMs, to + marginMs);
    const result = reconcileLedger({ entries, orders: list.orders, period: { from, to } });
    const count = result.differences.length;
    const summary = {
      ledgerByState: result.ledgerByState,
      cardPaymentsNotCompared: result.cardPaymentsNotCompared,
      differences: result.differences,
    };
    const reported = this.deps.journal.record(
      { day, ledgerEntries: result.ledgerEntryCount, platformOrders: result.platformOrderCount, differences: count, summary },
      count === 0
        ? undefined
        : () => ({
            noticeId: this.deps.notices.record(RECONCILIATION_NOTICE, noticeText(day, result)),
            eventId: this.deps.outbox.append('reconciliation', { ...eventPayload(day, from, to, result) }, `reconciliation-${day}-${randomUUID().slice(0, 8)}`),
          }),
    );
    this.deps.audit.append({
      actor: 'system',
      action: 'payments.reconciled',
      detail: { day, ledgerEntries: result.ledgerEntryCount, platformOrders: result.platformOrderCount, differences: count, noticeId: reported.noticeId },
    });
    if (count > 0) {
      this.deps.logger.warn('payment reconciliation found differences', { day, differences: count });
      this.deps.onReported?.();
    } else this.deps.logger.info('payment reconciliation: ledger and platform agree', { day, ledgerEntries: result.ledgerEntryCount });
  }

  private schedule(ms: number): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      void this.check();
      this.schedule(this.timing.checkIntervalMs);
    }, ms);
  }
}

const KIND_WORDS: Readonly<Record<ReconciliationDifferenceKind, string>> = {
  'platform-kept-ledger-not': 'platform kept money the ledger did not',
  'ledger-kept-platform-not': 'ledger kept money the platform did not',
  'amount-differs': 'amounts differ',
  'refund-state-differs': 'refund state differs',
  unsettled: 'still unsettled',
};

/** Counts per kind and the payment ids: what staff need to look each one up. */
export function noticeText(day: string, result: LedgerReconciliation): string {
  const parts: string[] = [];
  for (const kind of RECONCILIATION_DIFFERENCE_KINDS) {
    const ids = result.differences.filter((d) => d.kind === kind).map((d) => d.paymentId);
    if (ids.length === 0) continue;
    const named = ids.slice(0, MAX_NOTICE_IDS).join(', ');
    const more = ids.length > MAX_NOTICE_IDS ? ` and ${ids.length - MAX_NOTICE_IDS} more` : '';
    parts.push(`${KIND_WORDS[kind]}: ${ids.length} (${named}${more})`);
  }
  const n = result.differences.length;
  return `Payment reconciliation ${day}: ${n} ${n === 1 ? 'difference' : 'differences'} between the ledger and the platform (${result.ledgerEntryCount} ledger entries, ${result.platformOrderCount} platform orders). ${parts.join('; ')}.`;
}

export function eventPayload(day: string, from: number, to: number, result: LedgerReconciliation): ReconciliationEventPayload {
  return {
    date: day,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ledgerByState: result.ledgerByState,
    ledgerEntryCount: result.ledgerEntryCount,
    platformOrderCount: result.platformOrderCount,
    cardPaymentsNotCompared: result.cardPaymentsNotCompared.length,
    differenceCount: result.differences.length,
    differences: result.differences.slice(0, MAX_EVENT_DIFFERENCES).map((d) => ({
      kind: d.kind,
      idempotencyKey: d.paymentId,
      method: d.method === 'bank-card' ? 'card' : d.method,
      ledgerState: d.ledgerState,
      platformState: d.platformState,
      ledgerAmountFen: d.ledgerAmountFen,
      platformAmountFen: d.platformAmountFen,
      platformRefundedFen: d.platformRefundedFen,
    })),
  };
}

function describe(outcome: Exclude<PlatformOutcome<unknown>, { kind: 'ok' }>): string {
  if (outcome.kind === 'rejected') return `rejected ${outcome.status} ${outcome.error.code}`;
  return `${outcome.kind} ${outcome.reason}`;
}
