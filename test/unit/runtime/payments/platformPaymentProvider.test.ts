import { describe, expect, it } from 'vitest';
import type { PaymentOrder } from '../../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../../electron/platform/platformOutcome.js';
import { PlatformPaymentProvider, type PlatformPaymentsPort } from '../../../../electron/runtime/payments/platformPaymentProvider.js';

const order = (state: PaymentOrder['state'], extra: Partial<PaymentOrder> = {}): PaymentOrder => ({
  orderId: 'ORD-1',
  idempotencyKey: 'pay-1',
  caseNumber: 'CASE-1',
  service: 'exit-entry-endorsement',
  method: 'payment-code',
  amountFen: 1500,
  state,
  createdAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:00:00Z',
  paidAt: null,
  failure: null,
  channel: 'wechat',
  payerReference: '13**********6789',
  qr: null,
  card: null,
  refundedFen: 0,
  refunds: [],
  ...extra,
});

const ok = <T>(value: T): PlatformOutcome<T> => ({ kind: 'ok', status: 200, value });
const notFound: PlatformOutcome<never> = { kind: 'rejected', status: 404, error: { code: 'not-found', message: { 'zh-CN': '无', en: 'none' }, retryable: false } };

/** A platform port answering from fixed outcomes, recording what it was asked. */
function port(answers: Partial<{ [K in keyof PlatformPaymentsPort]: Awaited<ReturnType<PlatformPaymentsPort[K]>> }>) {
  const calls: Array<{ op: string; body: unknown }> = [];
  const answer = (op: keyof PlatformPaymentsPort, body: unknown) => {
    calls.push({ op, body });
    const value = answers[op];
    if (!value) throw new Error(`no answer for ${op}`);
    return Promise.resolve(value);
  };
  const p: PlatformPaymentsPort = {
    createPaymentOrder: (body) => answer('createPaymentOrder', body) as never,
    queryPaymentOrder: (key) => answer('queryPaymentOrder', key) as never,
    reversePaymentOrder: (key, body) => answer('reversePaymentOrder', { key, body }) as never,
    refundPaymentOrder: (key, body) => answer('refundPaymentOrder', { key, body }) as never,
  };
  return { p, calls };
}

const request = { idempotencyKey: 'pay-1', amountFen: 1500, paymentCode: '134567890123456789', description: '签注', caseNumber: 'CASE-1', serviceKind: 'exit-entry-endorsement', items: [{ code: 'once', amountFen: 1500 }] };

