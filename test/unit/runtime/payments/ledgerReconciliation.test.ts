import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaymentOrderState, Refund } from '../../../../electron/platform/platformApiTypes.js';
import {
  reconcileLedger,
  RECONCILIATION_DIFFERENCE_KINDS,
  type ReconciledEntry,
  type ReconciledOrder,
  type ReconciliationDifferenceKind,
} from '../../../../electron/runtime/payments/ledgerReconciliation.js';
import { PAYMENT_STATES, type PaymentMethod, type PaymentState } from '../../../../electron/runtime/payments/paymentState.js';

/** Local 2026-11-23 10:00 (the comparison works in the instants it is given). */
const T = new Date(2026, 10, 23, 10, 0).getTime();
const HOUR = 3_600_000;

const entry = (paymentId: string, state: PaymentState, extra: Partial<ReconciledEntry> = {}): ReconciledEntry => ({
  paymentId,
  state,
  method: 'payment-code',
  amountFen: 1500,
  createdAt: T,
  ...extra,
});

const refund = (amountFen: number, state: Refund['state'] = 'succeeded'): Refund => ({
  refundKey: 'refund-key-1',
  amountFen,
  state,
  reason: 'issue-failed',
  createdAt: new Date(T + HOUR).toISOString(),
});

const order = (idempotencyKey: string, state: PaymentOrderState, extra: Partial<ReconciledOrder> = {}): ReconciledOrder => ({
  idempotencyKey,
  state,
  method: 'payment-code',
  amountFen: 1500,
  refundedFen: state === 'refunded' ? 1500 : 0,
  refunds: state === 'refunded' ? [refund(1500)] : [],
  createdAt: new Date(T + 60_000).toISOString(),
  ...extra,
});

const partlyRefunded = (key: string) => order(key, 'paid', { refundedFen: 500, refunds: [refund(500)] });
const refundPending = (key: string) => order(key, 'paid', { refunds: [refund(1500, 'pending')] });

const kindOf = (e: ReconciledEntry | null, o: ReconciledOrder | null): ReconciliationDifferenceKind | null => {
  const result = reconcileLedger({ entries: e ? [e] : [], orders: o ? [o] : [] });
  expect(result.differences.length).toBeLessThanOrEqual(1);
  return result.differences[0]?.kind ?? null;
};

