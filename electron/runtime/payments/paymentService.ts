import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PaymentEntry, PaymentLedger } from './paymentLedger.js';
import type { ChargeOutcome, PaidFacts, PaymentProvider } from './paymentProvider.js';
import type { PaymentMethod, PaymentState } from './paymentState.js';

/** How long to wait on an unclear payment before reversing it, and how often to ask. */
export interface PaymentPolicy {
  /** Query interval while a charge is waiting or unknown (WeChat: 10 s; Alipay: 3-5 s). */
  pollIntervalMs: number;
  /** After this long pending, reverse (WeChat micropay: 45 s). */
  maxPendingMs: number;
  /** Reverse attempts before the payment goes to staff. */
  reverseAttempts: number;
  /** Refund attempts that end unclear before the payment goes to staff. */
  refundAttempts: number;
}

export const DEFAULT_PAYMENT_POLICY: PaymentPolicy = { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 5, refundAttempts: 5 };

/** Where a charge ended, for the flow: paid (deliver next), or not charged (and why), or staff. */
export type ChargeResolution =
  | { outcome: 'paid'; entry: PaymentEntry }
  | { outcome: 'not-charged'; entry: PaymentEntry; reason: 'declined' | 'reversed' | 'not-sent' }
  | { outcome: 'handed-to-staff'; entry: PaymentEntry };

export interface PaymentServiceDeps {
  ledger: PaymentLedger;
  providers: Readonly<Record<PaymentMethod, PaymentProvider>>;
  clock: Clock;
  audit: AuditSink;
  logger: Logger;
  policy?: Partial<PaymentPolicy>;
  /** Waits; the clock's timers by default (tests advance a fake clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Told when a payment state changes, e.g. to wake the sync agent or refresh the screen. */
  onChange?: (entry: PaymentEntry) => void;
}

/**
 * Takes, settles and returns money through the ledger. Rules (research/payment.md §1.3, §4):
 * the ledger moves before every provider call; one idempotency key per attempt, reused by every
 * retry; an unclear answer is queried, never repeated; a charge still unclear after the
 * policy's time is reversed; a refund that cannot be confirmed goes to staff. Nothing here
 * throws at the flow: every path ends in a ledger state.
 */
