import type { LocalizedText } from '../../../../config/localizedText.js';
import type { ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import type { EndorsementOption } from '../../../platform/platformApiTypes.js';
import type { PlatformClient } from '../../../platform/platformClient.js';
import type { Clock } from '../../clock.js';
import type { OutboxWriter } from '../../outbox/outboxWriter.js';
import type { PaymentLedger } from '../../payments/paymentLedger.js';
import type { PaymentService } from '../../payments/paymentService.js';
import type { PiiVault } from '../../pii/piiVault.js';
import type { ConfiguredFee, PermitKind } from './endorsementContext.js';

/** The permit as read (MRZ): identity data, so it goes straight into the vault. */
export interface PermitFacts {
  permitType: PermitKind;
  number: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** YYYY-MM-DD. */
  expiry: string;
  /** Null when the layout carries no sex (the one-line permit MRZ). */
  sex: 'male' | 'female' | null;
}

export type PermitReadOutcome =
  | { ok: true; permit: PermitFacts }
  | { ok: false; code: 'timeout' | 'cancelled' | 'reader-offline' | 'bad-read' | 'wrong-document'; message: LocalizedText };

/** The resident ID card, as far as this flow needs it (no name, no photo, no address). */
export interface IdCardFacts {
  idNumber: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female' | null;
}

export type IdCardReadOutcome =
  | { ok: true; card: IdCardFacts }
  | { ok: false; code: 'timeout' | 'cancelled' | 'reader-offline' | 'bad-read' | 'wrong-card'; message: LocalizedText };

/**
 * The payment-code scanner as the flow sees it. The scanned 付款码 is a bearer secret: the port
 * keeps it in memory and hands out an opaque one-time token (see PaymentCodeTokens); the charge
 * step redeems it. A restart loses the code on purpose: the citizen scans again.
 */
export interface PaymentCodePort {
  scan(
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<{ ok: true; token: string; wallet: string; masked: string } | { ok: false; code: 'timeout' | 'cancelled' | 'scanner-offline' | 'unreadable'; message: LocalizedText }>;
  /** The code behind a token, once; null when unknown, used or expired. */
  redeem(token: string): string | null;
}

/** What the flow calls on the platform; PlatformClient satisfies it. */
export type EndorsementPlatform = Pick<PlatformClient, 'checkEndorsementEligibility' | 'requestEndorsementApproval' | 'issueEndorsement' | 'compareFace'>;

export type EndorsementPayments = Pick<PaymentService, 'open' | 'charge' | 'cancel' | 'delivered' | 'refund' | 'handToStaff'>;

export type ReceiptJobState = 'pending' | 'printed' | 'failed' | 'discarded';

export type ReceiptPrintOutcome = { ok: true } | { ok: false; reason: string; message: LocalizedText };

/** The receipt printer through the durable print journal (createReceiptPort builds it over PrintService). */
export interface ReceiptPort {
  /** Where a job recorded earlier under this id stands, or null when none was: a repeat after a crash asks first. */
  jobState(jobId: string): ReceiptJobState | null;
  print(jobId: string, document: ReceiptDocument): Promise<ReceiptPrintOutcome>;
}

/** The config fee for an option the platform offers, or null when the config has none (the option is not offered). */
export interface EndorsementFeeLookup {
  feeFor(option: EndorsementOption): ConfiguredFee | null;
}

/** Facts about the terminal that go on the receipt. */
export interface TerminalFacts {
  terminalId: string;
  hallName: LocalizedText;
  helpPhone: string;
  /** Where the receipt's QR leads (ASCII: QR byte mode carries no charset). */
  trackingUrl(caseNumber: string): string;
}

export interface EndorsementServices {
  readPermit(timeoutMs: number, signal: AbortSignal): Promise<PermitReadOutcome>;
  readIdCard(timeoutMs: number, signal: AbortSignal): Promise<IdCardReadOutcome>;
  paymentCodes: PaymentCodePort;
  platform: EndorsementPlatform;
  payments: EndorsementPayments;
  /** Read-only: finding the case's latest payment after a restart. */
  ledger: Pick<PaymentLedger, 'get' | 'forCase'>;
  vault: Pick<PiiVault, 'put' | 'get' | 'delete'>;
  receipts: ReceiptPort;
  outbox: Pick<OutboxWriter, 'append'>;
  fees: EndorsementFeeLookup;
  terminal: TerminalFacts;
  clock: Pick<Clock, 'now'>;
  /** Waits between platform retries; resolves early (without throwing) when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
