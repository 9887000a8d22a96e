import { isMrzChar, MRZ_FILLER } from '../mrz/mrzCharacters.js';
import type { PermitWireDecoder, PermitWireEvent } from './permitWireDecoder.js';

export const CR = 0x0d;
export const LF = 0x0a;
export const STX = 0x02;
export const ETX = 0x03;

export interface MrzTextLineDecoderOptions {
  /** Lines per zone: 3 for TD1 (the default); 1 for a reader sending only the permit's line. */
  blockLines?: number;
  /** Longest line kept; longer ones are dropped to their ending (TD3 lines are 44). */
  maxLineBytes?: number;
}

export const DEFAULT_BLOCK_LINES = 3;
export const DEFAULT_MAX_LINE_BYTES = 128;
/** Shorter lines are never MRZ lines (the shortest layout is 30 wide); leaves room for a dropped character or two. */
export const MIN_MRZ_LINE_LENGTH = 20;
/** Share of MRZ characters a line needs to count as an MRZ line (misread characters included). */
const MIN_MRZ_SHARE = 0.8;

/**
 * The generic serial-text mode of kiosk passport/permit OCR readers: the reader sends each MRZ
 * line as ASCII text ending in CR, LF or CR LF, a document's lines in one burst. Accepted:
 *
 * - Line endings CR, LF and CR LF alike (an LF right after a CR is part of the same ending).
 * - Optional STX (0x02) before and ETX (0x03) after a zone, as some readers frame it: either
 *   ends the current line and the current zone.
 * - Spaces and tabs around a line are ignored.
 * - An MRZ line is at least MIN_MRZ_LINE_LENGTH characters, contains a `<`, and is at least
 *   80 % MRZ characters; the rest stays in the line for the parser to report. Any other line
 *   is noise and skipped without breaking the zone around it (readers print banners and
 *   status words). Empty lines are ignored.
 * - A zone is complete after `blockLines` MRZ lines, at STX/ETX, or at flush() (the device
 *   calls it when the reader has gone quiet, which is how a one-line permit MRZ completes on a
 *   reader set for three). The parser then judges the lines; the decoder never guesses.
 *
 * Vendor framings other than this plug in as their own PermitWireDecoder.
 */
export class MrzTextLineDecoder implements PermitWireDecoder {
  readonly name = 'serial-text';
  private readonly blockLines: number;
  private readonly maxLineBytes: number;
  private line: number[] = [];
  private overflowBytes = 0;
  private afterCr = false;
  private block: string[] = [];
  private blockBytes = 0;

  constructor({ blockLines = DEFAULT_BLOCK_LINES, maxLineBytes = DEFAULT_MAX_LINE_BYTES }: MrzTextLineDecoderOptions = {}) {
    if (!Number.isInteger(blockLines) || blockLines < 1 || blockLines > 3) throw new RangeError(`blockLines must be 1, 2 or 3: ${blockLines}`);
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 44) throw new RangeError(`maxLineBytes must be at least 44: ${maxLineBytes}`);
    this.blockLines = blockLines;
    this.maxLineBytes = maxLineBytes;
  }

  get pendingByteCount(): number {
    return this.line.length + this.overflowBytes + this.blockBytes;
  }

  push(chunk: Uint8Array): PermitWireEvent[] {
    const events: PermitWireEvent[] = [];
    for (const byte of chunk) {
      const afterCr = this.afterCr;
      this.afterCr = byte === CR;
      if (byte === LF && afterCr) continue;
      if (byte === CR || byte === LF) {
        this.endLine(events, 1);
      } else if (byte === STX || byte === ETX) {
        this.endLine(events, 1);
        this.endBlock(events);
      } else if (this.overflowBytes > 0 || this.line.length >= this.maxLineBytes) {
        this.overflowBytes += this.line.length + 1;
        this.line = [];
      } else {
        this.line.push(byte);
      }
    }
    return events;
  }

  flush(): PermitWireEvent[] {
    const events: PermitWireEvent[] = [];
    this.afterCr = false;
    this.endLine(events, 0);
    this.endBlock(events);
    return events;
  }

  abandon(): PermitWireEvent[] {
    const byteCount = this.pendingByteCount;
    this.line = [];
    this.overflowBytes = 0;
    this.afterCr = false;
    this.block = [];
    this.blockBytes = 0;
    return byteCount > 0 ? [{ type: 'error', error: { code: 'abandoned', byteCount } }] : [];
  }

  /** `endingBytes`: the terminator that ended the line (0 at flush). An empty line's terminator is dropped. */
  private endLine(events: PermitWireEvent[], endingBytes: number): void {
    if (this.overflowBytes > 0) {
      events.push({ type: 'error', error: { code: 'line-too-long', byteCount: this.overflowBytes + this.line.length + endingBytes } });
    } else if (this.line.length > 0) {
      const byteCount = this.line.length + endingBytes;
      const text = String.fromCharCode(...this.line).replace(/^[ \t]+|[ \t]+$/g, '');
      if (isMrzLine(text)) {
        this.block.push(text);
        this.blockBytes += byteCount;
        if (this.block.length >= this.blockLines) this.endBlock(events);
      } else {
        events.push({ type: 'noise', byteCount });
      }
    }
    this.line = [];
    this.overflowBytes = 0;
  }

  private endBlock(events: PermitWireEvent[]): void {
    if (this.block.length === 0) return;
    events.push({ type: 'block', lines: this.block, byteCount: this.blockBytes });
    this.block = [];
    this.blockBytes = 0;
  }
}

function isMrzLine(text: string): boolean {
  if (text.length < MIN_MRZ_LINE_LENGTH || !text.includes(MRZ_FILLER)) return false;
  let mrzChars = 0;
  for (const char of text) if (isMrzChar(char)) mrzChars++;
  return mrzChars >= text.length * MIN_MRZ_SHARE;
}
