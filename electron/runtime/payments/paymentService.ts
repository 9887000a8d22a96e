import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PaymentEntry, PaymentLedger } from './paymentLedger.js';
import type { ChargeOutcome, ChargeQueryOutcome, PaidFacts, PaymentProvider, ReverseReason } from './paymentProvider.js';
import type { PaymentMethod, PaymentState } from './paymentState.js';
import { isShowableQrContent, qrDeadline, type QrToShow } from './qrCode.js';

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
  /**
   * How long a QR code (正扫) shown on the screen waits for the payer's phone, from when the
   * order went out; the platform's own expiry of the code may end it sooner. A citizen needs
   * longer than for a payment code: open the wallet, scan, confirm.
   */
  qrWaitMs: number;
}

export const DEFAULT_PAYMENT_POLICY: PaymentPolicy = { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 5, refundAttempts: 5, qrWaitMs: 300_000 };

/** Where a charge ended, for the flow: paid (deliver next), or not charged (and why), or staff. */
export type ChargeResolution =
  | { outcome: 'paid'; entry: PaymentEntry }
  | { outcome: 'not-charged'; entry: PaymentEntry; reason: 'declined' | 'reversed' | 'not-sent' }
  | { outcome: 'handed-to-staff'; entry: PaymentEntry };

/** Where showing a QR code got to: the code for the payer's phone (the order waits for it), or already an end. */
export type QrPresentation = ChargeResolution | { outcome: 'awaiting-payer'; entry: PaymentEntry; qr: QrToShow };

/**
 * Where waiting for the payer of a shown code ended: paid or declined (the ledger says so),
 * `expired` (still pending: withdraw it), or `interrupted` (the waiter was told to stop and
 * left the ledger alone, so whoever stopped it decides).
 */
export type QrWait = ChargeResolution | { outcome: 'expired'; entry: PaymentEntry } | { outcome: 'interrupted' };

/** What a charge sends besides the amount: the order's description, case number and fee items. */
export interface ChargeInput {
  description: string;
  /** The platform case number; the ledger's case id when absent. */
  caseNumber?: string;
  /** Fee items; one item of the whole amount under `description` when absent. */
  items?: Array<{ code: string; amountFen: number }>;
}

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
 * policy's time is reversed; a refund that cannot be confirmed goes to staff. A QR code (正扫)
 * is shown first and waited for while on the screen (present, awaitPayer, withdraw). Whatever
 * a provider answers, every path ends in a ledger state; only misuse (an unknown payment id, a
 * QR call for another method) throws.
 */
