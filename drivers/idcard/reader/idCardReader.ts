import type { Device } from '../../model/device.js';
import { DeviceStatusTracker } from '../../model/device.js';
import type { DeviceFault, DeviceStatus } from '../../model/deviceStatus.js';
import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import { parseReadResponseData } from '../readResponse.js';
import { type SamCommand, findCardCommand, readTextAndPhotoCommand, samStatusCommand, selectCardCommand } from '../samCommands.js';
import { isCardNumberValid } from '../textBlock/cardNumberValidity.js';
import { decodeTextBlock } from '../textBlock/decodeTextBlock.js';
import { ID_CARD_READER_FAULTS, isSamOutOfService } from './idCardReaderFaults.js';
import { DEFAULT_ID_CARD_READER_TIMINGS, type IdCardReaderTimings, type SamStep, stepTimeoutMs } from './idCardReaderTimings.js';
import { type ReadCardOptions, type ReadCardResult, readCardFailure } from './readCardResult.js';
import { SamSession } from './samSession.js';
import type { SamExchangeResult, SamSessionError } from './samSessionError.js';

export interface IdCardReaderOptions {
  id: string;
  transport: ByteTransport;
  /** As staff read it: "serial /dev/ttyUSB0", "usb 0400:c35a", "simulated". */
  binding: string;
  simulated: boolean;
  /** UART rate, so timeouts allow for the reply's time on the wire; 115200 by default. */
  baudRate?: number;
  timings?: Partial<IdCardReaderTimings>;
  now?: () => number;
}

/** How one step of the loop ended, when it did not simply succeed. */
type StepStop = { stop: ReadCardResult };

/**
 * A GA/T 467 ID-card reader as a Device. open() checks the SAM; readCard() is the loop flows
 * call: poll find → select → read until a card is read, the time is up or the caller aborts.
 *
 * Statistics: `reads` (cards read), `failedReads` (read commands that got no card data, e.g.
 * the card was pulled away), `errors` (timeouts, corrupted replies, unexpected statuses).
 */
export class IdCardReader implements Device {
  readonly kind = 'id-card-reader' as const;
  readonly id: string;
  private readonly tracker: DeviceStatusTracker;
  private readonly transport: ByteTransport;
  private readonly timings: IdCardReaderTimings;
  private readonly baudRate: number;
  private readonly now: () => number;
  private session: SamSession | null = null;
  private stopWatchingTransport: (() => void) | null = null;
  private silentCommandsInARow = 0;
  /** After a read the SAM answers find with 80 while the same card stays put (research §2, §9). */
  private cardMayBeOnReader = false;

