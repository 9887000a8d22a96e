import type { LocalizedText } from '../../../../config/localizedText.js';
import type { Verification } from '../../../platform/platformApiTypes.js';
import type { Stars } from '../endorsement/ratingScale.js';

/**
 * The pieces of flow context every citizen flow shares: identity checks (face or staff),
 * money, the receipt, the rating and the last fault. Each flow's context has these fields
 * under these names, so the shared steps (shared/*Transitions.ts, shared/*Work.ts) serve both.
 * Like the rest of a flow context, nothing here is identity data: vault record ids, masked
 * values and platform ids only.
 */

/** The last thing that went wrong, by step and code; the message comes from the step's fault table. */
export interface FaultNote {
  step: string;
  code: string;
  /** A platform's or device's own sentence (a refusal reason, a reader hint), when it has one. */
  detail: LocalizedText | null;
}

/** How the citizen pays; the payment code itself never gets here (only the scanner port's token). */
export type PaymentChoice = { method: 'payment-code'; wallet: string; masked: string } | { method: 'qr' } | { method: 'bank-card' };

/**
 * The QR code on the screen (正扫): the platform's payment link (an https URL naming an order,
 * nothing about the citizen) and until when it may be paid (ISO time). Kept in the context so
 * a restarted runtime shows the very same code again.
 */
export interface ShownQr {
  content: string;
  expiresAt: string;
}

/** Why a shown QR code is being withdrawn: the citizen cancelled, its time ran out, or the citizen's session ended. */
export type QrEnding = 'cancelled' | 'expired' | 'session-ended';

export interface RatingChoice {
  stars: Stars;
  reasons: string[];
  callback: boolean;
}

/** The live face image waiting for comparison (a vault record, deleted right after the call). */
export interface LiveFaceImage {
  record: string;
  format: 'jpeg' | 'png';
}

export type ReceiptState = 'printed' | 'kept-for-staff';

/** What the shared steps read from a flow's context. */
export interface SharedStepContext {
  /** This case's key for vault records, ledger entries and idempotency keys (set by the first step). */
  caseRef?: string;
  faceImage?: LiveFaceImage | null;
  faceAttempts?: number;
  payment?: PaymentChoice;
  /** The scanner port's one-time token for the scanned code; useless after a restart by design. */
  codeToken?: string | null;
  paymentId?: string;
  /** The QR code on the screen while the citizen pays with their phone; null once it is gone. */
  qr?: ShownQr | null;
  /** Set on the way to withdrawing the QR code: why. */
  qrEnding?: QrEnding | null;
  lastFault?: FaultNote | null;
}

/** What the shared steps write into a flow's context (every flow's context accepts it). */
export interface SharedContextPatch extends SharedStepContext {
  verification?: Verification;
  outcome?: 'refunded' | 'handed-to-staff';
  receipt?: ReceiptState;
  rating?: RatingChoice | null;
  cancelReason?: string;
}

/** The steps both flows have under the same names; shared transitions lead only to these (or to a step the flow names). */
export type SharedStep =
  | 'capture-face'
  | 'compare-face'
  | 'staff-verify'
  | 'choose-payment'
  | 'scan-code'
  | 'charge'
  | 'settle-payment'
  | 'show-qr'
  | 'cancel-qr'
  | 'refund'
  | 'hand-off'
  | 'print-receipt'
  | 'rate'
  | 'record-rating'
  | 'cancelled';

/** A shared transition's answer: where to, and what to write. */
export type SharedTarget<Extra extends string = never> = { to: SharedStep | Extra; context?: SharedContextPatch; stay?: true } | null;
