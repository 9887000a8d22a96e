import type { ScannerDecoder, ScannerDecoderEvent } from './scannerDecoder.js';

/**
 * Codes from a scanner in serial (RS-232 / USB-CDC) mode: one code per line, ended by the
 * suffix programmed at commissioning (research/payment.md §2.3: CR or CRLF; defaults vary by
 * model, so it is configured, never guessed).
 *
 * - 'CR': a line ends at CR. A stray LF is dropped wherever it appears, as the research's
 *   "delimiter on \r, strip \n" suggests, so a scanner left on CRLF still reads.
 * - 'CRLF': a line ends at CR LF. A CR followed by anything else is a `bad-suffix` error (the
 *   scanner is not programmed as configured); the line is dropped rather than guessed at.
 *
 * A line longer than `maxLineBytes` is dropped up to its suffix and reported once.
 */
export type SerialSuffix = 'CR' | 'CRLF';

export const CR = 0x0d;
export const LF = 0x0a;
export const DEFAULT_MAX_LINE_BYTES = 512;

export class SerialLineFramer implements ScannerDecoder {
  private line: number[] = [];
  private overflowBytes = 0;
  private sawCr = false;

  constructor(
    private readonly suffix: SerialSuffix,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  get pendingByteCount(): number {
    return this.line.length + this.overflowBytes + (this.sawCr ? 1 : 0);
  }

  push(chunk: Uint8Array): ScannerDecoderEvent[] {
    const events: ScannerDecoderEvent[] = [];
    for (const byte of chunk) {
      if (this.suffix === 'CR') this.pushCrMode(byte, events);
      else this.pushCrLfMode(byte, events);
    }
    return events;
  }

  abandonPartial(): ScannerDecoderEvent[] {
    const byteCount = this.pendingByteCount;
    this.line = [];
    this.overflowBytes = 0;
    this.sawCr = false;
    return byteCount > 0 ? [{ type: 'error', error: { code: 'incomplete-code', byteCount } }] : [];
  }

  private pushCrMode(byte: number, events: ScannerDecoderEvent[]): void {
    if (byte === LF) return;
    if (byte === CR) this.endLine(events, 1);
    else this.append(byte);
  }

  private pushCrLfMode(byte: number, events: ScannerDecoderEvent[]): void {
    if (this.sawCr) {
      this.sawCr = false;
      if (byte === LF) {
        this.endLine(events, 2);
        return;
      }
      // The CR did not start a suffix: drop the line it ended, then treat this byte afresh.
      const byteCount = this.line.length + this.overflowBytes + 1;
      this.line = [];
      this.overflowBytes = 0;
      events.push({ type: 'error', error: { code: 'bad-suffix', byteCount } });
    }
    if (byte === CR) this.sawCr = true;
    else this.append(byte);
  }

  private append(byte: number): void {
    if (this.overflowBytes > 0 || this.line.length >= this.maxLineBytes) {
      this.overflowBytes += this.line.length + 1;
      this.line = [];
    } else {
      this.line.push(byte);
    }
  }

  private endLine(events: ScannerDecoderEvent[], suffixBytes: number): void {
    if (this.overflowBytes > 0) {
      events.push({ type: 'error', error: { code: 'line-too-long', byteCount: this.overflowBytes + suffixBytes } });
    } else if (this.line.length > 0) {
      events.push({ type: 'code', scan: { data: Uint8Array.from(this.line) } });
    }
    // An empty line (a lone suffix, e.g. the LF-less CR of a trigger) carries no code.
    this.line = [];
    this.overflowBytes = 0;
  }
}

/** The bytes a scanner in serial mode sends for one code. */
export function encodeSerialLine(data: Uint8Array, suffix: SerialSuffix): Uint8Array {
  const tail = suffix === 'CR' ? [CR] : [CR, LF];
  return Uint8Array.from([...data, ...tail]);
}