describe('reconcileLedger: one payment, every pairing of ledger and platform', () => {
  const K = 'pay-0000000001';
  const ledgerNone: PaymentState[] = ['created', 'cancelled', 'declined', 'reversed'];
  const ledgerKept: PaymentState[] = ['paid', 'delivered', 'handed-to-staff'];

  it.each(ledgerNone)('ledger %s agrees with no order, a failed or reversed order, and a refunded one', (state) => {
    expect(kindOf(entry(K, state), null)).toBeNull();
    expect(kindOf(entry(K, state), order(K, 'failed'))).toBeNull();
    expect(kindOf(entry(K, state), order(K, 'reversed'))).toBeNull();
    expect(kindOf(entry(K, state), order(K, 'refunded'))).toBeNull();
  });

  it.each(ledgerNone)('ledger %s against a paid order: the platform kept money the ledger did not', (state) => {
    expect(kindOf(entry(K, state), order(K, 'paid'))).toBe('platform-kept-ledger-not');
    expect(kindOf(entry(K, state), partlyRefunded(K))).toBe('platform-kept-ledger-not');
  });

  it.each(ledgerKept)('ledger %s agrees with a paid order of the same amount', (state) => {
    expect(kindOf(entry(K, state), order(K, 'paid'))).toBeNull();
    expect(kindOf(entry(K, state), order(K, 'paid', { amountFen: 2000 }))).toBe('amount-differs');
  });

  it.each(ledgerKept)('ledger %s against no order, a failed or a reversed one: the ledger kept money the platform did not', (state) => {
    expect(kindOf(entry(K, state), null)).toBe('ledger-kept-platform-not');
    expect(kindOf(entry(K, state), order(K, 'failed'))).toBe('ledger-kept-platform-not');
    expect(kindOf(entry(K, state), order(K, 'reversed'))).toBe('ledger-kept-platform-not');
  });

  it.each(ledgerKept)('ledger %s against a refunded or partly refunded order: the refund state differs', (state) => {
    expect(kindOf(entry(K, state), order(K, 'refunded'))).toBe('refund-state-differs');
    expect(kindOf(entry(K, state), partlyRefunded(K))).toBe('refund-state-differs');
  });

  it('ledger refunded: agrees with a refunded order (or none), not with one still paid in full or in part', () => {
    expect(kindOf(entry(K, 'refunded'), order(K, 'refunded'))).toBeNull();
    expect(kindOf(entry(K, 'refunded'), null)).toBeNull();
    expect(kindOf(entry(K, 'refunded'), order(K, 'reversed'))).toBeNull();
    expect(kindOf(entry(K, 'refunded'), order(K, 'paid'))).toBe('platform-kept-ledger-not');
    expect(kindOf(entry(K, 'refunded'), partlyRefunded(K))).toBe('refund-state-differs');
    expect(kindOf(entry(K, 'refunded'), order(K, 'refunded', { amountFen: 2000, refundedFen: 2000 }))).toBe('amount-differs');
  });

  it('anything still moving on either side is unsettled', () => {
    for (const state of PAYMENT_STATES) {
      expect(kindOf(entry(K, state), order(K, 'pending'))).toBe('unsettled');
      expect(kindOf(entry(K, state), refundPending(K))).toBe('unsettled');
    }
    for (const o of [null, order(K, 'paid'), order(K, 'failed'), order(K, 'refunded')]) {
      expect(kindOf(entry(K, 'pending'), o)).toBe('unsettled');
      expect(kindOf(entry(K, 'refunding'), o)).toBe('unsettled');
    }
    expect(kindOf(null, order(K, 'pending'))).toBe('unsettled');
  });

  it('an order the ledger has no entry for: reported when money is (or may be) kept', () => {
    expect(kindOf(null, order(K, 'paid'))).toBe('platform-kept-ledger-not');
    expect(kindOf(null, partlyRefunded(K))).toBe('platform-kept-ledger-not');
    expect(kindOf(null, order(K, 'failed'))).toBeNull();
    expect(kindOf(null, order(K, 'reversed'))).toBeNull();
    expect(kindOf(null, order(K, 'refunded'))).toBeNull();
  });

  it('names both sides in the difference', () => {
    const result = reconcileLedger({ entries: [entry('pay-a', 'delivered'), entry('pay-b', 'refunded', { method: 'qr' })], orders: [order('pay-a', 'reversed'), order('pay-b', 'paid', { method: 'qr' }), order('pay-c', 'paid', { amountFen: 800 })] });
    expect(result.differences).toEqual([
      { kind: 'ledger-kept-platform-not', paymentId: 'pay-a', method: 'payment-code', ledgerState: 'delivered', platformState: 'reversed', ledgerAmountFen: 1500, platformAmountFen: 1500, platformRefundedFen: 0 },
      { kind: 'platform-kept-ledger-not', paymentId: 'pay-b', method: 'qr', ledgerState: 'refunded', platformState: 'paid', ledgerAmountFen: 1500, platformAmountFen: 1500, platformRefundedFen: 0 },
      { kind: 'platform-kept-ledger-not', paymentId: 'pay-c', method: 'payment-code', ledgerState: 'none', platformState: 'paid', ledgerAmountFen: null, platformAmountFen: 800, platformRefundedFen: 0 },
    ]);
    expect(result.differences.find((d) => d.paymentId === 'pay-a')).toMatchObject({ platformState: 'reversed' });
    expect(reconcileLedger({ entries: [entry('pay-d', 'paid')], orders: [] }).differences[0]).toMatchObject({ platformState: 'none', platformAmountFen: null, platformRefundedFen: null });
  });
});

describe('reconcileLedger: bank cards', () => {
  it('does not compare a card payment the platform has no order for (the acquirer settles it)', () => {
    const result = reconcileLedger({ entries: [entry('pay-card-1', 'delivered', { method: 'bank-card' }), entry('pay-card-2', 'refunded', { method: 'bank-card' })], orders: [] });
    expect(result.differences).toEqual([]);
    expect(result.cardPaymentsNotCompared).toEqual(['pay-card-1', 'pay-card-2']);
    expect(result.ledgerEntryCount).toBe(2);
  });

  it('compares a card payment the platform does hold an order for, and reports a card order the ledger lacks', () => {
    const result = reconcileLedger({
      entries: [entry('pay-card-1', 'delivered', { method: 'bank-card' }), entry('pay-card-2', 'reversed', { method: 'bank-card' })],
      orders: [order('pay-card-1', 'paid', { method: 'card' }), order('pay-card-2', 'paid', { method: 'card' }), order('pay-card-3', 'paid', { method: 'card' })],
    });
    expect(result.cardPaymentsNotCompared).toEqual([]);
    expect(result.differences.map((d) => [d.paymentId, d.kind, d.method])).toEqual([
      ['pay-card-2', 'platform-kept-ledger-not', 'bank-card'],
      ['pay-card-3', 'platform-kept-ledger-not', 'bank-card'],
    ]);
  });
});

