import { DLE, ESC, FS, GS, LF } from './escPosCommands.js';

/**
 * Incremental ESC/POS parser: what a printer's command interpreter does with the byte stream.
 * Bytes arrive in arbitrary chunks (serial reads, USB packets); an unfinished command is kept
 * until the rest arrives, so the tokens never depend on where the chunks were split. A byte that
 * starts no known command becomes an 'unknown' token instead of stopping the stream.
 *
 * Like a real printer it recognises DLE EOT only at a command boundary: inside another command's
 * parameters the bytes 10 04 n are parameters (research §5.1).
 */
export type EscPosToken = { length: number } & (
  | { kind: 'initialise' }
  | { kind: 'chinese-mode'; on: boolean }
  /** Printable bytes (0x20-0x7E, and >= 0x80 which Chinese mode pairs into GBK/GB18030 codes). */
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'line-feed' }
  | { kind: 'align'; value: number }
  | { kind: 'bold'; on: boolean }
  /** FS ! n. */
  | { kind: 'chinese-character-mode'; value: number }
  /** GS ! n. */
  | { kind: 'character-size'; value: number }
  /** GS ( k with cn = 49: a QR function and its parameters after fn. */
  | { kind: 'qr-function'; fn: number; params: Uint8Array }
  | { kind: 'cut'; cut: 'full' | 'partial'; feedMotionUnits?: number }
  | { kind: 'real-time-status-request'; n: number }
  /** DLE ENQ n: real-time recovery request. */
  | { kind: 'real-time-recovery-request'; n: number }
  /** A known command the simulator takes but does not model (ESC t, GS a, ESC d, GS ( L, …). */
  | { kind: 'ignored'; bytes: Uint8Array }
  | { kind: 'unknown'; bytes: Uint8Array }
);

/** Command bytes whose total length is fixed, keyed by the second byte. */
const ESC_FIXED_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x40, 2], // @ initialise
  [0x32, 2], // 2 default line spacing
  [0x61, 3], // a align
  [0x45, 3], // E bold
  [0x21, 3], // ! print mode
  [0x74, 3], // t code page
  [0x4d, 3], // M font
  [0x64, 3], // d feed lines
  [0x4a, 3], // J feed dots
  [0x2d, 3], // - underline
  [0x33, 3], // 3 line spacing
  [0x52, 3], // R international set
  [0x47, 3], // G double strike
  [0x7b, 3], // { upside down
  [0x20, 3], // SP right spacing
  [0x56, 3], // V rotate
]);

const FS_FIXED_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x26, 2], // & Chinese mode on
  [0x2e, 2], // . Chinese mode off
  [0x21, 3], // ! CJK print mode
  [0x2d, 3], // - CJK underline
  [0x57, 3], // W CJK quadruple
  [0x53, 4], // S CJK spacing
]);

const GS_FIXED_LENGTH: ReadonlyMap<number, number> = new Map([
  [0x21, 3], // ! size
  [0x61, 3], // a ASB
  [0x72, 3], // r buffered status
  [0x42, 3], // B reverse
  [0x48, 3], // H HRI position
  [0x66, 3], // f HRI font
  [0x68, 3], // h barcode height
  [0x77, 3], // w barcode width
  [0x4c, 4], // L left margin
  [0x57, 4], // W print area width
]);

const QR_CN = 0x31;

type Step = { token: EscPosToken } | 'need-more';

function isPrintable(byte: number): boolean {
  return (byte >= 0x20 && byte !== 0x7f) || byte >= 0x80;
}

