import type { ByteTransport } from '../../transport/byteTransport.js';
import { computeCheckDigit } from '../mrz/checkDigit.js';
import type { CheckDigitName } from '../mrz/mrzError.js';
import type { FieldPosition } from '../mrz/mrzFieldReader.js';
import { PERMIT_LINE_FIELDS, permitLineCompositeCandidates } from '../mrz/permitLineLayout.js';
import { TD1_FIELDS } from '../mrz/td1Layout.js';
import { encodeMrzText, type MrzLineEnding, type MrzTextFraming } from '../wire/encodeMrzText.js';
import { DEFAULT_NOISE, DEFAULT_SPLICE, type SimulatedPermitReaderFault } from './simulatedPermitReaderFault.js';

export interface SimulatedPermitReaderOptions {
  /** 'wire-time' paces bytes at the baud rate, 10 bits per byte; 'immediate' writes at once (unit tests). */
  pacing?: 'wire-time' | 'immediate';
  /** 9600 by default, a common factory setting for serial OCR readers. */
  baudRate?: number;
  /** CR LF without STX/ETX by default. */
  lineEnding?: MrzLineEnding;
  markers?: boolean;
}

interface ArmedFault {
  fault: SimulatedPermitReaderFault;
  remaining: number;
}

const PACED_CHUNK_BYTES = 32;
/** UART 8N1: start bit, 8 data bits, stop bit. */
const BITS_PER_BYTE = 10;
/** A digit OCR-B readers mistake for the other (3/8, 1/7, 5/6, …). */
const DIGIT_MISREAD: Readonly<Record<string, string>> = { '0': '8', '1': '7', '2': '7', '3': '8', '4': '9', '5': '6', '6': '5', '7': '1', '8': '3', '9': '4' };

/**
 * A SIMULATED passport/permit OCR reader in serial-text mode, on the device end of a
 * ByteTransport: when a document is presented it sends the document's MRZ lines exactly as
 * the generic serial-text mode describes (MrzTextLineDecoder), paced at the baud rate if asked,
 * with faults injected on command. It is not a driver: the PermitReader under test reads it
 * over a transport exactly as it would read hardware. Synthetic documents only.
 */
export class SimulatedPermitReader {
  private readonly pacing: 'wire-time' | 'immediate';
  private readonly baud: number;
  private readonly framing: MrzTextFraming;
  private faults: ArmedFault[] = [];
  private work: Promise<void> = Promise.resolve();
  private sent = 0;
  /** Bumped when the link drops: a zone being sent when the cable is pulled is not finished after a replug. */
  private link = 0;

  constructor(
    private readonly transport: ByteTransport,
    options: SimulatedPermitReaderOptions = {},
  ) {
    this.pacing = options.pacing ?? 'immediate';
    this.baud = options.baudRate ?? 9600;
    this.framing = { lineEnding: options.lineEnding ?? 'CRLF', markers: options.markers ?? false };
    transport.onClose(() => {
      this.link += 1;
    });
  }

  /** Powers the simulated reader up on its end of the link (again, after a replug). */
  async start(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
  }

  async stop(): Promise<void> {
    await this.transport.close();
  }

  get baudRate(): number {
    return this.baud;
  }

  /** Zones sent in full so far. */
  get zonesSent(): number {
    return this.sent;
  }

  injectFault(fault: SimulatedPermitReaderFault, { times = 1 }: { times?: number } = {}): void {
    this.faults.push({ fault, remaining: times });
  }

  /**
   * A citizen places a document whose MRZ reads `lines` (see syntheticPermitZone); the reader
   * sends it, faults applied. Resolves once the last byte is on the wire.
   */
  presentDocument(lines: readonly string[]): Promise<void> {
    const fault = this.takeFault();
    return this.enqueue(() => this.sendZone(lines, fault));
  }

  /** Line noise with no document: a line of bytes that are not MRZ text. */
  sendNoise(bytes: Uint8Array = Uint8Array.from(DEFAULT_NOISE)): Promise<void> {
    return this.enqueue(() => this.send(withEnding(bytes, this.framing.lineEnding)));
  }

  /** Resolves once everything asked for so far has been sent. */
  idle(): Promise<void> {
    return this.work;
  }