describe('reconcileLedger: the period', () => {
  const day = { from: new Date(2026, 10, 23).getTime(), to: new Date(2026, 10, 24).getTime() };

  it('matches an entry made before midnight with its order made after, and reports the pair on the entry’s day only', () => {
    const lateEntry = entry('pay-late', 'paid', { createdAt: day.to - 1_000 });
    const itsOrder = order('pay-late', 'reversed', { createdAt: new Date(day.to + 5_000).toISOString() });
    const onTheDay = reconcileLedger({ entries: [lateEntry], orders: [itsOrder], period: day });
    expect(onTheDay.differences.map((d) => [d.paymentId, d.kind])).toEqual([['pay-late', 'ledger-kept-platform-not']]);
    expect(onTheDay.platformOrderCount).toBe(1);
    const nextDay = reconcileLedger({ entries: [lateEntry], orders: [itsOrder], period: { from: day.to, to: day.to + 24 * HOUR } });
    expect(nextDay.differences).toEqual([]);
    expect(nextDay.ledgerEntryCount).toBe(0);
    expect(nextDay.platformOrderCount).toBe(0);
  });

  it('counts and reports only what belongs to the period, by state', () => {
    const result = reconcileLedger({
      entries: [entry('pay-1', 'delivered'), entry('pay-2', 'delivered', { amountFen: 800 }), entry('pay-3', 'declined'), entry('pay-before', 'paid', { createdAt: day.from - HOUR })],
      orders: [order('pay-1', 'paid'), order('pay-2', 'paid', { amountFen: 800 }), order('pay-3', 'failed'), order('pay-lost-before', 'paid', { createdAt: new Date(day.from - HOUR).toISOString() })],
      period: day,
    });
    expect(result.differences).toEqual([]);
    expect(result.ledgerEntryCount).toBe(3);
    expect(result.platformOrderCount).toBe(3);
    expect(result.ledgerByState.delivered).toEqual({ count: 2, amountFen: 2300 });
    expect(result.ledgerByState.declined).toEqual({ count: 1, amountFen: 1500 });
    expect(result.ledgerByState.paid).toEqual({ count: 0, amountFen: 0 });
  });

  it('keeps an order whose creation time it cannot read in the period rather than lose it', () => {
    const result = reconcileLedger({ entries: [], orders: [order('pay-odd', 'paid', { createdAt: 'yesterday-ish' })], period: day });
    expect(result.differences.map((d) => d.paymentId)).toEqual(['pay-odd']);
  });

  it('takes the first of two orders listed under one key', () => {
    const result = reconcileLedger({ entries: [entry('pay-1', 'delivered')], orders: [order('pay-1', 'paid'), order('pay-1', 'reversed')] });
    expect(result.differences).toEqual([]);
  });
});

// ---------- properties ----------

type Truth = 'not-taken' | 'kept' | 'refunded';
const LEDGER_OF: Record<Truth, PaymentState[]> = { 'not-taken': ['created', 'cancelled', 'declined', 'reversed'], kept: ['paid', 'delivered', 'handed-to-staff'], refunded: ['refunded'] };
const PLATFORM_OF: Record<Truth, Array<PaymentOrderState | null>> = { 'not-taken': [null, 'failed', 'reversed'], kept: ['paid'], refunded: ['refunded'] };
const METHODS: PaymentMethod[] = ['payment-code', 'qr'];

const payment = fc.record({
  truth: fc.constantFrom<Truth>('not-taken', 'kept', 'refunded'),
  ledgerPick: fc.nat(),
  platformPick: fc.nat(),
  method: fc.constantFrom(...METHODS),
  amountFen: fc.integer({ min: 1, max: 100_000 }),
  createdAt: fc.integer({ min: T - 36 * HOUR, max: T + 36 * HOUR }),
  orderDelayMs: fc.integer({ min: 0, max: 30 * 60_000 }),
});

type Payment = typeof payment extends fc.Arbitrary<infer T> ? T : never;

