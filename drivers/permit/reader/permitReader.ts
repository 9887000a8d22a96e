import type { Device } from '../../model/device.js';
import { DeviceStatusTracker } from '../../model/device.js';
import type { DeviceStatus } from '../../model/deviceStatus.js';
import { recordLinkClosed } from '../../model/recordLinkClosed.js';
import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import { localCalendarDate } from '../mrz/calendarDate.js';
import type { CheckDigitName } from '../mrz/mrzError.js';
import { parseMrz } from '../mrz/parseMrz.js';
import { MrzTextLineDecoder } from '../wire/mrzTextLineDecoder.js';
import type { PermitWireDecoder, PermitWireEvent } from '../wire/permitWireDecoder.js';
import type { PermitChipReader } from './permitChipAccess.js';
import { MISREADING_FAULT_CODE, PERMIT_READER_FAULTS } from './permitReaderFaults.js';
import { type AcceptedPermitType, READ_PERMIT_MESSAGES, type ReadPermitRequest, type ReadPermitResult } from './readPermitResult.js';

export interface PermitReaderOptions {
  id: string;
  transport: ByteTransport;
  /** As staff read it: "serial /dev/ttyUSB1 @9600", "simulated". */
  binding?: string;
  simulated?: boolean;
  /** The reader's wire format: the generic serial-text mode with 3-line zones by default; vendor framings plug in here. */
  wire?: PermitWireDecoder;
  /**
   * Quiet time after the last byte at which a partly received zone counts as complete. Readers
   * send a document's lines in one burst, so this ends a one-line permit zone on a reader set
   * for three, and drops a half-sent zone instead of gluing it to the next document.
   */
  blockGapMs?: number;
  /** This many bad reads in a row raise the misreading fault (reads go on; a good read clears it). */
  badReadsBeforeFault?: number;
  /** How often a running read probes the link (see probeLink); 2 s by default. */
  linkProbeIntervalMs?: number;
  /** Contactless chip access, when a licensed plug-in is installed (see permitChipAccess.ts). */
  chipReader?: PermitChipReader;
  /** Time source for status timestamps and for "today" when resolving MRZ dates. */
  now?: () => number;
}

export const DEFAULT_BLOCK_GAP_MS = 300;
export const DEFAULT_BAD_READS_BEFORE_FAULT = 3;
export const DEFAULT_LINK_PROBE_INTERVAL_MS = 2_000;
const NO_BYTES = new Uint8Array(0);
const BOTH_PERMITS: readonly AcceptedPermitType[] = ['hk-macau-permit', 'taiwan-permit'];

interface ActiveRead {
  accept: readonly AcceptedPermitType[];
  finish(result: ReadPermitResult): void;
}

/**
 * The card-permit reader (往来港澳通行证 / 往来台湾通行证) as the flows see it: "give me a
 * permit within N seconds". The first driver reads the printed MRZ from an OCR reader in
 * serial-text mode; the reader sends by itself when a document is placed, so there is no
 * command to send and nothing to poll.
 *
 * Input is gated as for the payment-code scanner: a zone that completes while no read was
 * asked for is discarded (counted, never kept), so one citizen's permit is never handed to
 * the next. A new readPermit() cancels one still running.
 *
 * Statistics: `reads` (permits returned), `badReads` (zones failing their checks or format),
 * `wrongDocuments`, `timeouts`, `zonesDiscarded`, `noiseLines`, `wireErrors`, `disconnects`.
 * Neither statistics nor status ever carry MRZ content.
 */
export class PermitReader implements Device {
  readonly kind = 'permit-reader' as const;
  readonly id: string;
  private readonly tracker: DeviceStatusTracker;
  private readonly transport: ByteTransport;
  private readonly wire: PermitWireDecoder;
  private readonly blockGapMs: number;
  private readonly badReadsBeforeFault: number;
  private readonly linkProbeIntervalMs: number;
  private readonly now: () => number;
  private active: ActiveRead | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private subscribed = false;
  private badReadsInARow = 0;

