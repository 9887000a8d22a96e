import type { LocalizedText } from '../../../config/localizedText.js';

/**
 * One way of taking money (payment code via the platform, QR via the platform, bank card on the
 * terminal), as the payment service needs it. Every call carries an idempotency key derived from
 * the ledger entry, so a retry after an unclear answer can never charge twice. Answers are
 * values; `unknown` means the request may have been processed and must be queried, never
 * treated as failure.
 */
export interface PaymentProvider {
  /** Asks for the money. `paymentCode` is the scanned 付款码 (payment-code method only; never stored or logged). */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** The provider's view of a charge made with this key. */
  query(request: { idempotencyKey: string }): Promise<ChargeQueryOutcome>;
  /** Cancels a charge that has not settled (撤销/冲正); if it did settle, the provider reports too-late. */
  reverse(request: {
    idempotencyKey: string;
    amountFen: number;
    providerReference: string | null;
    detail: Record<string, string>;
    /** Why (the platform records it): no clear answer by default. */
    reason?: ReverseReason;
  }): Promise<ReverseOutcome>;
  /** Returns settled money. The same refund key on a retry refunds once. */
  refund(request: {
    idempotencyKey: string;
    refundKey: string;
    amountFen: number;
    providerReference: string | null;
    detail: Record<string, string>;
  }): Promise<RefundOutcome>;
}

export interface ChargeRequest {
  idempotencyKey: string;
  amountFen: number;
  /** The scanned 付款码 (payment-code method only): a bearer secret, never stored or logged. */
  paymentCode?: string;
  description: string;
  /** The platform's case number the payment is for (from the approval), and the service. */
  caseNumber: string;
  serviceKind: string;
  /** What the amount is made of, by fee code from the config fee table. */
  items: Array<{ code: string; amountFen: number }>;
}

export type PaidFacts = { providerReference: string; payerHint?: string; detail?: Record<string, string> };

export type ChargeOutcome =
  | ({ kind: 'paid' } & PaidFacts)
  /**
   * The payer is still confirming (e.g. entering a password), or a QR waits to be scanned: its
   * content, and how long the provider keeps it payable from the order's creation (a span, so
   * the terminal's and the platform's clocks need not agree).
   */
  | { kind: 'waiting'; providerReference?: string; qrPayload?: string; qrValidForMs?: number }
  | { kind: 'declined'; reason: string; message: LocalizedText }
  | { kind: 'unknown'; reason: string }
  /** Certainly never reached the provider (terminal offline, connection refused): safe to try again. */
  | { kind: 'not-sent'; reason: string };

export type ChargeQueryOutcome =
  | ({ kind: 'paid' } & PaidFacts)
  /** Not settled yet; a QR order names its code again, so a restarted terminal shows the same one. */
  | { kind: 'waiting'; qrPayload?: string; qrValidForMs?: number }
  | { kind: 'declined'; reason: string }
  /** The provider has no such charge: it never arrived, so nothing was taken. */
  | { kind: 'not-found' }
  | { kind: 'unknown'; reason: string };

/** Why a charge is reversed: no clear answer, the payer never paid the shown code in time, or the citizen cancelled it. */
export type ReverseReason = 'unknown-outcome' | 'payer-timeout' | 'cancelled-by-citizen';

export type ReverseOutcome = { kind: 'reversed' } | { kind: 'too-late' } | { kind: 'unknown'; reason: string };

export type RefundOutcome =
  | { kind: 'refunded'; refundReference?: string }
  /** Accepted but not final; query by refund key again later (a retry with the same key is safe). */
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unknown'; reason: string };