function build(payments: Payment[]) {
  const entries: ReconciledEntry[] = [];
  const orders: ReconciledOrder[] = [];
  payments.forEach((p, i) => {
    const key = `pay-${String(i).padStart(8, '0')}`;
    const states = LEDGER_OF[p.truth];
    entries.push(entry(key, states[p.ledgerPick % states.length]!, { method: p.method, amountFen: p.amountFen, createdAt: p.createdAt }));
    const platformStates = PLATFORM_OF[p.truth];
    const state = platformStates[p.platformPick % platformStates.length]!;
    if (state) {
      orders.push(
        order(key, state, {
          method: p.method === 'qr' ? 'qr' : 'payment-code',
          amountFen: p.amountFen,
          refundedFen: state === 'refunded' ? p.amountFen : 0,
          refunds: state === 'refunded' ? [refund(p.amountFen)] : [],
          createdAt: new Date(p.createdAt + p.orderDelayMs).toISOString(),
        }),
      );
    }
  });
  return { entries, orders };
}

describe('reconcileLedger: properties', () => {
  it('finds no difference when both sides tell the same story', () => {
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 40 }), (payments) => {
        const { entries, orders } = build(payments);
        expect(reconcileLedger({ entries, orders }).differences).toEqual([]);
      }),
    );
  });

  it('finds exactly the payment whose platform order was changed behind the ledger’s back', () => {
    fc.assert(
      fc.property(fc.array(payment, { minLength: 1, maxLength: 30 }), fc.nat(), fc.constantFrom<PaymentOrderState>('paid', 'reversed', 'refunded'), (payments, pick, flipTo) => {
        const { entries, orders } = build(payments);
        const victim = entries[pick % entries.length]!;
        const others = orders.filter((o) => o.idempotencyKey !== victim.paymentId);
        const flipped = order(victim.paymentId, flipTo, { amountFen: victim.amountFen, refundedFen: flipTo === 'refunded' ? victim.amountFen : 0, refunds: flipTo === 'refunded' ? [refund(victim.amountFen)] : [] });
        const before = reconcileLedger({ entries: [victim], orders: orders.filter((o) => o.idempotencyKey === victim.paymentId) }).differences;
        const result = reconcileLedger({ entries, orders: [...others, flipped] }).differences;
        expect(before).toEqual([]);
        expect(result.every((d) => d.paymentId === victim.paymentId)).toBe(true);
        // Money differs exactly when the flip changed what the platform holds.
        const ledgerHolds = ['paid', 'delivered', 'handed-to-staff'].includes(victim.state);
        const platformHolds = flipTo === 'paid';
        expect(result.length).toBe(ledgerHolds === platformHolds ? 0 : 1);
      }),
    );
  });

  it('reports every difference exactly once over consecutive days, as over the whole range at once', () => {
    const anyOrderState = fc.constantFrom<PaymentOrderState | null>(null, 'pending', 'paid', 'failed', 'reversed', 'refunded');
    const messy = fc.record({ state: fc.constantFrom(...PAYMENT_STATES), orderState: anyOrderState, orphanState: anyOrderState, createdAt: fc.integer({ min: T - 36 * HOUR, max: T + 36 * HOUR }), delay: fc.integer({ min: 0, max: 50 * 60_000 }) });
    fc.assert(
      fc.property(fc.array(messy, { maxLength: 40 }), (rows) => {
        const entries: ReconciledEntry[] = [];
        const orders: ReconciledOrder[] = [];
        rows.forEach((r, i) => {
          const key = `pay-${String(i).padStart(8, '0')}`;
          entries.push(entry(key, r.state, { createdAt: r.createdAt }));
          if (r.orderState) orders.push(order(key, r.orderState, { createdAt: new Date(r.createdAt + r.delay).toISOString() }));
          if (r.orphanState) orders.push(order(`lost-${String(i).padStart(8, '0')}`, r.orphanState, { createdAt: new Date(r.createdAt + r.delay).toISOString() }));
        });
        const whole = reconcileLedger({ entries, orders }).differences.map((d) => `${d.paymentId}:${d.kind}`).sort();
        const byDay: string[] = [];
        for (let from = new Date(2026, 10, 21).getTime(); from < new Date(2026, 10, 26).getTime(); from += 24 * HOUR) {
          const to = from + 24 * HOUR;
          // The daily job's window: the day and an hour either side.
          const inWindow = (at: number) => at >= from - HOUR && at < to + HOUR;
          const result = reconcileLedger({ entries: entries.filter((e) => inWindow(e.createdAt)), orders: orders.filter((o) => inWindow(Date.parse(o.createdAt))), period: { from, to } });
          byDay.push(...result.differences.map((d) => `${d.paymentId}:${d.kind}`));
        }
        expect(byDay.sort()).toEqual(whole);
        expect(whole.every((d) => RECONCILIATION_DIFFERENCE_KINDS.some((k) => d.endsWith(`:${k}`)))).toBe(true);
      }),
    );
  });
});
