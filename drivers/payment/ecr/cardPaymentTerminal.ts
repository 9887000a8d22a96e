import { DeviceStatusTracker } from '../../model/device.js';
import { openDeviceTransport } from '../../model/openDeviceTransport.js';
import { recordLinkClosed } from '../../model/recordLinkClosed.js';
import type { DeviceFault, DeviceStatus } from '../../model/deviceStatus.js';
import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import type { CardQueryOutcome, CardTerminal, CardTerminalOutcome } from './cardTerminal.js';
import { ACK, encodeEcrFrame, NAK } from './ecrFrame.js';
import { EcrFrameDecoder } from './ecrFrameDecoder.js';
import { EcrLinkInbox } from './ecrLinkInbox.js';
import { encodeEcrRequest, validateEcrRequest, type EcrRequest } from './ecrRequest.js';
import { decodeEcrResponse, type EcrResponse } from './ecrResponse.js';
import { ECR_APPROVED, ECR_CANCELLED } from './ecrTags.js';

export interface CardPaymentTerminalOptions {
  id: string;
  transport: ByteTransport;
  binding?: string;
  simulated?: boolean;
  /** How long the terminal has to ACK or NAK a request. */
  ackTimeoutMs?: number;
  /** How long a cardholder may take (card, PIN, bank round trip) before the outcome is unknown. */
  responseTimeoutMs?: number;
  /** Copies of a request sent when the terminal NAKs it (garbled on the line), including the first. */
  maxSendAttempts?: number;
}

type Exchange = { kind: 'response'; response: EcrResponse } | { kind: 'not-sent'; reason: 'terminal-offline' | 'rejected-by-terminal' } | { kind: 'unknown'; reason: 'no-response' | 'link-lost' | 'malformed-response' };

const FAULTS = {
  notFound: { code: 'card-terminal-not-found', message: { 'zh-CN': '未找到银行卡终端', en: 'card payment terminal not found' } },
  disconnected: { code: 'card-terminal-disconnected', message: { 'zh-CN': '银行卡终端已断开', en: 'card payment terminal disconnected' } },
} satisfies Record<string, DeviceFault>;

/**
 * A card payment terminal (MIS-POS) driven over the serial ECR link.
 *
 * Link rules: a request is resent only when the terminal NAKs it (a NAKed frame was never
 * executed). Silence is never answered with a resend: an ACK lost on the line would turn one
 * sale into two. Once a request may have reached the terminal, the only possible failures are
 * `unknown` outcomes, which the caller resolves with queryLast by reference. Answers are matched
 * to the request by type and reference, so a late answer to an earlier request is ACKed and
 * ignored, never mistaken for this one.
 */
export class CardPaymentTerminal implements CardTerminal {
  readonly kind = 'card-payment-terminal' as const;
  readonly id: string;
  private readonly tracker: DeviceStatusTracker;
  private readonly decoder = new EcrFrameDecoder();
  private readonly inbox = new EcrLinkInbox();
  private readonly ackTimeoutMs: number;
  private readonly responseTimeoutMs: number;
  private readonly maxSendAttempts: number;
  private exchanging = false;
  private subscribed = false;

