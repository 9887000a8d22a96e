import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IllegalPaymentTransition, PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import type { PaymentProvider } from '../../../../electron/runtime/payments/paymentProvider.js';
import { PaymentService } from '../../../../electron/runtime/payments/paymentService.js';
import type { PaymentMethod } from '../../../../electron/runtime/payments/paymentState.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { manualClock, openTestStore, tempDir } from '../../store/storeTestKit.js';
import { ScriptedPaymentProvider } from './scriptedPaymentProvider.js';

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(provider: ScriptedPaymentProvider = new ScriptedPaymentProvider(), file = path.join(tempDir(), 'kiosk.db')) {
  const clock = manualClock();
  const store = openTestStore(file, clock);
  stores.push(store);
  const ledger = new PaymentLedger(store.db, clock);
  const audit = new RecordingAudit();
  const providers = { 'payment-code': provider, qr: provider, 'bank-card': provider } satisfies Record<PaymentMethod, PaymentProvider>;
  const payments = new PaymentService({
    ledger,
    providers,
    clock,
    audit,
    logger: silentLogger,
    policy: { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 3, refundAttempts: 3 },
    sleep: async (ms) => clock.advance(ms),
  });
  const open = () => payments.open({ caseId: 'case-1', serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen: 1500 });
  const outbox = () => store.db.prepare('SELECT event_id AS id, payload FROM outbox_events ORDER BY seq').all() as Array<{ id: string; payload: string }>;
  return { clock, store, ledger, payments, provider, audit, open, outbox, file };
}

const states = (ledger: PaymentLedger, id: string) => ledger.transitions(id).map((t) => t.toState);

describe('PaymentLedger', () => {
  it('refuses a move the state machine forbids and leaves the entry as it was', () => {
    const { ledger, open } = setup();
    const entry = open();
    expect(() => ledger.move(entry.paymentId, 'delivered', 'skip ahead')).toThrow(IllegalPaymentTransition);
    expect(ledger.get(entry.paymentId)?.state).toBe('created');
    ledger.move(entry.paymentId, 'pending', 'charge requested');
    ledger.move(entry.paymentId, 'paid', 'ok', { providerReference: 'R1', payerHint: '13**6789' });
    ledger.move(entry.paymentId, 'delivered', 'issued');
    expect(() => ledger.move(entry.paymentId, 'refunding', 'too late')).toThrow(/delivered → refunding is not allowed/);
    expect(ledger.get(entry.paymentId)).toMatchObject({ state: 'delivered', providerReference: 'R1', payerHint: '13**6789' });
  });

  it('writes one outbox event per transition, in the same transaction, with deterministic ids', () => {
    const { ledger, open, outbox, store } = setup();
    const entry = open();
    ledger.move(entry.paymentId, 'pending', 'charge requested');
    const events = outbox();
    expect(events.map((e) => e.id)).toEqual([`payment-${entry.paymentId}-0`, `payment-${entry.paymentId}-1`]);
    expect(JSON.parse(events[1]!.payload)).toMatchObject({ paymentId: entry.paymentId, state: 'pending', previousState: 'created', amountFen: 1500 });
    // A transition whose outbox write fails does not happen at all.
    store.db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox_events BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    expect(() => ledger.move(entry.paymentId, 'paid', 'ok')).toThrow(/disk full/);
    expect(ledger.get(entry.paymentId)?.state).toBe('pending');
    expect(ledger.transitions(entry.paymentId)).toHaveLength(1);
  });

  it('keeps the transition log append-only', () => {
    const { ledger, open, store } = setup();
    const entry = open();
    ledger.move(entry.paymentId, 'pending', 'charge requested');
    expect(() => store.db.prepare('DELETE FROM payment_transitions').run()).toThrow(/append-only/);
  });
  it('keeps the platform case number with the payment, and every fact for the platform names it', async () => {
    const { ledger, payments, outbox, provider } = setup();
    const entry = payments.open({ caseId: 'endo-7f3a', caseNumber: 'CR2026112300042', serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen: 1500 });
    expect(ledger.get(entry.paymentId)).toMatchObject({ caseId: 'endo-7f3a', caseNumber: 'CR2026112300042' });
    const asked: unknown[] = [];
    const scripted = provider.charge.bind(provider);
    provider.charge = (request) => (asked.push((request as { caseNumber?: unknown }).caseNumber), scripted(request));
    await payments.charge(entry.paymentId, { description: 'endorsement' });
    // The order asked of the platform names the case by its number, not by the flow's reference.
    expect(asked).toEqual(['CR2026112300042']);
    const facts = outbox().map((e) => JSON.parse(e.payload) as { caseNumber: unknown });
    expect(facts.length).toBeGreaterThanOrEqual(3);
    expect(facts.every((f) => f.caseNumber === 'CR2026112300042')).toBe(true);
    // A payment opened without one (a flow that has no platform case yet) says so with null.
    const plain = payments.open({ caseId: 'case-2', serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen: 1500 });
    expect(ledger.get(plain.paymentId)?.caseNumber).toBeNull();
  });
});

