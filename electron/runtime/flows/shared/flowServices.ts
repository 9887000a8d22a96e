import type { LocalizedText } from '../../../../config/localizedText.js';
import type { ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import type { PlatformClient } from '../../../platform/platformClient.js';
import type { Clock } from '../../clock.js';
import type { OutboxWriter } from '../../outbox/outboxWriter.js';
import type { PaymentLedger } from '../../payments/paymentLedger.js';
import type { PaymentService } from '../../payments/paymentService.js';
import type { PiiVault } from '../../pii/piiVault.js';

/**
 * The services every citizen flow works with: the ID-card reader and the payment-code scanner
 * through their ports, the payments ledger, the PII vault, the receipt printer, the outbox and
 * the platform's face comparison. Each flow's services type extends this with its own platform
 * calls; createCitizenFlows builds one object that serves all of them.
 */

/** The resident ID card, as far as the flows need it (no name, no photo, no address). */
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

export type FlowPayments = Pick<PaymentService, 'open' | 'charge' | 'present' | 'awaitPayer' | 'withdraw' | 'cancel' | 'delivered' | 'refund' | 'handToStaff'>;

export type ReceiptJobState = 'pending' | 'printed' | 'failed' | 'discarded';

export type ReceiptPrintOutcome = { ok: true } | { ok: false; reason: string; message: LocalizedText };

/** The receipt printer through the durable print journal (createReceiptPort builds it over PrintService). */
export interface ReceiptPort {
  /** Where a job recorded earlier under this id stands, or null when none was: a repeat after a crash asks first. */
  jobState(jobId: string): ReceiptJobState | null;
  print(jobId: string, document: ReceiptDocument): Promise<ReceiptPrintOutcome>;
}

/** Facts about the terminal that go on the receipt. */
export interface TerminalFacts {
  terminalId: string;
  hallName: LocalizedText;
  helpPhone: string;
  /** Where the receipt's QR leads (ASCII: QR byte mode carries no charset). */
  trackingUrl(caseNumber: string): string;
}

export interface CommonFlowServices {
  readIdCard(timeoutMs: number, signal: AbortSignal): Promise<IdCardReadOutcome>;
  paymentCodes: PaymentCodePort;
  platform: Pick<PlatformClient, 'compareFace'>;
  payments: FlowPayments;
  /** Read-only: finding the case's latest payment after a restart. */
  ledger: Pick<PaymentLedger, 'get' | 'forCase'>;
  vault: Pick<PiiVault, 'put' | 'get' | 'delete'>;
  receipts: ReceiptPort;
  outbox: Pick<OutboxWriter, 'append'>;
  terminal: TerminalFacts;
  clock: Pick<Clock, 'now'>;
  /** Waits between platform retries; resolves early (without throwing) when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
