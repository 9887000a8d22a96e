import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentOrder, PaymentOrderList, PaymentOrderState } from '../../../../electron/platform/platformApiTypes.js';
import { loadPlatformContract } from '../../../../electron/platform/platformContract.js';
import type { PlatformOutcome } from '../../../../electron/platform/platformOutcome.js';
import { DailyReconciliation, RECONCILIATION_NOTICE, type ReconciliationTiming } from '../../../../electron/runtime/payments/dailyReconciliation.js';
import { PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import type { PaymentState } from '../../../../electron/runtime/payments/paymentState.js';
import { ReconciliationJournal } from '../../../../electron/runtime/payments/reconciliationJournal.js';
import { OutboxStore } from '../../../../electron/runtime/outbox/outboxStore.js';
import { OutboxWriter } from '../../../../electron/runtime/outbox/outboxWriter.js';
import { toPlatformEvent } from '../../../../electron/runtime/sync/platformEventMapper.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { manualClock, openTestStore, recordingLogger, tempDir } from '../../store/storeTestKit.js';

/** Local time: the job works in the hall's local days (the process time zone). */
const at = (month: number, day: number, hour: number, minute = 0) => new Date(2026, month - 1, day, hour, minute).getTime();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TIMING: Partial<ReconciliationTiming> = { firstCheckMs: MINUTE, checkIntervalMs: 10 * MINUTE, retryAfterMs: HOUR };

const PATH_TO: Record<PaymentState, PaymentState[]> = {
  created: [],
  cancelled: ['cancelled'],
  pending: ['pending'],
  paid: ['pending', 'paid'],
  delivered: ['pending', 'paid', 'delivered'],
  reversed: ['pending', 'reversed'],
  declined: ['pending', 'declined'],
  refunding: ['pending', 'paid', 'refunding'],
  refunded: ['pending', 'paid', 'refunding', 'refunded'],
  'handed-to-staff': ['pending', 'handed-to-staff'],
};

const orderAt = (idempotencyKey: string, state: PaymentOrderState, createdAtMs: number, amountFen = 1500): PaymentOrder => ({
  orderId: `PO-${idempotencyKey}`,
  idempotencyKey,
  caseNumber: 'CASE-000001',
  service: 'exit-entry-endorsement',
  method: 'payment-code',
  amountFen,
  state,
  createdAt: new Date(createdAtMs).toISOString(),
  updatedAt: new Date(createdAtMs).toISOString(),
  paidAt: null,
  failure: null,
  channel: 'wechat',
  payerReference: '****1234',
  qr: null,
  card: null,
  refundedFen: state === 'refunded' ? amountFen : 0,
  refunds: [],
});

/** The platform's listPaymentOrders over a list of orders, with scripted failures; records each range asked. */
class FakePlatform {
  orders: PaymentOrder[] = [];
  failures: Array<Exclude<PlatformOutcome<PaymentOrderList>, { kind: 'ok' }>> = [];
  readonly asked: Array<{ from: string; to: string }> = [];
  /** Set to hold answers until released (a request in flight). */
  hold: Promise<void> | null = null;

  listPaymentOrders = async (range: { from: string; to: string }): Promise<PlatformOutcome<PaymentOrderList>> => {
    this.asked.push(range);
    if (this.hold) await this.hold;
    const failure = this.failures.shift();
    if (failure) return failure;
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    return { kind: 'ok', status: 200, value: { orders: this.orders.filter((o) => Date.parse(o.createdAt) >= from && Date.parse(o.createdAt) < to) } };
  };

  /** Local days asked for (the day the range's midpoint falls on). */
  days(): string[] {
    return this.asked.map((r) => {
      const mid = new Date((Date.parse(r.from) + Date.parse(r.to)) / 2);
      return `${mid.getFullYear()}-${String(mid.getMonth() + 1).padStart(2, '0')}-${String(mid.getDate()).padStart(2, '0')}`;
    });
  }
}

const UNAVAILABLE = { kind: 'unavailable', reason: 'network', detail: 'ECONNREFUSED' } as const;

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.db.open && s.close()));