  constructor(private readonly options: CardPaymentTerminalOptions) {
    this.id = options.id;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2_000;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 120_000;
    this.maxSendAttempts = options.maxSendAttempts ?? 3;
    this.tracker = new DeviceStatusTracker({
      id: options.id,
      kind: 'card-payment-terminal',
      binding: options.binding ?? options.transport.description,
      simulated: options.simulated ?? false,
      capabilities: ['sale', 'void', 'refund', 'query-last', 'settlement'],
    });
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  async open(): Promise<void> {
    const { transport } = this.options;
    if (!this.subscribed) {
      transport.onData((chunk) => this.onData(chunk));
      transport.onClose((reason) => this.onTransportClose(reason));
      this.subscribed = true;
    }
    if (!(await openDeviceTransport(transport, this.tracker, FAULTS.notFound))) return;
    this.decoder.end();
    this.tracker.set('ready');
  }

  async close(): Promise<void> {
    await this.options.transport.close();
    this.tracker.set('offline');
  }

  async checkHealth(): Promise<DeviceStatus> {
    if (!this.options.transport.isOpen && this.tracker.status().state !== 'offline') this.tracker.set('offline', FAULTS.disconnected);
    return this.tracker.status();
  }

  sale(request: { reference: string; amountFen: number }): Promise<CardTerminalOutcome> {
    return this.transact({ type: 'sale', ...request });
  }

  voidSale(request: { reference: string; amountFen: number; originalVoucherNo: string }): Promise<CardTerminalOutcome> {
    return this.transact({ type: 'void', ...request });
  }

  refund(request: { reference: string; amountFen: number; originalReferenceNo: string; originalDate: string }): Promise<CardTerminalOutcome> {
    return this.transact({ type: 'refund', ...request });
  }

  settle(request: { reference: string }): Promise<CardTerminalOutcome> {
    return this.transact({ type: 'settlement', ...request });
  }

  async queryLast(request: { reference: string }): Promise<CardQueryOutcome> {
    const { reference } = request;
    const result = await this.run({ type: 'query-last', reference });
    if (result.kind !== 'response') return failed(reference, result);
    const record = result.response.record;
    if (record === null || record.reference !== reference) return { outcome: 'not-found', reference, lastReference: record?.reference ?? null };
    return toOutcome(reference, result.response);
  }

  private async transact(request: EcrRequest): Promise<CardTerminalOutcome> {
    const result = await this.run(request);
    return result.kind === 'response' ? toOutcome(request.reference, result.response) : failed(request.reference, result);
  }

  private async run(request: EcrRequest): Promise<Exchange | { kind: 'not-sent'; reason: 'busy' }> {
    const invalid = validateEcrRequest(request);
    if (invalid !== null) throw new TypeError(`card terminal ${request.type}: ${invalid}`);
    if (this.exchanging) return { kind: 'not-sent', reason: 'busy' };
    if (!this.options.transport.isOpen || this.tracker.status().state !== 'ready') return { kind: 'not-sent', reason: 'terminal-offline' };
    this.exchanging = true;
    this.inbox.clear();
    this.tracker.set('busy');
    this.tracker.count(`requests-${request.type}`);
    try {
      const result = await this.exchange(request);
      if (result.kind === 'unknown') this.tracker.count(`outcome-unknown-${result.reason}`);
      return result;
    } finally {
      this.exchanging = false;
      if (this.tracker.status().state === 'busy') this.tracker.set('ready');
    }
  }

  private async exchange(request: EcrRequest): Promise<Exchange> {
    const frame = encodeEcrFrame(encodeEcrRequest(request));
    let acknowledged = false;
    for (let attempt = 1; attempt <= this.maxSendAttempts && !acknowledged; attempt++) {
      // Before the first ACK, every earlier copy was NAKed, so a failed write means nothing ran.
      if (!(await this.send(frame))) return { kind: 'not-sent', reason: 'terminal-offline' };
      for (;;) {
        const event = await this.inbox.next(this.ackTimeoutMs);
        if (event === 'timeout') return { kind: 'unknown', reason: 'no-response' };
        if (event.type === 'closed') return { kind: 'unknown', reason: 'link-lost' };
        if (event.type === 'nak') {
          this.tracker.count('naksReceived');
          break;
        }
        if (event.type === 'ack') {
          acknowledged = true;
          break;
        }
        // An answer before the ACK: the ACK was lost, the request got through.
        const answered = await this.takeFrame(event, request);
        if (answered) return answered;
      }
    }
    if (!acknowledged) return { kind: 'not-sent', reason: 'rejected-by-terminal' };

    const deadline = Date.now() + this.responseTimeoutMs;
    for (;;) {
      const event = await this.inbox.next(Math.max(0, deadline - Date.now()));
      if (event === 'timeout') return { kind: 'unknown', reason: 'no-response' };
      if (event.type === 'closed') return { kind: 'unknown', reason: 'link-lost' };
      if (event.type === 'ack' || event.type === 'nak') continue;
      const answered = await this.takeFrame(event, request);
      if (answered) return answered;
    }
  }

  /** ACKs a good frame (NAKs a damaged one) and returns it when it answers `request`. */
  private async takeFrame(event: { type: 'frame'; body: Uint8Array } | { type: 'damaged-frame' }, request: EcrRequest): Promise<Exchange | null> {
    if (event.type === 'damaged-frame') {
      await this.send(Uint8Array.of(NAK));
      return null;
    }
    await this.send(Uint8Array.of(ACK));
    const decoded = decodeEcrResponse(event.body);
    if (!decoded.ok) return { kind: 'unknown', reason: 'malformed-response' };
    const { response } = decoded;
    if (response.answeredType !== request.type || response.answeredReference !== request.reference) {
      this.tracker.count('staleResponses');
      return null;
    }
    return { kind: 'response', response };
  }

  private async send(bytes: Uint8Array): Promise<boolean> {
    try {
      await this.options.transport.write(bytes);
      return true;
    } catch {
      return false;
    }
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type === 'error') {
        this.tracker.count('wireErrors');
        if (event.error.code === 'lrc-mismatch') this.deliver({ type: 'damaged-frame' });
      } else if (event.type === 'frame') {
        this.deliver({ type: 'frame', body: event.body });
      } else {
        this.deliver({ type: event.type });
      }
    }
  }

  private deliver(event: Parameters<EcrLinkInbox['push']>[0]): void {
    if (this.exchanging) {
      this.inbox.push(event);
      return;
    }
    // Nobody is waiting: ACK a frame so the terminal stops repeating it, and drop it.
    if (event.type === 'frame') {
      this.tracker.count('unsolicitedFrames');
      void this.send(Uint8Array.of(ACK));
    }
  }

  private onTransportClose(reason: TransportCloseReason): void {
    if (this.exchanging) this.inbox.push({ type: 'closed' });
    this.decoder.end();
    recordLinkClosed(this.tracker, reason, () => FAULTS.disconnected);
  }
}

function toOutcome(reference: string, response: EcrResponse): CardTerminalOutcome {
  const record = response.record;
  if (record === null) return { outcome: 'unknown', reference, reason: 'malformed-response' };
  if (record.responseCode === ECR_APPROVED) return { outcome: 'approved', reference, transaction: record };
  if (record.responseCode === ECR_CANCELLED) return { outcome: 'cancelled', reference };
  const declined: CardTerminalOutcome = { outcome: 'declined', reference, responseCode: record.responseCode };
  if (record.responseText !== undefined) declined.message = record.responseText;
  return declined;
}

function failed(reference: string, result: Exclude<Exchange, { kind: 'response' }> | { kind: 'not-sent'; reason: 'busy' }): CardTerminalOutcome {
  return result.kind === 'unknown' ? { outcome: 'unknown', reference, reason: result.reason } : { outcome: 'not-sent', reference, reason: result.reason };
}
