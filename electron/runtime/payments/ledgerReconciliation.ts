import type { PaymentOrder, PaymentOrderState } from '../../platform/platformApiTypes.js';
import type { PaymentEntry } from './paymentLedger.js';
import { PAYMENT_STATES, type PaymentMethod, type PaymentState } from './paymentState.js';

/**
 * Compares the payments ledger with the platform's payment orders (listPaymentOrders) and
 * names every payment on which the two disagree about money. Pure: no clock, no I/O.
 *
 * The money each side holds, per payment (matched by the ledger's payment id, which is the
 * order's idempotency key):
 *
 *   ledger    none      created, cancelled, declined, reversed (nothing taken)
 *             kept      paid, delivered, handed-to-staff
 *             refunded  refunded
 *             unsettled pending, refunding (still moving)
 *   platform  none      failed, reversed, or no order at all
 *             kept      paid with nothing refunded
 *             partly    paid with part refunded (or a refund still pending)
 *             refunded  refunded in full
 *             unsettled pending, or a refund still pending
 *
 *   ledger \ platform  none   kept          partly   refunded
 *   no entry           —      platform-kept platform —
 *   none               —      platform-kept platform —
 *   kept               ledger amount?       refund   refund
 *   refunded           —      platform-kept refund   amount?
 *
 * Either side unsettled is `unsettled`; `amount?` is `amount-differs` when the amounts differ.
 * A refunded order with no ledger entry, or a refunded entry with no order, holds no money on
 * either side and is not a difference.
 *
 * Bank-card payments are settled by the acquirer through the card terminal, not through the
 * platform's orders: the terminal does not create card orders today, so a `bank-card` entry
 * with no order is not compared (counted in `cardPaymentsNotCompared`; the acquirer's
 * settlement file is where it is checked). When the platform does hold a card order for the
 * key (confirmCardPayment), it is compared like any other, and a card order the ledger does
 * not know is reported like any other unknown order.
 */

export const RECONCILIATION_DIFFERENCE_KINDS = [
  'platform-kept-ledger-not',
  'ledger-kept-platform-not',
  'amount-differs',
  'refund-state-differs',
  'unsettled',
] as const;
export type ReconciliationDifferenceKind = (typeof RECONCILIATION_DIFFERENCE_KINDS)[number];

export interface LedgerDifference {
  kind: ReconciliationDifferenceKind;
  /** The ledger's payment id, which is the order's idempotency key. */
  paymentId: string;
  /** The ledger's method, or the order's (card → bank-card) when the ledger has no entry. */
  method: PaymentMethod;
  ledgerState: PaymentState | 'none';
  platformState: PaymentOrderState | 'none';
  ledgerAmountFen: number | null;
  platformAmountFen: number | null;
  platformRefundedFen: number | null;
}

export type ReconciledEntry = Pick<PaymentEntry, 'paymentId' | 'method' | 'amountFen' | 'state' | 'createdAt'>;
export type ReconciledOrder = Pick<PaymentOrder, 'idempotencyKey' | 'method' | 'amountFen' | 'state' | 'refundedFen' | 'refunds' | 'createdAt'>;

export type StateTotals = Record<PaymentState, { count: number; amountFen: number }>;

export interface LedgerReconciliation {
  /** In ledger order (entries by creation), then orders the ledger does not know, oldest first. */
  differences: LedgerDifference[];
  /** The period's ledger entries by state. */
  ledgerByState: StateTotals;
  ledgerEntryCount: number;
  platformOrderCount: number;
  /** Bank-card entries of the period with no platform order: settled by the acquirer, not compared. */
  cardPaymentsNotCompared: string[];
}

export interface ReconciliationInput {
  entries: readonly ReconciledEntry[];
  orders: readonly ReconciledOrder[];
  /**
   * The period reported on (ms, from inclusive, to exclusive). Entries and orders may reach
   * beyond it, so that an entry made just before midnight still finds its order made just
   * after: a matched pair belongs to the period of its ledger entry, an entry without an order
   * to its own, an order without an entry to the order's. Absent: everything belongs.
   */
  period?: { from: number; to: number };
}

type LedgerMoney = 'none' | 'kept' | 'refunded' | 'unsettled';
type PlatformMoney = 'none' | 'kept' | 'partly' | 'refunded' | 'unsettled';

const LEDGER_MONEY: Readonly<Record<PaymentState, LedgerMoney>> = {
  created: 'none',
  cancelled: 'none',
  declined: 'none',
  reversed: 'none',
  paid: 'kept',
  delivered: 'kept',
  'handed-to-staff': 'kept',
  refunded: 'refunded',
  pending: 'unsettled',
  refunding: 'unsettled',
};

