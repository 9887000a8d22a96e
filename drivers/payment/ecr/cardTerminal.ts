import type { Device } from '../../model/device.js';
import type { EcrTransactionRecord } from './ecrResponse.js';

/**
 * What the payment flows get from any card terminal, whatever the adapter (serial ECR, vendor
 * DLL helper, smart-POS over HTTP; research/payment.md §3.7). Outcomes are values, never
 * exceptions, and "unknown" is a first-class outcome.
 *
 * The rule that keeps a citizen from being charged twice: after `unknown`, call
 * `queryLast({ reference })` with the same reference; never send the sale again.
 */
export type CardTerminalOutcome =
  | { outcome: 'approved'; reference: string; transaction: EcrTransactionRecord }
  | { outcome: 'declined'; reference: string; responseCode: string; message?: string }
  /** The cardholder cancelled at the terminal (or it timed out waiting for the card). */
  | { outcome: 'cancelled'; reference: string }
  /**
   * The request reached the terminal (or may have) and no usable answer came back: the money
   * may have moved. Query by reference.
   */
  | { outcome: 'unknown'; reference: string; reason: 'no-response' | 'link-lost' | 'malformed-response' }
  /** Nothing was executed: the terminal was offline, busy with another request, or refused every copy (NAK). Safe to retry. */
  | { outcome: 'not-sent'; reference: string; reason: 'terminal-offline' | 'busy' | 'rejected-by-terminal' };

/** A query's answer: the outcomes above for the queried reference, or "the last transaction is a different one". */
export type CardQueryOutcome = CardTerminalOutcome | { outcome: 'not-found'; reference: string; lastReference: string | null };

export interface CardTerminal extends Device {
  sale(request: { reference: string; amountFen: number }): Promise<CardTerminalOutcome>;
  voidSale(request: { reference: string; amountFen: number; originalVoucherNo: string }): Promise<CardTerminalOutcome>;
  refund(request: { reference: string; amountFen: number; originalReferenceNo: string; originalDate: string }): Promise<CardTerminalOutcome>;
  /** The terminal's last transaction, compared with `reference`. */
  queryLast(request: { reference: string }): Promise<CardQueryOutcome>;
  settle(request: { reference: string }): Promise<CardTerminalOutcome>;
}
