import type { ByteTransport } from '../../transport/byteTransport.js';
import { APPENDED_ADDRESS_BYTES } from '../decodeReaderReply.js';
import { samWireTimeMs } from '../reader/samWireTime.js';
import { SAM_BAUD_RATE_PARAMETERS, type SamBaudRate, type SamCommandName, parseSamCommandBody } from '../samCommands.js';
import type { SamFrame } from '../samFrame.js';
import { SamFrameDecoder } from '../samFrameDecoder.js';
import { encodeSamResponse } from '../samResponse.js';
import { writeTextField } from '../textBlock/textBlockField.js';
import { samCommandNameOf } from './samCommandNames.js';
import { type SimulatedCard, cardReadData } from './simulatedCard.js';
import { DEFAULT_GARBAGE, type SimulatedReaderFault } from './simulatedReaderFault.js';

/**
 * Where the card is in the SAM's eyes. 'read' is the card left on the reader after a read:
 * find answers 80 until it is taken away (research §2), but it can still be read directly.
 */
export type SimulatedCardState = 'absent' | 'in-field' | 'found' | 'selected' | 'read';

export interface IdCardReaderSimulatorOptions {
  /** 'wire-time' paces replies at the baud rate, 10 bits per byte; 'immediate' writes them at once (unit tests). */
  pacing?: 'wire-time' | 'immediate';
  baudRate?: SamBaudRate;
  /** 16 bytes for 12 FF; by default 05.01-20240101-0000000001-0000000042. */
  samId?: Uint8Array;
}

interface Reply {
  sw3: number;
  data?: Uint8Array;
  sw1?: number;
  sw2?: number;
}

interface ArmedFault {
  fault: SimulatedReaderFault;
  remaining: number;
}

/** Bytes written per paced chunk: small enough to look like a UART, large enough not to flood timers. */
const PACED_CHUNK_BYTES = 32;

/**
 * A SIMULATED GA/T 467 ID-card reader (SAM_V) on the device end of a ByteTransport. It decodes
 * command frames incrementally and answers byte for byte as a real reader does, from a card
 * model holding synthetic data, with faults injected on command. It is not a driver: the driver
 * under test talks to it over a transport exactly as it would to hardware.
 */