  constructor(private readonly options: PermitReaderOptions) {
    this.id = options.id;
    this.transport = options.transport;
    this.wire = options.wire ?? new MrzTextLineDecoder();
    this.blockGapMs = options.blockGapMs ?? DEFAULT_BLOCK_GAP_MS;
    this.badReadsBeforeFault = options.badReadsBeforeFault ?? DEFAULT_BAD_READS_BEFORE_FAULT;
    this.linkProbeIntervalMs = options.linkProbeIntervalMs ?? DEFAULT_LINK_PROBE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    const capabilities = ['read-permit-mrz', 'mrz-permit-line', 'mrz-td1', `wire-${this.wire.name}`];
    if (options.chipReader) capabilities.push('chip-access');
    this.tracker = new DeviceStatusTracker(
      { id: options.id, kind: 'permit-reader', binding: options.binding ?? options.transport.description, simulated: options.simulated ?? false, capabilities },
      this.now,
    );
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  /** The chip plug-in, when one is installed; flows read the chip with the key from chipAccessKeyOf(permit). */
  get chipReader(): PermitChipReader | null {
    return this.options.chipReader ?? null;
  }

  async open(): Promise<void> {
    if (!this.subscribed) {
      this.transport.onData((chunk) => this.onData(chunk));
      this.transport.onClose((reason) => this.onTransportClose(reason));
      this.subscribed = true;
    }
    const state = this.tracker.status().state;
    if (state !== 'offline' && state !== 'fault') return;
    this.tracker.set('connecting');
    try {
      if (!this.transport.isOpen) await this.transport.open();
    } catch (error) {
      this.tracker.set('offline', PERMIT_READER_FAULTS.notFound(error instanceof Error ? error.message : String(error)));
      return;
    }
    this.clearGapTimer();
    this.wire.abandon();
    this.badReadsInARow = 0;
    this.tracker.set('ready');
  }

  async close(): Promise<void> {
    // Offline before the read ends, so a read ended by close never flips the reader back to ready.
    this.tracker.set('offline');
    this.active?.finish(failure('cancelled'));
    this.clearGapTimer();
    this.wire.abandon();
    await this.transport.close();
  }

  async checkHealth(): Promise<DeviceStatus> {
    // Serial-text readers have no status query; a live link is all there is to check.
    await this.probeLink();
    if (!this.transport.isOpen && this.tracker.status().state !== 'offline') this.tracker.set('offline', PERMIT_READER_FAULTS.disconnected('link closed'));
    return this.tracker.status();
  }

  readPermit(request: ReadPermitRequest): Promise<ReadPermitResult> {
    this.active?.finish(failure('cancelled'));
    if (!this.transport.isOpen || !this.canRead()) return Promise.resolve(failure('reader-offline'));
    if (request.signal?.aborted) return Promise.resolve(failure('cancelled'));

    this.tracker.set('busy');
    return new Promise<ReadPermitResult>((resolve) => {
      const onAbort = () => read.finish(failure('cancelled'));
      const timer = setTimeout(() => read.finish(failure('timeout')), request.timeoutMs);
      // A reader that only talks when a document comes gives no sign when its cable goes: ask the link.
      const probes = setInterval(() => void this.probeLink(), this.linkProbeIntervalMs);
      const read: ActiveRead = {
        accept: request.accept ?? BOTH_PERMITS,
        finish: (result) => {
          if (this.active !== read) return;
          this.active = null;
          clearTimeout(timer);
          clearInterval(probes);
          request.signal?.removeEventListener('abort', onAbort);
          if (!result.ok && result.reason === 'timeout') this.tracker.count('timeouts');
          if (this.tracker.status().state === 'busy') this.setResting();
          resolve(result);
        },
      };
      this.active = read;
      request.signal?.addEventListener('abort', onAbort, { once: true });
      void this.probeLink();
    });
  }

  /**
   * Writes nothing and waits for it to drain: no byte reaches the reader, but a port whose device
   * has gone fails the write (EIO/ENXIO), and the transport then reports the disconnect. Needed
   * because a passive reader's link can die without the pending read ever failing (seen with
   * node-serialport on a hung-up pseudo-terminal: the read retries on end-of-file for ever).
   */
  private async probeLink(): Promise<void> {
    if (!this.transport.isOpen) return;
    await this.transport.write(NO_BYTES).catch(() => undefined);
  }

  /** Ready, busy, or only complaining about misreads (the reader still works). */
  private canRead(): boolean {
    const { state, fault } = this.tracker.status();
    return state === 'ready' || state === 'busy' || (state === 'fault' && fault?.code === MISREADING_FAULT_CODE);
  }

  private setResting(): void {
    if (this.badReadsInARow >= this.badReadsBeforeFault) this.tracker.set('fault', PERMIT_READER_FAULTS.misreading(this.badReadsInARow));
    else this.tracker.set('ready');
  }

  private onData(chunk: Uint8Array): void {
    this.handle(this.wire.push(chunk));
    this.clearGapTimer();
    if (this.wire.pendingByteCount > 0) this.gapTimer = setTimeout(() => this.onQuiet(), this.blockGapMs);
  }

  private onQuiet(): void {
    this.gapTimer = null;
    this.handle(this.wire.flush());
  }

  private handle(events: PermitWireEvent[]): void {
    for (const event of events) {
      if (event.type === 'noise') this.tracker.count('noiseLines');
      else if (event.type === 'error') this.tracker.count('wireErrors');
      else this.onZone(event.lines);
    }
  }

  private onZone(lines: string[]): void {
    const read = this.active;
    if (!read) {
      this.tracker.count('zonesDiscarded');
      return;
    }
    const parsed = parseMrz(lines, { today: localCalendarDate(this.now()) });
    if (parsed.ok) {
      // The reader read a whole zone correctly, whatever the document: it works.
      this.badReadsInARow = 0;
      const permit = parsed.mrz;
      const type = permit.documentType;
      if (type !== 'other' && read.accept.includes(type)) {
        this.tracker.count('reads');
        read.finish({ ok: true, permit });
      } else {
        this.wrongDocument(read, permit.documentCode);
      }
      return;
    }
    const unsupported = parsed.errors.find((error) => error.code === 'unsupported-layout');
    if (unsupported) {
      this.badReadsInARow = 0;
      this.wrongDocument(read, unsupported.documentCode);
      return;
    }
    this.badReadsInARow += 1;
    this.tracker.count('badReads');
    const failedChecks: CheckDigitName[] = parsed.errors.flatMap((error) => (error.code === 'check-digit-mismatch' ? [error.check] : []));
    read.finish({ ok: false, reason: 'bad-read', message: READ_PERMIT_MESSAGES['bad-read'], failedChecks, errors: parsed.errors });
  }

  private wrongDocument(read: ActiveRead, documentCode: string): void {
    this.tracker.count('wrongDocuments');
    read.finish({ ok: false, reason: 'wrong-document', message: READ_PERMIT_MESSAGES['wrong-document'], documentCode });
  }

  private onTransportClose(reason: TransportCloseReason): void {
    this.clearGapTimer();
    this.wire.abandon();
    // Offline first, so the read it ends does not flip the reader back to ready on the way.
    recordLinkClosed(this.tracker, reason, (lost) => PERMIT_READER_FAULTS.disconnected(lost.message));
    this.active?.finish(failure('reader-offline'));
  }

  private clearGapTimer(): void {
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}

function failure(reason: 'timeout' | 'cancelled' | 'reader-offline'): ReadPermitResult {
  return { ok: false, reason, message: READ_PERMIT_MESSAGES[reason] };
}