function platformMoney(order: ReconciledOrder | undefined): PlatformMoney {
  if (!order) return 'none';
  const refundPending = order.refunds.some((r) => r.state === 'pending');
  switch (order.state) {
    case 'pending':
      return 'unsettled';
    case 'failed':
    case 'reversed':
      return 'none';
    case 'refunded':
      return refundPending ? 'unsettled' : 'refunded';
    case 'paid':
      if (refundPending) return 'unsettled';
      return order.refundedFen > 0 ? 'partly' : 'kept';
  }
}

/** What the two views say together: a difference kind, or null when they agree. */
function judge(ledger: LedgerMoney, platform: PlatformMoney, amountsDiffer: boolean): ReconciliationDifferenceKind | null {
  if (ledger === 'unsettled' || platform === 'unsettled') return 'unsettled';
  switch (ledger) {
    case 'none':
      return platform === 'kept' || platform === 'partly' ? 'platform-kept-ledger-not' : null;
    case 'kept':
      if (platform === 'none') return 'ledger-kept-platform-not';
      if (platform === 'kept') return amountsDiffer ? 'amount-differs' : null;
      return 'refund-state-differs';
    case 'refunded':
      if (platform === 'kept') return 'platform-kept-ledger-not';
      if (platform === 'partly') return 'refund-state-differs';
      if (platform === 'refunded') return amountsDiffer ? 'amount-differs' : null;
      return null;
  }
}

const METHOD_OF_ORDER: Readonly<Record<PaymentOrder['method'], PaymentMethod>> = { 'payment-code': 'payment-code', qr: 'qr', card: 'bank-card' };

/** Every ledger state with zero count and amount. */
export function emptyStateTotals(): StateTotals {
  return Object.fromEntries(PAYMENT_STATES.map((s) => [s, { count: 0, amountFen: 0 }])) as StateTotals;
}

export function reconcileLedger(input: ReconciliationInput): LedgerReconciliation {
  const inPeriod = (at: number) => !input.period || Number.isNaN(at) || (at >= input.period.from && at < input.period.to);
  const orders = new Map<string, ReconciledOrder>();
  for (const order of input.orders) if (!orders.has(order.idempotencyKey)) orders.set(order.idempotencyKey, order);
  const known = new Set(input.entries.map((e) => e.paymentId));

  const differences: LedgerDifference[] = [];
  const ledgerByState = emptyStateTotals();
  const cardPaymentsNotCompared: string[] = [];
  let ledgerEntryCount = 0;
  const countedOrders = new Set<string>();

  for (const entry of input.entries) {
    if (!inPeriod(entry.createdAt)) continue;
    ledgerEntryCount++;
    ledgerByState[entry.state].count++;
    ledgerByState[entry.state].amountFen += entry.amountFen;
    const order = orders.get(entry.paymentId);
    if (order) countedOrders.add(order.idempotencyKey);
    if (!order && entry.method === 'bank-card') {
      cardPaymentsNotCompared.push(entry.paymentId);
      continue;
    }
    const kind = judge(LEDGER_MONEY[entry.state], platformMoney(order), order !== undefined && order.amountFen !== entry.amountFen);
    if (kind) {
      differences.push({
        kind,
        paymentId: entry.paymentId,
        method: entry.method,
        ledgerState: entry.state,
        platformState: order?.state ?? 'none',
        ledgerAmountFen: entry.amountFen,
        platformAmountFen: order?.amountFen ?? null,
        platformRefundedFen: order?.refundedFen ?? null,
      });
    }
  }

  // Orders the ledger has no entry for, anywhere in the window it was given.
  for (const order of orders.values()) {
    if (known.has(order.idempotencyKey) || !inPeriod(Date.parse(order.createdAt))) continue;
    countedOrders.add(order.idempotencyKey);
    const kind = judge('none', platformMoney(order), false);
    if (kind) {
      differences.push({
        kind,
        paymentId: order.idempotencyKey,
        method: METHOD_OF_ORDER[order.method] ?? 'payment-code',
        ledgerState: 'none',
        platformState: order.state,
        ledgerAmountFen: null,
        platformAmountFen: order.amountFen,
        platformRefundedFen: order.refundedFen,
      });
    }
  }

  return { differences, ledgerByState, ledgerEntryCount, platformOrderCount: countedOrders.size, cardPaymentsNotCompared };
}
