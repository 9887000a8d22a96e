import type { PlatformClient } from '../../../electron/platform/platformClient.js';
import type { PaymentOrder, ServiceKind } from '../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../electron/platform/platformOutcome.js';
import type { ChargeOutcome, ChargeQueryOutcome, ChargeRequest, PaidFacts, PaymentProvider, RefundOutcome, ReverseOutcome, ReverseReason } from './paymentProvider.js';

export type PlatformPaymentsPort = Pick<PlatformClient, 'createPaymentOrder' | 'queryPaymentOrder' | 'reversePaymentOrder' | 'refundPaymentOrder'>;

const DECLINED_MESSAGE = { 'zh-CN': '支付未成功，请换一种方式支付', en: 'The payment did not go through. Please try another way to pay.' };

/**
 * Payment codes (反扫) and QR codes (正扫) through the provincial platform's payment orders: the
 * kiosk holds no acquirer credentials (research/payment.md §1.8). The ledger's payment id is the
 * order's idempotency key, so a repeated create is a replay on the platform, never a second order.
 */
export class PlatformPaymentProvider implements PaymentProvider {
  constructor(
    private readonly platform: PlatformPaymentsPort,
    private readonly method: 'payment-code' | 'qr',
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const outcome = await this.platform.createPaymentOrder({
      idempotencyKey: request.idempotencyKey,
      caseNumber: request.caseNumber,
      service: request.serviceKind as ServiceKind,
      method: this.method,
      amountFen: request.amountFen,
      items: request.items,
      ...(this.method === 'payment-code' && request.paymentCode ? { paymentCode: request.paymentCode } : {}),
    });
    switch (outcome.kind) {
      case 'ok':
        return fromOrder(outcome.value.order);
      case 'rejected':
        return { kind: 'declined', reason: `${outcome.error.code}`, message: outcome.error.message };
      case 'unavailable':
        return { kind: 'not-sent', reason: `${outcome.reason}: ${outcome.detail}` };
      case 'unknown':
        return { kind: 'unknown', reason: `${outcome.reason}: ${outcome.detail}` };
    }
  }

  async query(request: { idempotencyKey: string }): Promise<ChargeQueryOutcome> {
    const outcome = await this.platform.queryPaymentOrder(request.idempotencyKey);
    if (outcome.kind === 'ok') {
      const order = outcome.value;
      if (order.state === 'paid' || order.state === 'refunded') return { kind: 'paid', ...facts(order) };
      if (order.state === 'pending') return { kind: 'waiting', ...qrOf(order) };
      if (order.state === 'failed') return { kind: 'declined', reason: order.failure?.code ?? 'failed' };
      // Reversed by someone (the platform's own sweeper): nothing is kept.
      return { kind: 'declined', reason: 'reversed at the platform' };
    }
    if (outcome.kind === 'rejected' && outcome.status === 404) return { kind: 'not-found' };
    return { kind: 'unknown', reason: describe(outcome) };
  }

  async reverse(request: { idempotencyKey: string; reason?: ReverseReason }): Promise<ReverseOutcome> {
    const outcome = await this.platform.reversePaymentOrder(request.idempotencyKey, { reason: request.reason ?? 'unknown-outcome' });
    if (outcome.kind === 'ok') {
      if (outcome.value.state === 'reversed' || outcome.value.state === 'failed') return { kind: 'reversed' };
      if (outcome.value.state === 'paid') return { kind: 'too-late' };
      return { kind: 'unknown', reason: `order still ${outcome.value.state}` };
    }
    // No order under this key: the create never arrived, so nothing was taken.
    if (outcome.kind === 'rejected' && outcome.status === 404) return { kind: 'reversed' };
    if (outcome.kind === 'rejected' && outcome.error.code === 'already-paid') return { kind: 'too-late' };
    return { kind: 'unknown', reason: describe(outcome) };
  }

  async refund(request: { idempotencyKey: string; refundKey: string; amountFen: number }): Promise<RefundOutcome> {
    const outcome = await this.platform.refundPaymentOrder(request.idempotencyKey, { refundKey: request.refundKey, amountFen: request.amountFen, reason: 'issue-failed' });
    if (outcome.kind === 'ok') {
      const { refund } = outcome.value;
      if (refund.state === 'succeeded') return { kind: 'refunded', refundReference: refund.refundKey };
      if (refund.state === 'pending') return { kind: 'accepted' };
      return { kind: 'rejected', reason: 'the platform refused the refund' };
    }
    if (outcome.kind === 'rejected' && !outcome.error.retryable) return { kind: 'rejected', reason: outcome.error.code };
    return { kind: 'unknown', reason: describe(outcome) };
  }
}

function fromOrder(order: PaymentOrder): ChargeOutcome {
  switch (order.state) {
    case 'paid':
    case 'refunded':
      return { kind: 'paid', ...facts(order) };
    case 'pending':
      return { kind: 'waiting', providerReference: order.orderId, ...qrOf(order) };
    case 'failed':
      return { kind: 'declined', reason: order.failure?.code ?? 'failed', message: order.failure?.message ?? DECLINED_MESSAGE };
    case 'reversed':
      return { kind: 'declined', reason: 'reversed', message: DECLINED_MESSAGE };
  }
}

/**
 * The code a QR order is paid with, and how long it stays payable (the payment service caps it):
 * both instants are the platform's, so their difference holds on any terminal clock.
 */
function qrOf(order: PaymentOrder): { qrPayload?: string; qrValidForMs?: number } {
  if (!order.qr) return {};
  const validForMs = Date.parse(order.qr.expiresAt) - Date.parse(order.createdAt);
  return Number.isFinite(validForMs) ? { qrPayload: order.qr.content, qrValidForMs: validForMs } : { qrPayload: order.qr.content };
}

function facts(order: PaymentOrder): PaidFacts {
  const detail: Record<string, string> = {};
  if (order.channel) detail.channel = order.channel;
  return { providerReference: order.orderId, ...(order.payerReference ? { payerHint: order.payerReference } : {}), detail };
}

function describe(outcome: Exclude<PlatformOutcome<unknown>, { kind: 'ok' }>): string {
  if (outcome.kind === 'rejected') return `rejected ${outcome.status} ${outcome.error.code}`;
  return `${outcome.kind} ${outcome.reason}: ${outcome.detail}`;
}