export class PaymentService {
  private readonly policy: PaymentPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: PaymentServiceDeps) {
    this.policy = { ...DEFAULT_PAYMENT_POLICY, ...deps.policy };
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => deps.clock.setTimeout(resolve, ms)));
  }

  /** A new payment attempt for a case (nothing sent yet). */
  open(request: { caseId: string; serviceKind: string; method: PaymentMethod; amountFen: number }): PaymentEntry {
    const entry = this.deps.ledger.create({ ...request, paymentId: newPaymentId(this.deps.clock.now()) });
    this.changed(entry);
    return entry;
  }

  /** The citizen gave up before anything was sent. */
  cancel(paymentId: string, reason: string): PaymentEntry {
    return this.move(paymentId, 'cancelled', reason);
  }

  /**
   * Charges an open payment and follows it to a definite end: paid, declined, reversed, or
   * (reversal impossible to confirm) handed to staff. `onWaiting` hears of a QR to show or a
   * payer still confirming.
   */
  async charge(
    paymentId: string,
    input: {
      paymentCode?: string;
      description: string;
      /** The platform case number; the ledger's case id when absent. */
      caseNumber?: string;
      /** Fee items; one item of the whole amount under `description` when absent. */
      items?: Array<{ code: string; amountFen: number }>;
      onWaiting?: (info: { qrPayload?: string }) => void;
    },
  ): Promise<ChargeResolution> {
    const entry = this.require(paymentId);
    if (entry.state !== 'created') return this.settlePending(entry, input.onWaiting);
    const provider = this.deps.providers[entry.method];
    this.move(paymentId, 'pending', 'charge requested');
    let outcome: ChargeOutcome;
    try {
      outcome = await provider.charge({
        idempotencyKey: paymentId,
        amountFen: entry.amountFen,
        paymentCode: input.paymentCode,
        description: input.description,
        caseNumber: input.caseNumber ?? entry.caseId,
        serviceKind: entry.serviceKind,
        items: input.items ?? [{ code: 'fee', amountFen: entry.amountFen }],
      });
    } catch (error) {
      outcome = { kind: 'unknown', reason: `provider threw: ${errorText(error)}` };
    }
    switch (outcome.kind) {
      case 'paid':
        return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'provider confirmed', paidFacts(outcome)) };
      case 'declined':
        return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `declined: ${outcome.reason}`), reason: 'declined' };
      case 'not-sent':
        // Nothing reached the provider; the attempt is over (a new attempt gets a new key).
        return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `not sent: ${outcome.reason}`), reason: 'not-sent' };
      case 'waiting':
        input.onWaiting?.({ qrPayload: outcome.qrPayload });
        return this.settlePending(this.require(paymentId), input.onWaiting, outcome.providerReference);
      case 'unknown':
        this.deps.logger.warn('payment outcome unknown; querying', { paymentId, reason: outcome.reason });
        return this.settlePending(this.require(paymentId), input.onWaiting);
    }
  }

  /** The service was delivered: the payment is final. */
  delivered(paymentId: string, reason: string): PaymentEntry {
    return this.move(paymentId, 'delivered', reason);
  }

  /** Paid but the service cannot be delivered: give the money back, or hand the case to staff. */
  async refund(paymentId: string, reason: string): Promise<PaymentEntry> {
    let entry = this.require(paymentId);
    if (entry.state === 'paid') entry = this.move(paymentId, 'refunding', reason);
    if (entry.state !== 'refunding') return entry;
    const provider = this.deps.providers[entry.method];
    for (let attempt = 1; attempt <= this.policy.refundAttempts; attempt++) {
      let outcome;
      try {
        outcome = await provider.refund({
          idempotencyKey: paymentId,
          refundKey: `${paymentId}-r`,
          amountFen: entry.amountFen,
          providerReference: entry.providerReference,
          detail: entry.detail,
        });
      } catch (error) {
        outcome = { kind: 'unknown' as const, reason: `provider threw: ${errorText(error)}` };
      }
      if (outcome.kind === 'refunded') {
        return this.move(paymentId, 'refunded', 'provider confirmed the refund', outcome.refundReference ? { detail: { refundReference: outcome.refundReference } } : {});
      }
      if (outcome.kind === 'rejected') return this.toStaff(paymentId, `refund rejected: ${outcome.reason}`);
      if (attempt < this.policy.refundAttempts) await this.sleep(this.policy.pollIntervalMs);
    }
    return this.toStaff(paymentId, 'refund not confirmed after every attempt');
  }

  /** Staff take it from here (printed on the receipt with the case number). */
  handToStaff(paymentId: string, reason: string): PaymentEntry {
    return this.toStaff(paymentId, reason);
  }

  /**
   * At start-up, before a new citizen is served: attempts never sent are cancelled, unclear ones
   * are queried to a definite end, interrupted refunds are finished. Paid-but-undelivered
   * entries are returned: whether the service was delivered is the flow's question.
   */
  async recover(): Promise<{ settled: PaymentEntry[]; paidAwaitingDelivery: PaymentEntry[] }> {
    const settled: PaymentEntry[] = [];
    const paidAwaitingDelivery: PaymentEntry[] = [];
    for (const entry of this.deps.ledger.unfinished()) {
      try {
        if (entry.state === 'created') settled.push(this.move(entry.paymentId, 'cancelled', 'recovery: never sent'));
        else if (entry.state === 'pending') {
          const resolution = await this.settlePending(entry);
          if (resolution.outcome === 'paid') paidAwaitingDelivery.push(resolution.entry);
          else settled.push(resolution.entry);
        } else if (entry.state === 'refunding') settled.push(await this.refund(entry.paymentId, 'recovery: refund interrupted'));
        else if (entry.state === 'paid') paidAwaitingDelivery.push(entry);
      } catch (error) {
        this.deps.logger.error('payment recovery failed for an entry', { paymentId: entry.paymentId, error: errorText(error) });
      }
    }
    this.deps.audit.append({ actor: 'system', action: 'payments.recovered', detail: { settled: settled.length, paidAwaitingDelivery: paidAwaitingDelivery.length } });
    return { settled, paidAwaitingDelivery };
  }

  /** Query until definite; after maxPendingMs, reverse; if even that stays unclear, staff. */
  private async settlePending(entry: PaymentEntry, onWaiting?: (info: { qrPayload?: string }) => void, providerReference?: string): Promise<ChargeResolution> {
    const { paymentId } = entry;
    const provider = this.deps.providers[entry.method];
    const since = entry.pendingSince ?? this.deps.clock.now();
    while (this.deps.clock.now() - since < this.policy.maxPendingMs) {
      await this.sleep(this.policy.pollIntervalMs);
      const outcome = await provider.query({ idempotencyKey: paymentId }).catch((error: unknown) => ({ kind: 'unknown' as const, reason: errorText(error) }));
      if (outcome.kind === 'paid') return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'provider confirmed on query', paidFacts(outcome)) };
      if (outcome.kind === 'declined') return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `declined on query: ${outcome.reason}`), reason: 'declined' };
      if (outcome.kind === 'waiting') onWaiting?.({});
    }
    // Still unclear: cancel it at the provider. Reversing a charge that did settle refunds it.
    for (let attempt = 1; attempt <= this.policy.reverseAttempts; attempt++) {
      const current = this.require(paymentId);
      const outcome = await provider
        .reverse({ idempotencyKey: paymentId, amountFen: current.amountFen, providerReference: providerReference ?? current.providerReference, detail: current.detail })
        .catch((error: unknown) => ({ kind: 'unknown' as const, reason: errorText(error) }));
      if (outcome.kind === 'reversed') return { outcome: 'not-charged', entry: this.move(paymentId, 'reversed', 'reversed after no clear answer'), reason: 'reversed' };
      if (outcome.kind === 'too-late') {
        const settled = await provider.query({ idempotencyKey: paymentId }).catch(() => ({ kind: 'unknown' as const, reason: 'query failed' }));
        if (settled.kind === 'paid') return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'settled before it could be reversed', paidFacts(settled)) };
      }
      if (attempt < this.policy.reverseAttempts) await this.sleep(this.policy.pollIntervalMs);
    }
    return { outcome: 'handed-to-staff', entry: this.toStaff(paymentId, 'outcome unknown and reversal not confirmed') };
  }

  private toStaff(paymentId: string, reason: string): PaymentEntry {
    const entry = this.move(paymentId, 'handed-to-staff', reason);
    this.deps.audit.append({ actor: 'system', action: 'payment.handed-to-staff', detail: { paymentId, caseId: entry.caseId, amountFen: entry.amountFen, reason } });
    return entry;
  }

  private move(paymentId: string, to: PaymentState, reason: string, facts?: PaidFacts | Record<string, never> | { detail: Record<string, string> }): PaymentEntry {
    const entry = this.deps.ledger.move(paymentId, to, reason, facts);
    this.changed(entry);
    return entry;
  }

  private changed(entry: PaymentEntry): void {
    try {
      this.deps.onChange?.(entry);
    } catch (error) {
      this.deps.logger.error('payment change listener threw', { error: errorText(error) });
    }
  }

  private require(paymentId: string): PaymentEntry {
    const entry = this.deps.ledger.get(paymentId);
    if (!entry) throw new Error(`no payment ${paymentId}`);
    return entry;
  }
}

function paidFacts(outcome: PaidFacts): PaidFacts {
  return { providerReference: outcome.providerReference, payerHint: outcome.payerHint, detail: outcome.detail };
}

/** Short enough for every provider's order-number field (≤ 32 of [A-Za-z0-9-]), unique per attempt. */
function newPaymentId(now: number): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `pay-${now.toString(36)}-${random}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
