import type {
  ChargeOutcome,
  ChargeQueryOutcome,
  PaymentProvider,
  RefundOutcome,
  ReverseOutcome,
} from '../../../../electron/runtime/payments/paymentProvider.js';

/**
 * A test double for a payment provider: answers from scripts (the last answer repeats) and
 * records every call with its idempotency key, so tests can check that nothing was charged twice.
 */
export class ScriptedPaymentProvider implements PaymentProvider {
  readonly calls: Array<{ op: 'charge' | 'query' | 'reverse' | 'refund'; key: string; refundKey?: string }> = [];
  constructor(
    private readonly script: {
      charge?: ChargeOutcome[];
      query?: ChargeQueryOutcome[];
      reverse?: ReverseOutcome[];
      refund?: RefundOutcome[];
    } = {},
  ) {}
  async charge(request: { idempotencyKey: string }): Promise<ChargeOutcome> {
    this.calls.push({ op: 'charge', key: request.idempotencyKey });
    return next(this.script.charge, { kind: 'paid', providerReference: 'REF-1', payerHint: '13**********6789' });
  }
  async query(request: { idempotencyKey: string }): Promise<ChargeQueryOutcome> {
    this.calls.push({ op: 'query', key: request.idempotencyKey });
    return next(this.script.query, { kind: 'unknown', reason: 'no script' });
  }
  async reverse(request: { idempotencyKey: string }): Promise<ReverseOutcome> {
    this.calls.push({ op: 'reverse', key: request.idempotencyKey });
    return next(this.script.reverse, { kind: 'reversed' });
  }
  async refund(request: { idempotencyKey: string; refundKey: string }): Promise<RefundOutcome> {
    this.calls.push({ op: 'refund', key: request.idempotencyKey, refundKey: request.refundKey });
    return next(this.script.refund, { kind: 'refunded' });
  }
  count(op: 'charge' | 'query' | 'reverse' | 'refund'): number {
    return this.calls.filter((c) => c.op === op).length;
  }
}

function next<T>(list: T[] | undefined, fallback: T): T {
  if (!list || list.length === 0) return fallback;
  return list.length === 1 ? list[0]! : list.shift()!;
}