export class IdCardReaderSimulator {
  private readonly decoder = new SamFrameDecoder();
  private readonly pacing: 'wire-time' | 'immediate';
  private readonly samId: Uint8Array;
  private baud: SamBaudRate;
  private card: SimulatedCard | null = null;
  private cardState_: SimulatedCardState = 'absent';
  private samSelfTestFailed = false;
  private faults: ArmedFault[] = [];
  private work: Promise<void> = Promise.resolve();
  private readonly received: Array<SamCommandName | 'unknown'> = [];
  /** Bumped when the link drops: work begun before an unplug must not spill onto the next connection. */
  private link = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: IdCardReaderSimulatorOptions = {},
  ) {
    this.pacing = options.pacing ?? 'immediate';
    this.baud = options.baudRate ?? 115200;
    this.samId = options.samId ?? defaultSamId();
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose(() => {
      this.link += 1;
      this.decoder.reset();
    });
  }

  /** Powers the simulated reader up on its end of the link (again, after a replug). */
  async start(): Promise<void> {
    this.decoder.reset();
    if (!this.transport.isOpen) await this.transport.open();
  }

  async stop(): Promise<void> {
    await this.transport.close();
  }

  get baudRate(): SamBaudRate {
    return this.baud;
  }

  get cardState(): SimulatedCardState {
    return this.cardState_;
  }

  /** Every command received, in order; frames it could not decode are not listed. */
  get receivedCommands(): ReadonlyArray<SamCommandName | 'unknown'> {
    return this.received;
  }

  placeCard(card: SimulatedCard): void {
    this.card = card;
    this.cardState_ = 'in-field';
  }

  removeCard(): void {
    this.card = null;
    this.cardState_ = 'absent';
  }

  /** A failed SAM answers 60 to everything, reset included, until cleared. */
  setSamSelfTestFailed(failed: boolean): void {
    this.samSelfTestFailed = failed;
  }

  injectFault(fault: SimulatedReaderFault, { times = 1 }: { times?: number } = {}): void {
    this.faults.push({ fault, remaining: times });
  }

  /** Resolves once every command received so far has been answered. */
  idle(): Promise<void> {
    return this.work;
  }

  private onData(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) {
      if (event.type === 'frame') this.enqueue(() => this.handleFrame(event.frame));
      // A broken command frame gets the status a real SAM sends for it (research §3: 10, 11).
      else if (event.error.code === 'checksum-mismatch') this.enqueue(() => this.send(encodeSamResponse(reply({ sw3: 0x10 }))));
      else if (event.error.code === 'length-out-of-range') this.enqueue(() => this.send(encodeSamResponse(reply({ sw3: 0x11 }))));
    }
  }

  // One command at a time, like the SAM; a failing write (unplugged mid-reply) must not stop the queue.
  private enqueue(task: () => Promise<void>): void {
    const link = this.link;
    this.work = this.work.then(() => (link === this.link ? task() : undefined)).catch(() => undefined);
  }

  private async handleFrame(frame: SamFrame): Promise<void> {
    const parsed = parseSamCommandBody(frame.body);
    const name = parsed ? samCommandNameOf(parsed.command, parsed.parameter) : null;
    this.received.push(name ?? 'unknown');
    if (!parsed || !name) return this.send(encodeSamResponse(reply({ sw3: 0x21 })));
    if (this.samSelfTestFailed) return this.send(encodeSamResponse(reply({ sw3: 0x60 })));

    const midReadRemoval = isRead(name) && this.canRead() ? this.takeFault(name, 'card-removed-mid-read') : null;
    if (midReadRemoval?.kind === 'card-removed-mid-read') {
      const answer = midReadRemoval.mode === 'fail' ? encodeSamResponse(reply({ sw3: 0x41 })) : this.partial(this.answer(name, parsed.parameter));
      this.removeCard();
      return this.send(answer);
    }

    const fault = this.takeFault(name, 'silence', 'bad-checksum', 'garbage-before-reply');
    const baudBefore = this.baud;
    let bytes = encodeSamResponse(reply(this.answer(name, parsed.parameter)));
    if (fault?.kind === 'silence') return;
    if (fault?.kind === 'bad-checksum') bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    if (fault?.kind === 'garbage-before-reply') bytes = concat(fault.bytes ?? DEFAULT_GARBAGE, bytes);
    // The 60 xx reply still goes out at the old rate; the new one applies from the next frame.
    return this.send(bytes, baudBefore);
  }

  /** The reply to a well-formed command, and the state change it causes. */
  private answer(name: SamCommandName, parameter: number): Reply {
    switch (name) {
      case 'reset-sam':
        if (this.card) this.cardState_ = 'in-field';
        return { sw3: 0x90 };
      case 'sam-status':
        return { sw3: 0x90 };
      case 'sam-id':
        return { sw3: 0x90, data: this.samId };
      case 'find-card':
        if (this.cardState_ === 'absent' || this.cardState_ === 'read') return { sw3: 0x80 };
        this.cardState_ = 'found';
        return { sw3: 0x9f, data: new Uint8Array(4) };
      case 'select-card':
        if (this.cardState_ !== 'found' && this.cardState_ !== 'selected') return { sw3: 0x81 };
        this.cardState_ = 'selected';
        return { sw3: 0x90, data: new Uint8Array(8) };
      case 'read-text-photo':
      case 'read-text-photo-fingerprint':
        if (!this.card || !this.canRead()) return { sw3: 0x41 };
        this.cardState_ = 'read';
        return { sw3: 0x90, data: cardReadData(this.card, name === 'read-text-photo-fingerprint') };
      case 'read-appended-address':
        // Right after a read it needs no new find/select (research §2, guocihong).
        if (!this.card || this.cardState_ !== 'read') return { sw3: 0x41 };
        return this.card.appendedAddress === null ? { sw3: 0x91 } : { sw3: 0x90, data: appendedAddressData(this.card.appendedAddress) };
      case 'set-baud-rate':
        this.baud = baudRateOf(parameter) ?? this.baud;
        return { sw3: 0x90 };
      case 'set-max-rf-frame-bytes':
        return { sw3: 0x90 };
    }
  }

  private canRead(): boolean {
    return this.card !== null && (this.cardState_ === 'selected' || this.cardState_ === 'read');
  }

  /** The first half of a reply, as seen when the card leaves the field while the reader is still sending. */
  private partial(answer: Reply): Uint8Array {
    const full = encodeSamResponse(reply(answer));
    return full.subarray(0, Math.floor(full.length / 2));
  }

  private takeFault<K extends SimulatedReaderFault['kind']>(name: SamCommandName, ...kinds: K[]): Extract<SimulatedReaderFault, { kind: K }> | null {
    const armed = this.faults.find(({ fault }) => (kinds as string[]).includes(fault.kind) && (!('on' in fault) || fault.on === undefined || fault.on === name));
    if (!armed) return null;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.faults = this.faults.filter((entry) => entry !== armed);
    return armed.fault as Extract<SimulatedReaderFault, { kind: K }>;
  }

  private async send(bytes: Uint8Array, baud: number = this.baud): Promise<void> {
    const link = this.link;
    const connected = () => link === this.link && this.transport.isOpen;
    if (!connected()) return;
    if (this.pacing === 'immediate') return this.transport.write(bytes);
    // Each chunk leaves when its last byte would have finished arriving over the UART.
    const started = performance.now();
    for (let sent = 0; sent < bytes.length; sent += PACED_CHUNK_BYTES) {
      const chunk = bytes.subarray(sent, sent + PACED_CHUNK_BYTES);
      await delay(started + samWireTimeMs(sent + chunk.length, baud) - performance.now());
      if (!connected()) return;
      await this.transport.write(chunk);
    }
  }
}

function reply({ sw3, data = new Uint8Array(0), sw1 = 0, sw2 = 0 }: Reply) {
  return { sw1, sw2, sw3, data };
}

function isRead(name: SamCommandName): boolean {
  return name === 'read-text-photo' || name === 'read-text-photo-fingerprint';
}

function baudRateOf(parameter: number): SamBaudRate | null {
  const entry = Object.entries(SAM_BAUD_RATE_PARAMETERS).find(([, value]) => value === parameter);
  return entry ? (Number(entry[0]) as SamBaudRate) : null;
}

function appendedAddressData(address: string): Uint8Array {
  const data = new Uint8Array(APPENDED_ADDRESS_BYTES);
  writeTextField(data, { offset: 0, byteLength: APPENDED_ADDRESS_BYTES }, address);
  return data;
}

function defaultSamId(): Uint8Array {
  const id = new Uint8Array(16);
  const view = new DataView(id.buffer);
  view.setUint16(0, 5, true);
  view.setUint16(2, 1, true);
  view.setUint32(4, 20240101, true);
  view.setUint32(8, 1, true);
  view.setUint32(12, 42, true);
  return id;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
