import iconv from 'iconv-lite';
import type { Alignment, CutKind } from '../escpos/escPosCommands.js';
import type { EscPosToken } from '../escpos/escPosStreamParser.js';

/**
 * What a SIMULATED printer has put on paper, for tests to inspect: text lines decoded back to
 * Unicode, QR payloads and cuts, in order. It also holds the print modes (alignment, bold, sizes,
 * Chinese mode) that decide how the next line comes out, as a printer's firmware does.
 */
export type PrintedItem =
  | { kind: 'line'; text: string; align: Alignment; bold: boolean; doubleWidth: boolean; doubleHeight: boolean }
  | { kind: 'qr-code'; payload: string; moduleSize: number; errorCorrection: string; align: Alignment }
  | { kind: 'cut'; cut: CutKind };

interface TextSegment {
  chinese: boolean;
  bytes: number[];
}

interface PrintModes {
  align: Alignment;
  bold: boolean;
  chineseMode: boolean;
  chineseDouble: { width: boolean; height: boolean };
  size: { width: number; height: number };
}

interface LineStyle {
  align: Alignment;
  bold: boolean;
  doubleWidth: boolean;
  doubleHeight: boolean;
}

const ALIGNMENTS: Record<number, Alignment> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };
const ERROR_CORRECTION: Record<number, string> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

/** Chinese-market firmware powers up in Chinese mode (research §0.2), and ESC @ returns to it. */
function powerOnModes(): PrintModes {
  return { align: 'left', bold: false, chineseMode: true, chineseDouble: { width: false, height: false }, size: { width: 1, height: 1 } };
}

export class SimulatedPrintedOutput {
  private readonly printed: PrintedItem[] = [];
  private modes = powerOnModes();
  private line: TextSegment[] = [];
  /** ESC a only takes effect at the start of a line, so the style is fixed by the line's first byte. */
  private lineStyle: LineStyle | null = null;
  private qr = { moduleSize: 3, errorCorrection: 'L', stored: null as Uint8Array | null };

  get items(): readonly PrintedItem[] {
    return this.printed;
  }

  textLines(): string[] {
    return this.printed.flatMap((item) => (item.kind === 'line' ? [item.text] : []));
  }

  qrPayloads(): string[] {
    return this.printed.flatMap((item) => (item.kind === 'qr-code' ? [item.payload] : []));
  }

  cutCount(): number {
    return this.printed.filter((item) => item.kind === 'cut').length;
  }

  /** Applies one print token; real-time requests are the simulator's business and ignored here. */
  apply(token: EscPosToken): void {
    switch (token.kind) {
      case 'initialise':
        // ESC @ clears the print buffer: a half-built line is lost, not printed.
        this.modes = powerOnModes();
        this.line = [];
        this.lineStyle = null;
        this.qr.stored = null;
        return;
      case 'chinese-mode':
        this.modes.chineseMode = token.on;
        return;
      case 'text':
        this.addText(token.bytes);
        return;
      case 'line-feed':
        this.flushLine(true);
        return;
      case 'align':
        this.modes.align = ALIGNMENTS[token.value] ?? this.modes.align;
        return;
      case 'bold':
        this.modes.bold = token.on;
        return;
      case 'chinese-character-mode':
        this.modes.chineseDouble = { width: (token.value & 0x04) !== 0, height: (token.value & 0x08) !== 0 };
        return;
      case 'character-size':
        this.modes.size = { width: ((token.value >> 4) & 0x07) + 1, height: (token.value & 0x07) + 1 };
        return;
      case 'qr-function':
        this.applyQr(token.fn, token.params);
        return;
      case 'cut':
        this.flushLine(false);
        this.printed.push({ kind: 'cut', cut: token.cut });
        return;
      default:
        return;
    }
  }

  private addText(bytes: Uint8Array): void {
    if (this.lineStyle === null) this.lineStyle = this.currentStyle();
    const last = this.line[this.line.length - 1];
    if (last && last.chinese === this.modes.chineseMode) last.bytes.push(...bytes);
    else this.line.push({ chinese: this.modes.chineseMode, bytes: [...bytes] });
  }

  private currentStyle(): LineStyle {
    const { align, bold, chineseDouble, size } = this.modes;
    return { align, bold, doubleWidth: chineseDouble.width || size.width > 1, doubleHeight: chineseDouble.height || size.height > 1 };
  }

  /** LF prints the line even when empty (a blank line); a cut or QR only prints what is pending. */
  private flushLine(evenIfEmpty: boolean): void {
    if (this.line.length === 0 && !evenIfEmpty) return;
    const style = this.lineStyle ?? this.currentStyle();
    // In Chinese mode bytes >= 0x80 pair into GBK codes (GB18030 is the superset); outside it they are code page 437.
    const text = this.line.map((segment) => iconv.decode(Buffer.from(segment.bytes), segment.chinese ? 'gb18030' : 'cp437')).join('');
    this.printed.push({ kind: 'line', text, ...style });
    this.line = [];
    this.lineStyle = null;
  }

  private applyQr(fn: number, params: Uint8Array): void {
    if (fn === 0x43) this.qr.moduleSize = params[0] ?? this.qr.moduleSize;
    else if (fn === 0x45) this.qr.errorCorrection = ERROR_CORRECTION[params[0] ?? -1] ?? this.qr.errorCorrection;
    else if (fn === 0x50) this.qr.stored = params.slice(1);
    else if (fn === 0x51 && this.qr.stored !== null) {
      this.flushLine(false);
      this.printed.push({
        kind: 'qr-code',
        payload: Buffer.from(this.qr.stored).toString('latin1'),
        moduleSize: this.qr.moduleSize,
        errorCorrection: this.qr.errorCorrection,
        align: this.modes.align,
      });
    }
  }
}
