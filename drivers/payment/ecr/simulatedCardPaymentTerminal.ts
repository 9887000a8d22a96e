import type { ByteTransport } from '../../transport/byteTransport.js';
import { ACK, encodeEcrFrame, NAK } from './ecrFrame.js';
import { EcrFrameDecoder } from './ecrFrameDecoder.js';
import { decodeEcrRequest, type EcrRequest } from './ecrRequest.js';
import { encodeEcrResponse, type EcrResponse, type EcrTransactionRecord } from './ecrResponse.js';
import { ECR_APPROVED, ECR_CANCELLED } from './ecrTags.js';

/**
 * How the SIMULATED terminal treats the next financial requests (sale, void, refund):
 * - approve / decline / cancel: executes and answers accordingly;
 * - approve-then-silent: approves and records the transaction, then never answers (the reply
 *   lost after the money moved); queries and settlement are still answered;
 * - silent: hears nothing, executes nothing, answers nothing (powered off, cable cut);
 * - nak: NAKs every frame as if it always arrived garbled; executes nothing.
 */
export type SimulatedTerminalBehaviour = 'approve' | 'decline' | 'cancel' | 'approve-then-silent' | 'silent' | 'nak';

export const SIMULATED_DECLINE_CODE = '51';
export const SIMULATED_NOT_FOUND_CODE = '25';
const MASKED_PAN = '622848******0001';

/**
 * A SIMULATED card payment terminal speaking the serial ECR protocol byte for byte: ACKs
 * requests, answers them, waits for the host's ACK and resends on NAK (up to 3 times). It keeps
 * a journal of executed transactions so tests can check that nothing ran twice.
 */
export class SimulatedCardPaymentTerminal {
  behaviour: SimulatedTerminalBehaviour;
  /** Every transaction executed, in order (queries are not transactions). */
  readonly journal: EcrTransactionRecord[] = [];
  private readonly decoder = new EcrFrameDecoder();
  private lastFinancial: EcrTransactionRecord | null = null;
  private batch = 1;
  private serial = 0;
  private corruptNext = false;
  private unacknowledged: { frame: Uint8Array; resends: number } | null = null;

  constructor(
    private readonly transport: ByteTransport,
    options: { behaviour?: SimulatedTerminalBehaviour } = {},
  ) {
    this.behaviour = options.behaviour ?? 'approve';
    transport.onData((chunk) => this.onData(chunk));
  }

  open(): Promise<void> {
    return this.transport.open();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** The next answer goes out with a wrong LRC once; the host should NAK and get a good copy. */
  corruptNextResponse(): void {
    this.corruptNext = true;
  }

  /** A late answer to an earlier request, as a terminal that recovered from a hang sends. */
  async sendUnsolicited(response: EcrResponse): Promise<void> {
    await this.transport.write(encodeEcrFrame(encodeEcrResponse(response)));
  }

  private onData(chunk: Uint8Array): void {
    if (this.behaviour === 'silent') return;
    for (const event of this.decoder.push(chunk)) {
      if (event.type === 'ack') this.unacknowledged = null;
      else if (event.type === 'nak') this.resend();
      else if (event.type === 'error' && event.error.code === 'lrc-mismatch') this.write(Uint8Array.of(NAK));
      else if (event.type === 'frame') this.onRequestFrame(event.body);
    }
  }

  private onRequestFrame(body: Uint8Array): void {
    const request = decodeEcrRequest(body);
    if (this.behaviour === 'nak' || request === null) {
      this.write(Uint8Array.of(NAK));
      return;
    }
    this.write(Uint8Array.of(ACK));
    const response = this.execute(request);
    const financial = request.type === 'sale' || request.type === 'void' || request.type === 'refund';
    if (response && !(financial && this.behaviour === 'approve-then-silent')) this.answer(response);
  }

  private execute(request: EcrRequest): EcrResponse | null {
    const answer = (record: EcrTransactionRecord | null): EcrResponse => ({ answeredType: request.type, answeredReference: request.reference, record });
    switch (request.type) {
      case 'query-last':
        return answer(this.lastFinancial);
      case 'settlement': {
        const approved = this.journal.filter((t) => t.batchNo === this.batchNo() && t.type !== 'settlement' && t.responseCode === ECR_APPROVED);
        const net = approved.reduce((sum, t) => sum + (t.type === 'sale' ? 1 : -1) * (t.amountFen ?? 0), 0);
        const record: EcrTransactionRecord = { type: 'settlement', reference: request.reference, responseCode: ECR_APPROVED, batchNo: this.batchNo(), count: approved.length, amountFen: Math.max(0, net) };
        this.journal.push(record);
        this.batch++;
        return answer(record);
      }
      default: {
        const record = this.financial(request);
        this.journal.push(record);
        this.lastFinancial = record;
        return answer(record);
      }
    }
  }

  private financial(request: Extract<EcrRequest, { amountFen: number }>): EcrTransactionRecord {
    const base = { type: request.type, reference: request.reference, amountFen: request.amountFen, batchNo: this.batchNo() };
    if (this.behaviour === 'decline') return { ...base, responseCode: SIMULATED_DECLINE_CODE, responseText: '余额不足' };
    if (this.behaviour === 'cancel') return { ...base, responseCode: ECR_CANCELLED, responseText: '持卡人取消' };
    const original = this.journal.find(
      (t) => t.type === 'sale' && t.responseCode === ECR_APPROVED && ((request.type === 'void' && t.voucherNo === request.originalVoucherNo && t.batchNo === this.batchNo()) || (request.type === 'refund' && t.referenceNo === request.originalReferenceNo)),
    );
    if (request.type !== 'sale' && !original) return { ...base, responseCode: SIMULATED_NOT_FOUND_CODE, responseText: '原交易不存在' };
    this.serial++;
    return { ...base, responseCode: ECR_APPROVED, voucherNo: String(this.serial).padStart(6, '0'), referenceNo: String(100_000_000_000 + this.serial), maskedPan: MASKED_PAN };
  }

  private answer(response: EcrResponse): void {
    const frame = encodeEcrFrame(encodeEcrResponse(response));
    this.unacknowledged = { frame, resends: 0 };
    if (this.corruptNext) {
      this.corruptNext = false;
      const damaged = Uint8Array.from(frame);
      damaged[damaged.length - 1]! ^= 0xff;
      this.write(damaged);
    } else {
      this.write(frame);
    }
  }

  private resend(): void {
    const pending = this.unacknowledged;
    if (!pending || pending.resends >= 3) return;
    pending.resends++;
    this.write(pending.frame);
  }

  private batchNo(): string {
    return String(this.batch).padStart(6, '0');
  }

  private write(bytes: Uint8Array): void {
    this.transport.write(bytes).catch(() => undefined);
  }
}