function setup(options: { start?: number; file?: string; platform?: FakePlatform; session?: { active: boolean } } = {}) {
  const clock = new FakeClock(options.start ?? at(11, 23, 2, 0));
  const file = options.file ?? path.join(tempDir(), 'kiosk.db');
  const store = openTestStore(file, clock);
  stores.push(store);
  const platform = options.platform ?? new FakePlatform();
  const session = options.session ?? { active: false };
  const audit = new RecordingAudit();
  const logger = recordingLogger();
  let reported = 0;
  const job = new DailyReconciliation({
    ledger: new PaymentLedger(store.db, clock),
    journal: new ReconciliationJournal(store.db, clock),
    platform,
    notices: store.notices,
    outbox: new OutboxWriter(store.db, clock),
    clock,
    logger,
    audit,
    settings: () => ({ quietWindow: { start: '03:00', end: '04:00' } }),
    isSessionActive: () => session.active,
    onReported: () => reported++,
    timing: TIMING,
  });

  /** A ledger entry created at `createdAt`, moved along the state machine to `state`. */
  const seed = (paymentId: string, state: PaymentState, createdAt: number, amountFen = 1500) => {
    const ledger = new PaymentLedger(store.db, manualClock(createdAt));
    ledger.create({ paymentId, caseId: 'CASE-000001', serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen });
    for (const step of PATH_TO[state]) ledger.move(paymentId, step, 'seeded');
  };

  /** Moves the fake clock minute by minute, letting every check that starts finish. */
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= MINUTE) {
      clock.advance(Math.min(MINUTE, left));
      await job.idle();
    }
  };

  const notices = () => store.notices.listOpen().filter((n) => n.code === RECONCILIATION_NOTICE);
  const events = () => new OutboxStore(store.db, clock).next(['reconciliation'], 100);
  const journal = new ReconciliationJournal(store.db, clock);
  return { clock, store, platform, session, job, audit, logger, seed, advance, notices, events, journal, file, reported: () => reported };
}