export class PaymentService {
  private readonly policy: PaymentPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: PaymentServiceDeps) {
    this.policy = { ...DEFAULT_PAYMENT_POLICY, ...deps.policy };
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => deps.clock.setTimeout(resolve, ms)));
  }

  /** A new payment attempt for a case (nothing sent yet). */
  open(request: { caseId: string; caseNumber?: string; serviceKind: string; method: PaymentMethod; amountFen: number }): PaymentEntry {
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
   * payer still confirming. A QR payment the citizen has to see first goes through present().
   */
  async charge(
    paymentId: string,
    input: ChargeInput & { paymentCode?: string; onWaiting?: (info: { qrPayload?: string }) => void },
  ): Promise<ChargeResolution> {
    const entry = this.require(paymentId);
    if (entry.state !== 'created') return this.settlePending(entry, input.onWaiting);
    const outcome = await this.send(entry, input);
    const settled = this.settledBySend(paymentId, outcome);
    if (settled) return settled;
    if (outcome.kind === 'waiting') {
      input.onWaiting?.({ qrPayload: outcome.qrPayload });
      return this.settlePending(this.require(paymentId), input.onWaiting, outcome.providerReference);
    }
    this.deps.logger.warn('payment outcome unknown; querying', { paymentId, reason: outcome.kind === 'unknown' ? outcome.reason : outcome.kind });
    return this.settlePending(this.require(paymentId), input.onWaiting);
  }

  /**
   * QR payment (正扫), first half: sends the order and returns the code to show as soon as the
   * platform hands it over, without waiting for the payer (awaitPayer() does that while the
   * code is on the screen). An entry already pending (a restart, a lost answer) is asked for
   * its code, never created again; without a code to show, the order is withdrawn.
   */
  async present(paymentId: string, input: ChargeInput): Promise<QrPresentation> {
    const entry = this.require(paymentId);
    if (entry.method !== 'qr') throw new Error(`payment ${paymentId} is a ${entry.method} payment, not a QR code`);
    if (entry.state === 'created') {
      const outcome = await this.send(entry, input);
      const settled = this.settledBySend(paymentId, outcome);
      if (settled) return settled;
      if (outcome.kind === 'waiting' && outcome.qrPayload !== undefined) return this.showOrWithdraw(paymentId, outcome.qrPayload, outcome.qrValidForMs);
    } else if (entry.state !== 'pending') {
      return this.resolutionOf(entry);
    }
    return this.findQr(paymentId);
  }

  /**
   * QR payment, second half: asks the platform every poll interval whether the shown code was
   * paid, until `until` (capped by the policy's QR window). Paid and declined are recorded;
   * when time is up the entry is still pending and the answer is `expired`. Once `signal`
   * aborts nothing more is recorded: whoever stopped the wait (a cancel) settles the entry.
   */
  async awaitPayer(paymentId: string, options: { until: number; signal: AbortSignal }): Promise<QrWait> {
    const { signal } = options;
    for (;;) {
      if (signal.aborted) return { outcome: 'interrupted' };
      const entry = this.require(paymentId);
      if (entry.state !== 'pending') return this.resolutionOf(entry);
      const deadline = Math.min(options.until, (entry.pendingSince ?? options.until) + this.policy.qrWaitMs);
      const left = deadline - this.deps.clock.now();
      if (left <= 0) return { outcome: 'expired', entry };
      await this.sleep(Math.min(this.policy.pollIntervalMs, left));
      if (signal.aborted) return { outcome: 'interrupted' };
      const outcome = await this.query(paymentId);
      if (signal.aborted) return { outcome: 'interrupted' };
      const settled = this.settledByQuery(paymentId, outcome);
      if (settled) return settled;
    }
  }

  /**
   * Takes back a QR code nobody should pay any more (the citizen cancelled, or its time is
   * up): one last question first (a payment made a moment ago stands, and the case goes on),
   * then the order is reversed at the platform. A reversal the platform answers too late for
   * finds the payment settled: paid. One that cannot be confirmed goes to staff.
   */
  async withdraw(paymentId: string, reason: Extract<ReverseReason, 'payer-timeout' | 'cancelled-by-citizen'>): Promise<ChargeResolution> {
    const entry = this.require(paymentId);
    if (entry.state === 'created') return { outcome: 'not-charged', entry: this.move(paymentId, 'cancelled', 'withdrawn before it was sent'), reason: 'not-sent' };
    if (entry.state !== 'pending') return this.resolutionOf(entry);
    const settled = this.settledByQuery(paymentId, await this.query(paymentId));
    if (settled) return settled;
    return this.reversePending(paymentId, reason);
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
   * entries are returned: whether the service was delivered is the flow's question. A QR code
   * still inside its window is asked about once and otherwise left pending for the flow that
   * shows it (`awaitingPayer`): a citizen may be paying it right now.
   */
  async recover(): Promise<{ settled: PaymentEntry[]; paidAwaitingDelivery: PaymentEntry[]; awaitingPayer: PaymentEntry[] }> {
    const settled: PaymentEntry[] = [];
    const paidAwaitingDelivery: PaymentEntry[] = [];
    const awaitingPayer: PaymentEntry[] = [];
    for (const entry of this.deps.ledger.unfinished()) {
      try {
        if (entry.state === 'created') settled.push(this.move(entry.paymentId, 'cancelled', 'recovery: never sent'));
        else if (entry.state === 'pending' && entry.method === 'qr') {
          const resolution = await this.recoverQr(entry);
          if (resolution === null) awaitingPayer.push(this.require(entry.paymentId));
          else if (resolution.outcome === 'paid') paidAwaitingDelivery.push(resolution.entry);
          else settled.push(resolution.entry);
        } else if (entry.state === 'pending') {
          const resolution = await this.settlePending(entry);
          if (resolution.outcome === 'paid') paidAwaitingDelivery.push(resolution.entry);
          else settled.push(resolution.entry);
        } else if (entry.state === 'refunding') settled.push(await this.refund(entry.paymentId, 'recovery: refund interrupted'));
        else if (entry.state === 'paid') paidAwaitingDelivery.push(entry);
      } catch (error) {
        this.deps.logger.error('payment recovery failed for an entry', { paymentId: entry.paymentId, error: errorText(error) });
      }
    }
    this.deps.audit.append({
      actor: 'system',
      action: 'payments.recovered',
      detail: { settled: settled.length, paidAwaitingDelivery: paidAwaitingDelivery.length, awaitingPayer: awaitingPayer.length },
    });
    return { settled, paidAwaitingDelivery, awaitingPayer };
  }

  /** A pending QR order at start-up: paid or declined by now, past its window (withdrawn), or null: still payable. */
  private async recoverQr(entry: PaymentEntry): Promise<ChargeResolution | null> {
    const settled = this.settledByQuery(entry.paymentId, await this.query(entry.paymentId));
    if (settled) return settled;
    if (this.deps.clock.now() < (entry.pendingSince ?? 0) + this.policy.qrWaitMs) return null;
    return this.reversePending(entry.paymentId, 'payer-timeout');
  }

  /** Query until definite; after maxPendingMs (a QR: its own window), reverse; if even that stays unclear, staff. */
  private async settlePending(entry: PaymentEntry, onWaiting?: (info: { qrPayload?: string }) => void, providerReference?: string): Promise<ChargeResolution> {
    const { paymentId } = entry;
    const since = entry.pendingSince ?? this.deps.clock.now();
    const window = entry.method === 'qr' ? this.policy.qrWaitMs : this.policy.maxPendingMs;
    while (this.deps.clock.now() - since < window) {
      await this.sleep(this.policy.pollIntervalMs);
      const outcome = await this.query(paymentId);
      const settled = this.settledByQuery(paymentId, outcome);
      if (settled) return settled;
      if (outcome.kind === 'waiting') onWaiting?.({});
    }
    return this.reversePending(paymentId, entry.method === 'qr' ? 'payer-timeout' : 'unknown-outcome', providerReference);
  }

  /**
   * A pending QR order whose code is not at hand (the create's answer was lost, or the
   * terminal restarted): asked for for as long as an unclear answer is (maxPendingMs), never
   * created again. Without a code to show, the order is withdrawn.
   */
  private async findQr(paymentId: string): Promise<QrPresentation> {
    const started = this.deps.clock.now();
    for (;;) {
      const outcome = await this.query(paymentId);
      const settled = this.settledByQuery(paymentId, outcome);
      if (settled) return settled;
      if (outcome.kind === 'waiting' && outcome.qrPayload !== undefined) return this.showOrWithdraw(paymentId, outcome.qrPayload, outcome.qrValidForMs);
      // No such order: the create never arrived. Reversing bars its key, so a late one takes nothing.
      if (outcome.kind === 'not-found' || this.deps.clock.now() - started >= this.policy.maxPendingMs) break;
      await this.sleep(this.policy.pollIntervalMs);
    }
    return this.reversePending(paymentId, 'unknown-outcome');
  }

  /** The code to show, until when; a code the terminal will not show, or one whose time is up, is withdrawn instead. */
  private async showOrWithdraw(paymentId: string, content: string, platformValidForMs: number | undefined): Promise<QrPresentation> {
    const entry = this.require(paymentId);
    if (!isShowableQrContent(content)) {
      this.deps.logger.error('the platform sent a QR code that is not an https link; withdrawing the order', { paymentId, length: content.length });
      return this.reversePending(paymentId, 'unknown-outcome');
    }
    const expiresAt = qrDeadline(entry.pendingSince ?? this.deps.clock.now(), this.policy.qrWaitMs, platformValidForMs);
    if (expiresAt <= this.deps.clock.now()) return this.reversePending(paymentId, 'payer-timeout');
    return { outcome: 'awaiting-payer', entry, qr: { content, expiresAt } };
  }

  /** Cancels a pending charge at the provider. Reversing a charge that did settle refunds it; too late finds it paid. */
  private async reversePending(paymentId: string, reason: ReverseReason, providerReference?: string): Promise<ChargeResolution> {
    const why = REVERSAL_REASON_TEXT[reason];
    const provider = this.deps.providers[this.require(paymentId).method];
    for (let attempt = 1; attempt <= this.policy.reverseAttempts; attempt++) {
      const current = this.require(paymentId);
      const outcome = await provider
        .reverse({ idempotencyKey: paymentId, amountFen: current.amountFen, providerReference: providerReference ?? current.providerReference, detail: current.detail, reason })
        .catch((error: unknown) => ({ kind: 'unknown' as const, reason: errorText(error) }));
      if (outcome.kind === 'reversed') return { outcome: 'not-charged', entry: this.move(paymentId, 'reversed', `reversed ${why}`), reason: 'reversed' };
      if (outcome.kind === 'too-late') {
        const settled = await provider.query({ idempotencyKey: paymentId }).catch(() => ({ kind: 'unknown' as const, reason: 'query failed' }));
        if (settled.kind === 'paid') return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'settled before it could be reversed', paidFacts(settled)) };
      }
      if (attempt < this.policy.reverseAttempts) await this.sleep(this.policy.pollIntervalMs);
    }
    return { outcome: 'handed-to-staff', entry: this.toStaff(paymentId, 'outcome unknown and reversal not confirmed') };
  }

  /** Moves an entry to pending, then asks the provider for the money (a throw is an unknown outcome). */
  private async send(entry: PaymentEntry, input: ChargeInput & { paymentCode?: string }): Promise<ChargeOutcome> {
    this.move(entry.paymentId, 'pending', 'charge requested');
    try {
      return await this.deps.providers[entry.method].charge({
        idempotencyKey: entry.paymentId,
        amountFen: entry.amountFen,
        paymentCode: input.paymentCode,
        description: input.description,
        caseNumber: input.caseNumber ?? entry.caseNumber ?? entry.caseId,
        serviceKind: entry.serviceKind,
        items: input.items ?? [{ code: 'fee', amountFen: entry.amountFen }],
      });
    } catch (error) {
      return { kind: 'unknown', reason: `provider threw: ${errorText(error)}` };
    }
  }

  /** The definite answers to a charge request, recorded; null while it is not definite. */
  private settledBySend(paymentId: string, outcome: ChargeOutcome): ChargeResolution | null {
    switch (outcome.kind) {
      case 'paid':
        return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'provider confirmed', paidFacts(outcome)) };
      case 'declined':
        return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `declined: ${outcome.reason}`), reason: 'declined' };
      case 'not-sent':
        // Nothing reached the provider; the attempt is over (a new attempt gets a new key).
        return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `not sent: ${outcome.reason}`), reason: 'not-sent' };
      default:
        return null;
    }
  }

  private query(paymentId: string): Promise<ChargeQueryOutcome> {
    const provider = this.deps.providers[this.require(paymentId).method];
    return provider.query({ idempotencyKey: paymentId }).catch((error: unknown) => ({ kind: 'unknown' as const, reason: errorText(error) }));
  }

  /** The definite answers to a query, recorded; null while it is not definite. */
  private settledByQuery(paymentId: string, outcome: ChargeQueryOutcome): ChargeResolution | null {
    if (outcome.kind === 'paid') return { outcome: 'paid', entry: this.move(paymentId, 'paid', 'provider confirmed on query', paidFacts(outcome)) };
    if (outcome.kind === 'declined') return { outcome: 'not-charged', entry: this.move(paymentId, 'declined', `declined on query: ${outcome.reason}`), reason: 'declined' };
    return null;
  }

  /** An entry that is no longer pending, as the flow reads it. Other states are not a QR flow's business: a bug. */
  private resolutionOf(entry: PaymentEntry): ChargeResolution {
    switch (entry.state) {
      case 'paid':
        return { outcome: 'paid', entry };
      case 'declined':
      case 'reversed':
        return { outcome: 'not-charged', entry, reason: entry.state };
      case 'cancelled':
        return { outcome: 'not-charged', entry, reason: 'not-sent' };
      case 'handed-to-staff':
        return { outcome: 'handed-to-staff', entry };
      default:
        throw new Error(`payment ${entry.paymentId} is ${entry.state}: not a QR payment in progress`);
    }
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

/** The ledger's words for why a charge was reversed. */
const REVERSAL_REASON_TEXT: Readonly<Record<ReverseReason, string>> = {
  'unknown-outcome': 'after no clear answer',
  'payer-timeout': 'after the QR code went unpaid in its time',
  'cancelled-by-citizen': 'as the citizen cancelled the QR payment',
};

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