  constructor(options: IdCardReaderOptions) {
    this.id = options.id;
    this.transport = options.transport;
    this.timings = { ...DEFAULT_ID_CARD_READER_TIMINGS, ...options.timings };
    this.baudRate = options.baudRate ?? 115200;
    this.now = options.now ?? Date.now;
    this.tracker = new DeviceStatusTracker(
      {
        id: options.id,
        kind: 'id-card-reader',
        binding: options.binding,
        simulated: options.simulated,
        capabilities: ['resident-card', 'foreigner-card-2017', 'foreigner-card-2023', 'residence-permit', 'photo-wlt-raw'],
      },
      this.now,
    );
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  async open(): Promise<void> {
    const state = this.tracker.status().state;
    if (state !== 'offline' && state !== 'fault') return;
    this.tracker.set('connecting');
    this.detach();
    try {
      if (!this.transport.isOpen) await this.transport.open();
    } catch (error) {
      this.tracker.count('errors');
      this.tracker.set('offline', ID_CARD_READER_FAULTS.notFound(errorText(error)));
      return;
    }
    this.session = new SamSession(this.transport);
    this.stopWatchingTransport = this.transport.onClose((reason) => this.onTransportClosed(reason));
    this.silentCommandsInARow = 0;
    this.cardMayBeOnReader = false;
    await this.checkSam();
  }

  async close(): Promise<void> {
    // Offline before the read loop notices, so a read ended by close never flips back to ready.
    this.detach();
    this.tracker.set('offline');
    await this.transport.close();
  }

  async checkHealth(): Promise<DeviceStatus> {
    const state = this.tracker.status().state;
    // A read in progress is itself proof of life; an offline reader is the manager's to reopen.
    if (state === 'ready' || state === 'fault') await this.checkSam();
    return this.tracker.status();
  }

  async readCard(options: ReadCardOptions): Promise<ReadCardResult> {
    const state = this.tracker.status().state;
    if (state === 'busy') return readCardFailure('read-failed', 'a read is already in progress');
    if (state !== 'ready' || !this.session) return readCardFailure('reader-offline', `reader is ${state}`);
    this.tracker.set('busy');
    const result = await this.readLoop(options);
    if (result.ok) this.tracker.count('reads');
    if (this.tracker.status().state === 'busy') this.tracker.set('ready');
    return result;
  }

  private async readLoop({ timeoutMs, signal, onProgress }: ReadCardOptions): Promise<ReadCardResult> {
    const deadline = this.now() + timeoutMs;
    // The reason to give if time runs out: plain "no card" unless something worse happened.
    let lastProblem: ReadCardResult | null = null;
    // When find answers 80 but the card may still lie there, already read, try reading it directly
    // (research §2: Synjones, A905Reader). 'earlier-request': a previous readCard read it;
    // 'this-request': a read just now failed in transmission, so the SAM may count the card as read.
    let directRead: 'earlier-request' | 'this-request' | null = this.cardMayBeOnReader ? 'earlier-request' : null;
    const cardRemoved = (outcome: ReadCardResult) => {
      lastProblem = outcome;
      if (!outcome.ok) onProgress?.({ kind: 'card-removed', message: outcome.message });
    };
    for (;;) {
      if (signal?.aborted) return readCardFailure('cancelled');
      const find = await this.step(findCardCommand(), 'find', signal);
      if ('stop' in find) return find.stop;
      if (find.ok) {
        this.cardMayBeOnReader = false;
        onProgress?.({ kind: 'card-detected' });
        const outcome = await this.selectAndRead(signal);
        if ('stop' in outcome) return outcome.stop;
        if (outcome.ok) return outcome;
        directRead = this.cardMayBeOnReader ? 'this-request' : null;
        if (!directRead) cardRemoved(outcome);
      } else if (directRead && isNoCard(find.error)) {
        const probing = directRead;
        const outcome = await this.readOnly(signal, { probe: true, leftOnReader: probing === 'earlier-request' });
        if ('stop' in outcome) return outcome.stop;
        if (outcome.ok) return outcome;
        directRead = this.cardMayBeOnReader ? 'this-request' : null;
        // A card taken away after an earlier read is the normal case; after a failed read it is not.
        if (!directRead && probing === 'this-request') cardRemoved(outcome);
      }
      if (this.now() >= deadline) return lastProblem ?? readCardFailure('timeout');
      if (!(await sleep(Math.min(this.timings.pollIntervalMs, Math.max(0, deadline - this.now())), signal))) return readCardFailure('cancelled');
    }
  }

  /** Select then read; a failure here after a successful find means the card moved away. */
  private async selectAndRead(signal: AbortSignal | undefined): Promise<ReadCardResult | StepStop> {
    const select = await this.step(selectCardCommand(), 'select', signal);
    if ('stop' in select) return select;
    if (!select.ok) return readCardFailure('card-removed', describeError(select.error));
    return this.readOnly(signal, { probe: false, leftOnReader: false });
  }

  /**
   * Reads text + photo. `probe`: a direct read without find/select, expected to fail with a
   * status whenever the card has gone, so that failure is neither an error nor a failed read.
   */
  private async readOnly(signal: AbortSignal | undefined, { probe, leftOnReader }: { probe: boolean; leftOnReader: boolean }): Promise<ReadCardResult | StepStop> {
    const read = await this.step(readTextAndPhotoCommand(), 'read', signal, { probe });
    if ('stop' in read) return read;
    if (!read.ok) {
      // SW3 41 means the card is gone; a reply lost or corrupted on the line may have left it read and in place.
      this.cardMayBeOnReader = read.error.kind !== 'status-failure';
      if (!probe) this.tracker.count('failedReads');
      return readCardFailure('card-removed', describeError(read.error));
    }
    const data = parseReadResponseData(read.response.data);
    if (!data.ok) return this.unreadableCard(data.error.code);
    const text = decodeTextBlock(data.value.text);
    if (!text.ok) return this.unreadableCard(text.error.code);
    this.cardMayBeOnReader = true;
    return { ok: true, card: text.card, photo: data.value.photo, idNumberValid: isCardNumberValid(text.card), cardWasLeftOnReader: leftOnReader };
  }

  /** A checksummed reply we cannot interpret will not improve by reading again: stop at once. */
  private unreadableCard(code: string): StepStop {
    this.tracker.count('failedReads');
    return { stop: readCardFailure('read-failed', code) };
  }

  /**
   * One exchange, with the outcomes that end the whole read turned into a stop: unplugged,
   * cancelled, the SAM out of service, or the reader silent for several commands in a row.
   */
  private async step(command: SamCommand, step: SamStep, signal: AbortSignal | undefined, { probe = false } = {}): Promise<SamExchangeResult | StepStop> {
    const session = this.session;
    if (!session) return { stop: readCardFailure('reader-offline', 'reader closed') };
    const result = await session.exchange(command, { timeoutMs: stepTimeoutMs(step, this.timings, this.baudRate), signal });
    if (result.ok) {
      this.silentCommandsInARow = 0;
      return result;
    }
    const error = result.error;
    if (error.kind === 'cancelled') return { stop: readCardFailure('cancelled') };
    if (error.kind === 'disconnected') return { stop: readCardFailure('reader-offline', describeError(error)) };
    // Polling finds no card most of the time, and a probe read fails whenever the card was taken: both expected.
    const expected = (step === 'find' && isNoCard(error)) || (probe && error.kind === 'status-failure');
    if (!expected) this.tracker.count('errors');
    this.silentCommandsInARow = error.kind === 'timeout' ? this.silentCommandsInARow + 1 : 0;
    if (error.kind === 'status-failure' && isSamOutOfService(error.status)) return { stop: this.fault(ID_CARD_READER_FAULTS.sam(error.status), error) };
    if (this.silentCommandsInARow >= this.timings.silentCommandsBeforeFault) return { stop: this.fault(ID_CARD_READER_FAULTS.notResponding(), error) };
    return result;
  }

  private fault(fault: DeviceFault, error: SamSessionError): ReadCardResult {
    this.tracker.set('fault', fault);
    return readCardFailure('reader-offline', describeError(error));
  }

  /** SAM status (11 FF): ready when it answers 90, otherwise a fault naming what is wrong. */
  private async checkSam(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const result = await session.exchange(samStatusCommand(), { timeoutMs: stepTimeoutMs('control', this.timings, this.baudRate) });
    if (result.ok) {
      this.silentCommandsInARow = 0;
      this.tracker.set('ready');
      return;
    }
    const error = result.error;
    if (error.kind === 'disconnected' || error.kind === 'cancelled') return;
    this.tracker.count('errors');
    if (error.kind === 'status-failure') this.tracker.set('fault', ID_CARD_READER_FAULTS.sam(error.status));
    else if (error.kind === 'frame-error') this.tracker.set('fault', ID_CARD_READER_FAULTS.protocolError());
    else this.tracker.set('fault', ID_CARD_READER_FAULTS.notResponding());
  }

  private onTransportClosed(reason: TransportCloseReason): void {
    this.detach();
    this.cardMayBeOnReader = false;
    if (reason.kind === 'closed-by-us') this.tracker.set('offline');
    else this.tracker.set('offline', ID_CARD_READER_FAULTS.disconnected(reason.message));
  }

  private detach(): void {
    this.stopWatchingTransport?.();
    this.stopWatchingTransport = null;
    this.session?.dispose();
    this.session = null;
  }
}

function describeError(error: SamSessionError): string {
  switch (error.kind) {
    case 'status-failure':
      return `${error.command}: SW3 ${error.status.sw3.toString(16).toUpperCase().padStart(2, '0')} ${error.status.code}`;
    case 'frame-error':
      return `${error.command}: ${error.errors.map((e) => e.code).join(', ')}`;
    case 'timeout':
      return `${error.command}: no reply within ${Math.round(error.timeoutMs)} ms`;
    case 'disconnected':
      return `${error.command}: ${error.message}`;
    case 'cancelled':
      return `${error.command}: cancelled`;
  }
}

function isNoCard(error: SamSessionError): boolean {
  return error.kind === 'status-failure' && error.status.code === 'no-card';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