describe('DailyReconciliation: when it runs', () => {
  it('reconciles yesterday once, after the quiet window starts, and the next day the day after', async () => {
    const t = setup();
    t.seed('pay-agree-001', 'delivered', at(11, 22, 10));
    t.platform.orders.push(orderAt('pay-agree-001', 'paid', at(11, 22, 10, 1)));
    t.journal.record({ day: '2026-11-21', ledgerEntries: 0, platformOrders: 0, differences: 0, summary: {} });
    t.job.start();
    await t.advance(55 * MINUTE); // 02:55
    expect(t.platform.asked).toEqual([]);
    await t.advance(10 * MINUTE); // 03:05
    expect(t.platform.days()).toEqual(['2026-11-22']);
    expect(t.platform.asked[0]).toEqual({ from: new Date(at(11, 22, 0) - HOUR).toISOString(), to: new Date(at(11, 23, 0) + HOUR).toISOString() });
    expect(t.journal.lastDay()).toBe('2026-11-22');
    await t.advance(20 * HOUR); // 23:05, many checks later
    expect(t.platform.asked).toHaveLength(1);
    await t.advance(4 * HOUR); // next day 03:05
    expect(t.platform.days()).toEqual(['2026-11-22', '2026-11-23']);
    t.job.stop();
  });

  it('raises no notice and sends no event when the ledger and the platform agree', async () => {
    const t = setup({ start: at(11, 23, 3, 30) });
    t.seed('pay-agree-001', 'delivered', at(11, 22, 10));
    t.seed('pay-agree-002', 'declined', at(11, 22, 11));
    t.platform.orders.push(orderAt('pay-agree-001', 'paid', at(11, 22, 10, 1)), orderAt('pay-agree-002', 'failed', at(11, 22, 11, 1)));
    expect(await t.job.check()).toEqual({ outcome: 'reconciled', reconciled: ['2026-11-22'] });
    expect(t.notices()).toEqual([]);
    expect(t.events()).toEqual([]);
    expect(t.reported()).toBe(0);
    expect(t.journal.get('2026-11-22')).toMatchObject({ ledgerEntries: 2, platformOrders: 2, differences: 0, noticeId: null, eventId: null });
    expect(t.audit.entries.find((e) => e.action === 'payments.reconciled')?.detail).toMatchObject({ day: '2026-11-22', differences: 0 });
  });

  it('catches up the days missed while the terminal was off, oldest first, at most seven', async () => {
    const t = setup({ start: at(11, 23, 9, 0) });
    t.journal.record({ day: '2026-11-10', ledgerEntries: 0, platformOrders: 0, differences: 0, summary: {} });
    expect(await t.job.check()).toMatchObject({ outcome: 'reconciled', reconciled: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'] });
    expect(t.platform.days()).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(t.logger.lines.some((l) => l.level === 'warn' && /beyond the catch-up limit/.test(l.message) && l.fields?.from === '2026-11-11' && l.fields?.to === '2026-11-15')).toBe(true);
    expect(await t.job.check()).toEqual({ outcome: 'up-to-date', reconciled: [] });
  });

  it('skips while the platform cannot answer and tries again an hour later', async () => {
    const t = setup({ start: at(11, 23, 3, 0) });
    t.seed('pay-kept-0001', 'delivered', at(11, 22, 10));
    t.platform.failures.push(UNAVAILABLE, { kind: 'rejected', status: 403, error: { code: 'terminal-not-registered', message: { 'zh-CN': '未注册', en: 'not registered' }, retryable: true } });
    t.job.start();
    await t.advance(2 * MINUTE);
    expect(t.platform.asked).toHaveLength(1);
    expect(t.journal.lastDay()).toBeNull();
    expect(t.notices()).toEqual([]);
    await t.advance(55 * MINUTE); // checks every 10 minutes, all inside the hour
    expect(t.platform.asked).toHaveLength(1);
    await t.advance(10 * MINUTE);
    expect(t.platform.asked).toHaveLength(2); // refused this time
    expect(t.journal.lastDay()).toBeNull();
    await t.advance(HOUR + 5 * MINUTE);
    expect(t.platform.asked).toHaveLength(3);
    expect(t.journal.lastDay()).toBe('2026-11-22');
    expect(t.notices()).toHaveLength(1);
    t.job.stop();
  });

  it('waits while a citizen is being served and runs once they have left', async () => {
    const session = { active: true };
    const t = setup({ start: at(11, 23, 3, 0), session });
    t.job.start();
    await t.advance(45 * MINUTE);
    expect(t.platform.asked).toEqual([]);
    session.active = false;
    await t.advance(10 * MINUTE);
    expect(t.platform.days()).toEqual(['2026-11-22']);
    t.job.stop();
  });

  it('does not repeat a day after a restart', async () => {
    const first = setup({ start: at(11, 23, 3, 30) });
    first.seed('pay-lost-0001', 'delivered', at(11, 22, 10));
    expect((await first.job.check()).reconciled).toEqual(['2026-11-22']);
    expect(first.notices()).toHaveLength(1);
    first.store.close();

    const second = setup({ start: at(11, 23, 5, 0), file: first.file });
    expect(await second.job.check()).toEqual({ outcome: 'up-to-date', reconciled: [] });
    expect(second.platform.asked).toEqual([]);
    expect(second.notices()).toHaveLength(1);
    expect(second.events()).toHaveLength(1);
  });

  it('writes nothing for a day whose check was stopped while the platform was answering', async () => {
    const t = setup({ start: at(11, 23, 3, 30) });
    t.seed('pay-lost-0001', 'delivered', at(11, 22, 10));
    let release!: () => void;
    t.platform.hold = new Promise((resolve) => (release = resolve));
    const check = t.job.check();
    expect(await t.job.check()).toEqual({ outcome: 'busy', reconciled: [] });
    t.job.stop();
    release();
    expect(await check).toEqual({ outcome: 'stopped', reconciled: [] });
    expect(t.journal.lastDay()).toBeNull();
    expect(t.notices()).toEqual([]);
  });
});

describe('DailyReconciliation: what it reports', () => {
  it('raises one notice naming counts and payment ids, and one reconciliation event, in the transaction that records the day', async () => {
    const t = setup({ start: at(11, 23, 3, 30) });
    t.seed('pay-agree-001', 'delivered', at(11, 22, 9));
    t.seed('pay-ledger-01', 'delivered', at(11, 22, 10));
    t.seed('pay-amount-01', 'delivered', at(11, 22, 11), 1500);
    t.platform.orders.push(
      orderAt('pay-agree-001', 'paid', at(11, 22, 9, 1)),
      orderAt('pay-ledger-01', 'reversed', at(11, 22, 10, 1)),
      orderAt('pay-amount-01', 'paid', at(11, 22, 11, 1), 2500),
      orderAt('pay-unknown-1', 'paid', at(11, 22, 12)),
      orderAt('pay-other-day', 'paid', at(11, 21, 12)),
    );
    await t.job.check();

    const [notice] = t.notices();
    expect(notice?.message).toContain('2026-11-22: 3 differences');
    expect(notice?.message).toContain('platform kept money the ledger did not: 1 (pay-unknown-1)');
    expect(notice?.message).toContain('ledger kept money the platform did not: 1 (pay-ledger-01)');
    expect(notice?.message).toContain('amounts differ: 1 (pay-amount-01)');
    expect(notice?.message).not.toContain('pay-agree-001');
    expect(notice?.message).not.toContain('pay-other-day');
    expect(t.reported()).toBe(1);

    const [event] = t.events();
    expect(event?.eventId).toMatch(/^reconciliation-2026-11-22-[0-9a-f]{8}$/);
    expect(event?.payload).toMatchObject({
      date: '2026-11-22',
      from: new Date(at(11, 22, 0)).toISOString(),
      to: new Date(at(11, 23, 0)).toISOString(),
      ledgerEntryCount: 3,
      platformOrderCount: 4,
      differenceCount: 3,
      cardPaymentsNotCompared: 0,
    });
    expect((event?.payload.ledgerByState as Record<string, unknown>).delivered).toEqual({ count: 3, amountFen: 4500 });
    expect(event?.payload.differences).toEqual([
      { kind: 'ledger-kept-platform-not', idempotencyKey: 'pay-ledger-01', method: 'payment-code', ledgerState: 'delivered', platformState: 'reversed', ledgerAmountFen: 1500, platformAmountFen: 1500, platformRefundedFen: 0 },
      { kind: 'amount-differs', idempotencyKey: 'pay-amount-01', method: 'payment-code', ledgerState: 'delivered', platformState: 'paid', ledgerAmountFen: 1500, platformAmountFen: 2500, platformRefundedFen: 0 },
      { kind: 'platform-kept-ledger-not', idempotencyKey: 'pay-unknown-1', method: 'payment-code', ledgerState: 'none', platformState: 'paid', ledgerAmountFen: null, platformAmountFen: 1500, platformRefundedFen: 0 },
    ]);
    expect(t.journal.get('2026-11-22')).toMatchObject({ differences: 3, noticeId: notice?.id, eventId: event?.eventId });

    // The event as the sync agent sends it matches the platform contract.
    const mapped = toPlatformEvent(event!);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.event.type).toBe('reconciliation');
    const contract = loadPlatformContract();
    expect(contract.checkSchema('ReconciliationEventPayload', mapped.event.payload)).toEqual([]);
    expect(contract.checkSchema('EventEnvelope', mapped.event)).toEqual([]);
    expect(contract.checkSchema('ReconciliationEventPayload', { ...mapped.event.payload, date: '22/11/2026' })).not.toEqual([]);
  });

  it('lists ten ids per kind in the notice and at most 1000 differences in the event, counting all', async () => {
    const t = setup({ start: at(11, 23, 3, 30) });
    for (let i = 0; i < 1005; i++) t.platform.orders.push(orderAt(`pay-lost-${String(i).padStart(5, '0')}`, 'paid', at(11, 22, 12) + i));
    await t.job.check();
    const [notice] = t.notices();
    expect(notice?.message).toContain('platform kept money the ledger did not: 1005 (pay-lost-00000,');
    expect(notice?.message).toContain('pay-lost-00009 and 995 more)');
    expect(notice?.message).not.toContain('pay-lost-00010');
    const [event] = t.events();
    expect(event?.payload.differenceCount).toBe(1005);
    expect((event?.payload.differences as unknown[]).length).toBe(1000);
    expect(loadPlatformContract().checkSchema('ReconciliationEventPayload', event?.payload)).toEqual([]);
  });

  it('records nothing (no day, no notice, no event) when the outbox cannot be written, and tries again later', async () => {
    const t = setup({ start: at(11, 23, 3, 30) });
    t.seed('pay-lost-0001', 'delivered', at(11, 22, 10));
    t.store.db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox_events WHEN NEW.kind = 'reconciliation' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    expect(await t.job.check()).toEqual({ outcome: 'failed', reconciled: [] });
    expect(t.journal.lastDay()).toBeNull();
    expect(t.notices()).toEqual([]);
    expect(t.logger.lines.some((l) => l.level === 'error' && l.fields?.error === 'disk full')).toBe(true);
    expect(await t.job.check()).toEqual({ outcome: 'waiting-to-retry', reconciled: [] });
    t.store.db.exec('DROP TRIGGER fail_outbox');
    t.clock.advance(HOUR);
    expect((await t.job.check()).reconciled).toEqual(['2026-11-22']);
    expect(t.notices()).toHaveLength(1);
    expect(t.events()).toHaveLength(1);
  });
});