describe('PaymentService', () => {
  it('charges once and ends paid; delivery makes it final', async () => {
    const { payments, provider, ledger, open } = setup();
    const entry = open();
    const result = await payments.charge(entry.paymentId, { paymentCode: '134567890123456789', description: '签注' });
    expect(result).toMatchObject({ outcome: 'paid', entry: { state: 'paid', providerReference: 'REF-1' } });
    payments.delivered(entry.paymentId, 'endorsement issued');
    expect(states(ledger, entry.paymentId)).toEqual(['pending', 'paid', 'delivered']);
    expect(provider.calls).toEqual([{ op: 'charge', key: entry.paymentId }]);
    expect(entry.paymentId.length).toBeLessThanOrEqual(32);
  });

  it('never stores the payment code itself', async () => {
    const { payments, open, store } = setup();
    const entry = open();
    await payments.charge(entry.paymentId, { paymentCode: '134567890123456789', description: 'x' });
    const dump = JSON.stringify([store.db.prepare('SELECT * FROM payments').all(), store.db.prepare('SELECT * FROM outbox_events').all()]);
    expect(dump).not.toContain('134567890123456789');
  });

  it('unknown, then paid on query: the charge is not repeated', async () => {
    const provider = new ScriptedPaymentProvider({ charge: [{ kind: 'unknown', reason: 'timeout' }], query: [{ kind: 'waiting' }, { kind: 'paid', providerReference: 'REF-9' }] });
    const { payments, open, ledger } = setup(provider);
    const entry = open();
    const result = await payments.charge(entry.paymentId, { description: 'x' });
    expect(result).toMatchObject({ outcome: 'paid', entry: { providerReference: 'REF-9' } });
    expect(provider.count('charge')).toBe(1);
    expect(provider.count('query')).toBe(2);
    expect(states(ledger, entry.paymentId)).toEqual(['pending', 'paid']);
  });

  it('unknown for 45 s: reversed, nothing kept', async () => {
    const provider = new ScriptedPaymentProvider({ charge: [{ kind: 'waiting' }], query: [{ kind: 'waiting' }], reverse: [{ kind: 'unknown', reason: 'timeout' }, { kind: 'reversed' }] });
    const { payments, open, ledger, clock } = setup(provider);
    const entry = open();
    const started = clock.now();
    const result = await payments.charge(entry.paymentId, { description: 'x' });
    expect(result).toMatchObject({ outcome: 'not-charged', reason: 'reversed', entry: { state: 'reversed' } });
    expect(provider.count('query')).toBe(15); // every 3 s for 45 s
    expect(provider.count('reverse')).toBe(2);
    expect(clock.now() - started).toBeGreaterThanOrEqual(45_000);
    expect(states(ledger, entry.paymentId)).toEqual(['pending', 'reversed']);
  });

  it('a reverse that comes too late finds the payment settled: paid, not lost', async () => {
    const provider = new ScriptedPaymentProvider({
      charge: [{ kind: 'unknown', reason: 'reset' }],
      query: [...Array.from({ length: 15 }, () => ({ kind: 'unknown' as const, reason: 'x' })), { kind: 'paid', providerReference: 'LATE' }],
      reverse: [{ kind: 'too-late' }],
    });
    const { payments, open } = setup(provider);
    const result = await payments.charge(open().paymentId, { description: 'x' });
    expect(result).toMatchObject({ outcome: 'paid', entry: { providerReference: 'LATE' } });
  });

  it('a reversal that can never be confirmed goes to staff, audited', async () => {
    const provider = new ScriptedPaymentProvider({ charge: [{ kind: 'unknown', reason: 'x' }], query: [{ kind: 'unknown', reason: 'x' }], reverse: [{ kind: 'unknown', reason: 'x' }] });
    const { payments, open, audit } = setup(provider);
    const result = await payments.charge(open().paymentId, { description: 'x' });
    expect(result).toMatchObject({ outcome: 'handed-to-staff', entry: { state: 'handed-to-staff' } });
    expect(audit.actions()).toContain('payment.handed-to-staff');
  });

  it('declined: nothing charged, final', async () => {
    const provider = new ScriptedPaymentProvider({ charge: [{ kind: 'declined', reason: 'NOTENOUGH', message: { 'zh-CN': '余额不足', en: 'Insufficient funds' } }] });
    const { payments, open } = setup(provider);
    expect(await payments.charge(open().paymentId, { description: 'x' })).toMatchObject({ outcome: 'not-charged', reason: 'declined', entry: { state: 'declined' } });
  });

  it('refunds with one refund key across retries; a rejected refund goes to staff', async () => {
    const provider = new ScriptedPaymentProvider({ refund: [{ kind: 'unknown', reason: 'timeout' }, { kind: 'accepted' }, { kind: 'refunded', refundReference: 'RF1' }] });
    const { payments, open, ledger } = setup(provider);
    const entry = open();
    await payments.charge(entry.paymentId, { description: 'x' });
    const refunded = await payments.refund(entry.paymentId, 'issuing failed');
    expect(refunded).toMatchObject({ state: 'refunded', detail: { refundReference: 'RF1' } });
    const refundCalls = provider.calls.filter((c) => c.op === 'refund');
    expect(refundCalls).toHaveLength(3);
    expect(new Set(refundCalls.map((c) => c.refundKey)).size).toBe(1);
    expect(states(ledger, entry.paymentId)).toEqual(['pending', 'paid', 'refunding', 'refunded']);

    const rejecting = setup(new ScriptedPaymentProvider({ refund: [{ kind: 'rejected', reason: 'order too old' }] }));
    const second = rejecting.open();
    await rejecting.payments.charge(second.paymentId, { description: 'x' });
    expect(await rejecting.payments.refund(second.paymentId, 'issuing failed')).toMatchObject({ state: 'handed-to-staff' });
  });

  it('recovery after a crash: never-sent cancelled, pending resolved by query, refunds finished, paid returned to the flow', async () => {
    const file = path.join(tempDir(), 'kiosk.db');
    const first = setup(new ScriptedPaymentProvider(), file);
    const neverSent = first.open();
    const pending = first.open();
    first.ledger.move(pending.paymentId, 'pending', 'charge requested'); // crash right after
    const paid = first.open();
    await first.payments.charge(paid.paymentId, { description: 'x' });
    const refunding = first.open();
    await first.payments.charge(refunding.paymentId, { description: 'x' });
    first.ledger.move(refunding.paymentId, 'refunding', 'issuing failed'); // crash before the refund call
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);

    const provider = new ScriptedPaymentProvider({ query: [{ kind: 'paid', providerReference: 'REC' }], refund: [{ kind: 'refunded' }] });
    const second = setup(provider, file);
    const { settled, paidAwaitingDelivery } = await second.payments.recover();
    expect(second.ledger.get(neverSent.paymentId)?.state).toBe('cancelled');
    expect(second.ledger.get(refunding.paymentId)?.state).toBe('refunded');
    expect(paidAwaitingDelivery.map((e) => e.paymentId).sort()).toEqual([pending.paymentId, paid.paymentId].sort());
    expect(settled).toHaveLength(2);
    expect(provider.count('charge')).toBe(0);
    expect(second.ledger.unfinished().map((e) => e.state)).toEqual(['paid', 'paid']);
  });
});