function parseOne(bytes: Uint8Array, at: number): Step {
  const available = bytes.length - at;
  const first = bytes[at] ?? 0;
  const byteAt = (offset: number): number => bytes[at + offset] ?? 0;
  const slice = (length: number): Uint8Array => bytes.slice(at, at + length);

  if (isPrintable(first)) {
    let end = at;
    while (end < bytes.length && isPrintable(bytes[end] ?? 0)) end += 1;
    return { token: { kind: 'text', bytes: bytes.slice(at, end), length: end - at } };
  }
  if (first === LF) return { token: { kind: 'line-feed', length: 1 } };
  if (first !== ESC && first !== FS && first !== GS && first !== DLE) {
    return { token: { kind: 'unknown', bytes: slice(1), length: 1 } };
  }
  if (available < 2) return 'need-more';
  const second = byteAt(1);

  if (first === DLE) {
    if (second === 0x04 || second === 0x05) {
      if (available < 3) return 'need-more';
      const n = byteAt(2);
      return { token: second === 0x04 ? { kind: 'real-time-status-request', n, length: 3 } : { kind: 'real-time-recovery-request', n, length: 3 } };
    }
    // DLE DC4 fn m t: real-time pulse / power-off / buffer clear, five bytes.
    if (second === 0x14) return available < 5 ? 'need-more' : { token: { kind: 'ignored', bytes: slice(5), length: 5 } };
    return { token: { kind: 'unknown', bytes: slice(1), length: 1 } };
  }

  if (first === GS && second === 0x56) {
    if (available < 3) return 'need-more';
    const m = byteAt(2);
    if (m === 0 || m === 1 || m === 0x30 || m === 0x31) {
      return { token: { kind: 'cut', cut: m === 0 || m === 0x30 ? 'full' : 'partial', length: 3 } };
    }
    if (m === 65 || m === 66) {
      if (available < 4) return 'need-more';
      return { token: { kind: 'cut', cut: m === 65 ? 'full' : 'partial', feedMotionUnits: byteAt(3), length: 4 } };
    }
    return { token: { kind: 'unknown', bytes: slice(3), length: 3 } };
  }

  if (first === GS && second === 0x28) {
    // GS ( x pL pH data: every GS ( function carries its own length.
    if (available < 5) return 'need-more';
    const dataLength = byteAt(3) | (byteAt(4) << 8);
    const length = 5 + dataLength;
    if (available < length) return 'need-more';
    if (byteAt(2) === 0x6b && dataLength >= 2 && byteAt(5) === QR_CN) {
      return { token: { kind: 'qr-function', fn: byteAt(6), params: bytes.slice(at + 7, at + length), length } };
    }
    return { token: { kind: 'ignored', bytes: slice(length), length } };
  }

  const table = first === ESC ? ESC_FIXED_LENGTH : first === FS ? FS_FIXED_LENGTH : GS_FIXED_LENGTH;
  const length = table.get(second);
  if (length === undefined) return { token: { kind: 'unknown', bytes: slice(2), length: 2 } };
  if (available < length) return 'need-more';
  const n = byteAt(2);
  if (first === ESC) {
    if (second === 0x40) return { token: { kind: 'initialise', length } };
    if (second === 0x61) return { token: { kind: 'align', value: n, length } };
    if (second === 0x45) return { token: { kind: 'bold', on: (n & 1) === 1, length } };
  } else if (first === FS) {
    if (second === 0x26 || second === 0x2e) return { token: { kind: 'chinese-mode', on: second === 0x26, length } };
    if (second === 0x21) return { token: { kind: 'chinese-character-mode', value: n, length } };
  } else if (second === 0x21) {
    return { token: { kind: 'character-size', value: n, length } };
  }
  return { token: { kind: 'ignored', bytes: slice(length), length } };
}

export class EscPosStreamParser {
  private pending: Uint8Array = new Uint8Array(0);

  /** Tokens completed by this chunk; an unfinished command waits for the next push. */
  push(chunk: Uint8Array): EscPosToken[] {
    const bytes = new Uint8Array(this.pending.length + chunk.length);
    bytes.set(this.pending);
    bytes.set(chunk, this.pending.length);
    const tokens: EscPosToken[] = [];
    let at = 0;
    while (at < bytes.length) {
      const step = parseOne(bytes, at);
      if (step === 'need-more') break;
      tokens.push(step.token);
      at += step.token.length;
    }
    this.pending = bytes.slice(at);
    return tokens;
  }

  /** Bytes of a command still waiting for the rest of its parameters. */
  get pendingLength(): number {
    return this.pending.length;
  }

  /** ESC @ and a power cycle both drop a half-received command. */
  reset(): void {
    this.pending = new Uint8Array(0);
  }
}