  private async sendZone(lines: readonly string[], fault: SimulatedPermitReaderFault | null): Promise<void> {
    if (fault?.kind === 'silence') return;
    let zone = [...lines];
    if (fault?.kind === 'misread') zone = misread(zone, fault.check);
    if (fault?.kind === 'cut-off') zone = zone.slice(0, fault.afterLines);
    let bytes = encodeMrzText(zone, { ...this.framing, markers: this.framing.markers && fault?.kind !== 'cut-off' });
    if (fault?.kind === 'garbage' && fault.where === 'before-zone') {
      bytes = concat(withEnding(fault.bytes ?? Uint8Array.from(DEFAULT_NOISE), this.framing.lineEnding), bytes);
    }
    if (fault?.kind === 'garbage' && fault.where === 'inside-line') {
      const at = (this.framing.markers ? 1 : 0) + Math.floor((zone[0]?.length ?? 0) / 2);
      bytes = concat(concat(bytes.subarray(0, at), fault.bytes ?? Uint8Array.from(DEFAULT_SPLICE)), bytes.subarray(at));
    }
    if (await this.send(bytes)) this.sent += 1;
  }

  private takeFault(): SimulatedPermitReaderFault | null {
    const armed = this.faults[0];
    if (!armed) return null;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.faults.shift();
    return armed.fault;
  }

  // One zone at a time, like the reader's UART; a failing write (unplugged) must not stop the queue.
  private enqueue(task: () => Promise<unknown>): Promise<void> {
    const link = this.link;
    const next = this.work.then(() => (link === this.link ? task() : undefined)).then(
      () => undefined,
      () => undefined,
    );
    this.work = next;
    return next;
  }

  /** True when every byte went out on the link it started on. */
  private async send(bytes: Uint8Array): Promise<boolean> {
    const link = this.link;
    const connected = () => link === this.link && this.transport.isOpen;
    if (!connected()) return false;
    if (this.pacing === 'immediate') {
      await this.transport.write(bytes);
      return true;
    }
    // Each chunk leaves when its last byte would have finished arriving over the UART.
    const started = performance.now();
    for (let offset = 0; offset < bytes.length; offset += PACED_CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, offset + PACED_CHUNK_BYTES);
      await delay(started + ((offset + chunk.length) * BITS_PER_BYTE * 1000) / this.baud - performance.now());
      if (!connected()) return false;
      await this.transport.write(chunk);
    }
    return true;
  }
}

/**
 * The zone with one OCR misread covered by `check`: the last digit of the document number
 * (a 0 read as the letter O where the field allows letters), the year's second digit of a date
 * (so the date stays a calendar date), or the composite digit itself.
 */
function misread(lines: string[], check: CheckDigitName): string[] {
  const permitLine = lines.length === 1;
  const fields = permitLine ? PERMIT_LINE_FIELDS : TD1_FIELDS;
  const replace = (position: FieldPosition, offset: number, to: (char: string) => string): string[] => {
    const out = [...lines];
    const line = out[position.line] ?? '';
    const at = position.start + offset;
    out[position.line] = line.slice(0, at) + to(line[at] ?? '0') + line.slice(at + 1);
    return out;
  };
  switch (check) {
    case 'document-number': {
      const number = (lines[fields.documentNumber.line] ?? '').slice(fields.documentNumber.start, fields.documentNumber.start + fields.documentNumber.length);
      const offset = Math.max(...[...number].map((char, i) => (/[0-9]/.test(char) ? i : -1)));
      return replace(fields.documentNumber, Math.max(0, offset), (char) => (char === '0' ? 'O' : (DIGIT_MISREAD[char] ?? '0')));
    }
    case 'birth-date':
      return replace(fields.birthDate, 1, (char) => DIGIT_MISREAD[char] ?? '0');
    case 'expiry-date':
      return replace(fields.expiryDate, 1, (char) => DIGIT_MISREAD[char] ?? '0');
    case 'composite':
      return replace(fields.compositeCheck, 0, (char) => wrongComposite(lines, permitLine, char));
  }
}

function wrongComposite(lines: readonly string[], permitLine: boolean, found: string): string {
  const valid = permitLine ? permitLineCompositeCandidates(lines[0] ?? '') : [computeCheckDigit(td1CompositeData(lines)) ?? Number(found)];
  return String([5, 6, 7, 8, 9, 0, 1, 2, 3, 4].map((d) => (Number(found) + d) % 10).find((d) => !valid.includes(d)) ?? found);
}

function td1CompositeData(lines: readonly string[]): string {
  const [first = '', second = ''] = lines;
  return first.slice(5, 30) + second.slice(0, 7) + second.slice(8, 15) + second.slice(18, 29);
}

function withEnding(bytes: Uint8Array, ending: MrzLineEnding): Uint8Array {
  return concat(bytes, encodeMrzText([''], { lineEnding: ending, markers: false }));
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