describe('PlatformPaymentProvider', () => {
  it('creates one order under the ledger key, with the code only for payment-code', async () => {
    const { p, calls } = port({ createPaymentOrder: ok({ order: order('paid'), replayed: false }) });
    expect(await new PlatformPaymentProvider(p, 'payment-code').charge(request)).toEqual({
      kind: 'paid',
      providerReference: 'ORD-1',
      payerHint: '13**********6789',
      detail: { channel: 'wechat' },
    });
    expect(calls[0]!.body).toMatchObject({ idempotencyKey: 'pay-1', caseNumber: 'CASE-1', method: 'payment-code', paymentCode: request.paymentCode, items: request.items });
    const qr = port({ createPaymentOrder: ok({ order: order('pending', { qr: { content: 'https://pay.example/q/1', expiresAt: '2026-11-23T10:05:00Z' } }), replayed: false }) });
    expect(await new PlatformPaymentProvider(qr.p, 'qr').charge(request)).toEqual({
      kind: 'waiting',
      providerReference: 'ORD-1',
      qrPayload: 'https://pay.example/q/1',
      // Five minutes from the order's creation, both on the platform's clock.
      qrValidForMs: 300_000,
    });
    expect(qr.calls[0]!.body).not.toHaveProperty('paymentCode');
  });

  it('maps what the platform says to money-safe outcomes', async () => {
    const charge = (outcome: Awaited<ReturnType<PlatformPaymentsPort['createPaymentOrder']>>) =>
      new PlatformPaymentProvider(port({ createPaymentOrder: outcome }).p, 'payment-code').charge(request);
    expect(await charge({ kind: 'unknown', reason: 'timeout-after-send', detail: 'x' })).toMatchObject({ kind: 'unknown' });
    expect(await charge({ kind: 'unavailable', reason: 'network', detail: 'refused' })).toMatchObject({ kind: 'not-sent' });
    expect(await charge(ok({ order: order('failed', { failure: { code: 'NOTENOUGH', message: { 'zh-CN': '余额不足', en: 'Insufficient funds' } } }), replayed: false }))).toMatchObject({
      kind: 'declined',
      reason: 'NOTENOUGH',
      message: { en: 'Insufficient funds' },
    });
  });

  it('queries, reverses and refunds by the same key', async () => {
    const provider = (answers: Parameters<typeof port>[0]) => new PlatformPaymentProvider(port(answers).p, 'payment-code');
    expect(await provider({ queryPaymentOrder: notFound }).query({ idempotencyKey: 'pay-1' })).toEqual({ kind: 'not-found' });
    expect(await provider({ queryPaymentOrder: ok(order('pending')) }).query({ idempotencyKey: 'pay-1' })).toEqual({ kind: 'waiting' });
    expect(await provider({ reversePaymentOrder: ok(order('reversed')) }).reverse({ idempotencyKey: 'pay-1' })).toEqual({ kind: 'reversed' });
    expect(await provider({ reversePaymentOrder: ok(order('paid')) }).reverse({ idempotencyKey: 'pay-1' })).toEqual({ kind: 'too-late' });
    expect(await provider({ reversePaymentOrder: notFound }).reverse({ idempotencyKey: 'pay-1' })).toEqual({ kind: 'reversed' });
    // A pending QR order names its code again (a restarted terminal shows the same one).
    const qrOrder = order('pending', { method: 'qr', qr: { content: 'https://pay.example/q/1', expiresAt: '2026-11-23T12:00:00Z' } });
    expect(await provider({ queryPaymentOrder: ok(qrOrder) }).query({ idempotencyKey: 'pay-1' })).toEqual({
      kind: 'waiting',
      qrPayload: 'https://pay.example/q/1',
      qrValidForMs: 2 * 3_600_000,
    });
    const refund = (state: 'succeeded' | 'pending' | 'failed') => ok({ refund: { refundKey: 'pay-1-r', amountFen: 1500, state, reason: 'issue-failed' as const, createdAt: 'x' }, order: order('refunded'), replayed: false });
    expect(await provider({ refundPaymentOrder: refund('succeeded') }).refund({ idempotencyKey: 'pay-1', refundKey: 'pay-1-r', amountFen: 1500 })).toMatchObject({ kind: 'refunded' });
    expect(await provider({ refundPaymentOrder: refund('pending') }).refund({ idempotencyKey: 'pay-1', refundKey: 'pay-1-r', amountFen: 1500 })).toEqual({ kind: 'accepted' });
    expect(await provider({ refundPaymentOrder: { kind: 'unknown', reason: 'connection-lost-after-send', detail: '' } }).refund({ idempotencyKey: 'pay-1', refundKey: 'pay-1-r', amountFen: 1500 })).toMatchObject({ kind: 'unknown' });
  });

  it('tells the platform why an order is reversed: no clear answer by default, the payer out of time, or the citizen cancelling', async () => {
    const bodies: unknown[] = [];
    for (const reason of [undefined, 'payer-timeout', 'cancelled-by-citizen'] as const) {
      const { p, calls } = port({ reversePaymentOrder: ok(order('reversed', { method: 'qr' })) });
      expect(await new PlatformPaymentProvider(p, 'qr').reverse({ idempotencyKey: 'pay-1', ...(reason ? { reason } : {}) })).toEqual({ kind: 'reversed' });
      bodies.push(calls[0]!.body);
    }
    expect(bodies).toEqual([
      { key: 'pay-1', body: { reason: 'unknown-outcome' } },
      { key: 'pay-1', body: { reason: 'payer-timeout' } },
      { key: 'pay-1', body: { reason: 'cancelled-by-citizen' } },
    ]);
  });
});
