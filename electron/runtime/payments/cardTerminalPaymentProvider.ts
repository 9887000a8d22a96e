import type { DeviceOperationReply } from '../../../drivers/host/deviceOperation.js';
import type { CardQueryOutcome, CardTerminalOutcome } from '../../../drivers/payment/ecr/cardTerminal.js';
import type { EcrTransactionRecord } from '../../../drivers/payment/ecr/ecrResponse.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { ChargeOutcome, ChargeQueryOutcome, PaidFacts, PaymentProvider, RefundOutcome, ReverseOutcome } from './paymentProvider.js';

/**
 * Bank-card payments on the terminal's MIS-POS, through the device layer. The ledger's
 * idempotency key is the ECR caller reference, so "what happened to this payment?" is a
 * query-last with the same reference, never a second sale (research/payment.md §3.7).
 * Reversal is a void of the same-day sale (消费撤销); a refund (退货) needs the original
 * reference number and date, which the ledger keeps from the approval.
 */
export class CardTerminalPaymentProvider implements PaymentProvider {
  constructor(
    private readonly devices: DeviceManager,
    private readonly deviceId: string,
    /** Local date as YYYYMMDD, kept with the approval for refunds on later days. */
    private readonly today: () => string,
  ) {}

  async charge(request: { idempotencyKey: string; amountFen: number }): Promise<ChargeOutcome> {
    const reply = await this.devices.perform(this.deviceId, { op: 'card.sale', reference: request.idempotencyKey, amountFen: request.amountFen });
    if (!reply.ok) return hostFailure(reply);
    return this.fromOutcome(reply.result);
  }

  async query(request: { idempotencyKey: string }): Promise<ChargeQueryOutcome> {
    const reply = await this.devices.perform(this.deviceId, { op: 'card.query-last', reference: request.idempotencyKey });
    if (!reply.ok) return { kind: 'unknown', reason: reply.failure.reason };
    const outcome: CardQueryOutcome = reply.result;
    switch (outcome.outcome) {
      case 'approved':
        return { kind: 'paid', ...this.facts(outcome.transaction) };
      case 'declined':
        return { kind: 'declined', reason: `response code ${outcome.responseCode}` };
      case 'cancelled':
        return { kind: 'declined', reason: 'cancelled at the terminal' };
      case 'not-found':
        // The terminal's last transaction is another one: this sale never executed.
        return { kind: 'not-found' };
      case 'unknown':
      case 'not-sent':
        return { kind: 'unknown', reason: outcome.reason };
    }
  }

  async reverse(request: { idempotencyKey: string; amountFen: number; detail: Record<string, string> }): Promise<ReverseOutcome> {
    let voucherNo = request.detail.voucherNo;
    if (!voucherNo) {
      const found = await this.query({ idempotencyKey: request.idempotencyKey });
      if (found.kind === 'not-found' || found.kind === 'declined') return { kind: 'reversed' };
      if (found.kind !== 'paid' || !found.detail?.voucherNo) return { kind: 'unknown', reason: `sale state ${found.kind}` };
      voucherNo = found.detail.voucherNo;
    }
    const reply = await this.devices.perform(this.deviceId, {
      op: 'card.void',
      reference: `${request.idempotencyKey}-v`.slice(0, 32),
      amountFen: request.amountFen,
      originalVoucherNo: voucherNo,
    });
    if (!reply.ok) return { kind: 'unknown', reason: reply.failure.reason };
    if (reply.result.outcome === 'approved') return { kind: 'reversed' };
    // A void is refused once the batch is settled: the money stays, a refund must follow.
    if (reply.result.outcome === 'declined') return { kind: 'too-late' };
    return { kind: 'unknown', reason: reply.result.outcome };
  }

  async refund(request: { refundKey: string; amountFen: number; detail: Record<string, string> }): Promise<RefundOutcome> {
    const { referenceNo, date } = request.detail;
    if (!referenceNo || !date) return { kind: 'rejected', reason: 'the approval carried no reference number or date to refund against' };
    const reply = await this.devices.perform(this.deviceId, {
      op: 'card.refund',
      reference: request.refundKey.slice(0, 32),
      amountFen: request.amountFen,
      originalReferenceNo: referenceNo,
      originalDate: date,
    });
    if (!reply.ok) return { kind: 'unknown', reason: reply.failure.reason };
    const outcome: CardTerminalOutcome = reply.result;
    if (outcome.outcome === 'approved') return { kind: 'refunded', refundReference: outcome.transaction.referenceNo };
    if (outcome.outcome === 'declined') return { kind: 'rejected', reason: `response code ${outcome.responseCode}` };
    return { kind: 'unknown', reason: outcome.outcome === 'cancelled' ? 'cancelled at the terminal' : outcome.reason };
  }

  private fromOutcome(outcome: CardTerminalOutcome): ChargeOutcome {
    switch (outcome.outcome) {
      case 'approved':
        return { kind: 'paid', ...this.facts(outcome.transaction) };
      case 'declined':
        return {
          kind: 'declined',
          reason: `response code ${outcome.responseCode}`,
          message: { 'zh-CN': '银行卡交易未成功，请换卡或改用其他方式支付', en: 'The card payment did not go through. Try another card or another way to pay.' },
        };
      case 'cancelled':
        return { kind: 'declined', reason: 'cancelled at the terminal', message: { 'zh-CN': '已在刷卡终端取消', en: 'Cancelled on the card terminal.' } };
      case 'not-sent':
        return { kind: 'not-sent', reason: outcome.reason };
      case 'unknown':
        return { kind: 'unknown', reason: outcome.reason };
    }
  }

  private facts(transaction: EcrTransactionRecord): PaidFacts {
    const detail: Record<string, string> = { date: this.today() };
    if (transaction.voucherNo) detail.voucherNo = transaction.voucherNo;
    if (transaction.referenceNo) detail.referenceNo = transaction.referenceNo;
    if (transaction.batchNo) detail.batchNo = transaction.batchNo;
    return { providerReference: transaction.referenceNo ?? transaction.reference, payerHint: transaction.maskedPan, detail };
  }
}

/** YYYYMMDD in the terminal's local time: the day a card refund names as the original one. */
export function localCardDate(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** Failures that prove the sale never reached the terminal; any other may have (host gone mid-sale). */
const NEVER_SENT = new Set(['unknown-device', 'wrong-kind', 'no-driver', 'invalid-operation', 'not-simulated']);

function hostFailure(reply: Extract<DeviceOperationReply, { ok: false }>): ChargeOutcome {
  if (NEVER_SENT.has(reply.failure.reason)) return { kind: 'not-sent', reason: reply.failure.reason };
  // Money-safe default: the request may have left before the device host went away. Query next.
  return { kind: 'unknown', reason: `${reply.failure.reason}: ${reply.failure.detail ?? ''}` };
}
