import {
  alignmentCommand,
  boldCommand,
  characterSizeCommand,
  chineseCharacterSizeCommand,
  chineseModeOffCommand,
  chineseModeOnCommand,
  cutCommand,
  initialiseCommand,
  lineFeedCommand,
  type Alignment,
  type CharacterSize,
  type ChineseCharacterSize,
  type CutKind,
} from './escPosCommands.js';
import { encodeChineseText, type ChineseEncoding, type UnmappableCharacter } from './chineseTextEncoding.js';
import {
  QR_MAX_PAYLOAD_BYTES,
  QR_MODULE_SIZE_RANGE,
  qrErrorCorrectionCommand,
  qrModuleSizeCommand,
  qrPrintCommand,
  qrSelectModelCommand,
  qrStoreDataCommand,
  type QrCodeOptions,
} from './qrCodeCommands.js';

/** One command as structured data: tests and the peer decoder can compare by name, the printer gets the bytes. */
export interface EscPosCommand {
  name: string;
  bytes: Uint8Array;
}

export type EscPosEncodingError =
  | { kind: 'unmappable-characters'; text: string; characters: UnmappableCharacter[] }
  /** QR byte mode declares no charset, so a phone would guess between GBK and UTF-8 (research §3). */
  | { kind: 'qr-payload-not-ascii'; payload: string; characters: { character: string; index: number }[] }
  | { kind: 'qr-payload-length'; length: number; min: 1; max: number }
  | { kind: 'argument-out-of-range'; command: string; argument: string; value: number; min: number; max: number };

export type EscPosEncodeResult =
  | { ok: true; bytes: Uint8Array; commands: readonly EscPosCommand[] }
  | { ok: false; errors: EscPosEncodingError[] };

export interface EscPosEncoderOptions {
  /** GBK by default; GB18030 where the printer profile says so (research §10). */
  chineseEncoding?: ChineseEncoding;
  /** Only for fonts known to hold GB18030 four-byte glyphs. */
  allowFourByteCodes?: boolean;
}

export const DEFAULT_QR_OPTIONS: QrCodeOptions = { model: 2, moduleSize: 6, errorCorrection: 'M' };

/**
 * A small fluent ESC/POS builder in the manner of @point-of-sale/receipt-printer-encoder, but
 * owning the Chinese path: non-ASCII text goes out as GBK/GB18030 between FS & and FS ., and a
 * character the printer cannot print is an error at encode() instead of a '?' on paper.
 * Errors are collected so one encode() reports all of them.
 */
export class EscPosEncoder {
  private readonly commandList: EscPosCommand[] = [];
  private readonly errors: EscPosEncodingError[] = [];
  private readonly chineseEncoding: ChineseEncoding;
  private readonly allowFourByteCodes: boolean;
  /** True only after an explicit chineseModeOn(); otherwise each Chinese text wraps itself in FS & … FS . */
  private chineseModeHeld = false;

  constructor(options: EscPosEncoderOptions = {}) {
    this.chineseEncoding = options.chineseEncoding ?? 'gbk';
    this.allowFourByteCodes = options.allowFourByteCodes ?? false;
  }

  private push(name: string, bytes: Uint8Array): this {
    this.commandList.push({ name, bytes });
    return this;
  }

  private inRange(command: string, argument: string, value: number, min: number, max: number): boolean {
    if (Number.isInteger(value) && value >= min && value <= max) return true;
    this.errors.push({ kind: 'argument-out-of-range', command, argument, value, min, max });
    return false;
  }

  initialise(): this {
    this.chineseModeHeld = false;
    return this.push('initialise', initialiseCommand());
  }

  chineseModeOn(): this {
    this.chineseModeHeld = true;
    return this.push('chinese-mode-on', chineseModeOnCommand());
  }

  chineseModeOff(): this {
    this.chineseModeHeld = false;
    return this.push('chinese-mode-off', chineseModeOffCommand());
  }

  align(alignment: Alignment): this {
    return this.push('align', alignmentCommand(alignment));
  }

  bold(on = true): this {
    return this.push('bold', boldCommand(on));
  }

  chineseCharacterSize(size: ChineseCharacterSize): this {
    return this.push('chinese-character-size', chineseCharacterSizeCommand(size));
  }

  characterSize(size: CharacterSize): this {
    const widthOk = this.inRange('character-size', 'width', size.width, 1, 8);
    const heightOk = this.inRange('character-size', 'height', size.height, 1, 8);
    return widthOk && heightOk ? this.push('character-size', characterSizeCommand(size)) : this;
  }

  /** Text without a line feed; controls are refused so text can never smuggle in a command. */
  text(text: string): this {
    const encoded = encodeChineseText(text, { encoding: this.chineseEncoding, allowFourByteCodes: this.allowFourByteCodes });
    if (!encoded.ok) {
      this.errors.push({ kind: 'unmappable-characters', text, characters: encoded.unmappable });
      return this;
    }
    const wrap = encoded.hasNonAscii && !this.chineseModeHeld;
    if (wrap) this.push('chinese-mode-on', chineseModeOnCommand());
    this.push('text', encoded.bytes);
    if (wrap) this.push('chinese-mode-off', chineseModeOffCommand());
    return this;
  }

  newline(count = 1): this {
    return this.inRange('newline', 'count', count, 1, 255) ? this.push('newline', lineFeedCommand(count)) : this;
  }

  line(text: string): this {
    return this.text(text).newline();
  }

  /** Native QR (GS ( k): model, module size, error correction, store, print. The payload must be ASCII. */
  qrCode(payload: string, options: QrCodeOptions = DEFAULT_QR_OPTIONS): this {
    const nonAscii = [...payload.matchAll(/[^\x20-\x7e]/gu)].map((match) => ({ character: match[0], index: match.index }));
    if (nonAscii.length > 0) {
      this.errors.push({ kind: 'qr-payload-not-ascii', payload, characters: nonAscii });
      return this;
    }
    if (payload.length < 1 || payload.length > QR_MAX_PAYLOAD_BYTES) {
      this.errors.push({ kind: 'qr-payload-length', length: payload.length, min: 1, max: QR_MAX_PAYLOAD_BYTES });
      return this;
    }
    if (!this.inRange('qr-code', 'moduleSize', options.moduleSize, QR_MODULE_SIZE_RANGE.min, QR_MODULE_SIZE_RANGE.max)) return this;
    const payloadBytes = Uint8Array.from(payload, (character) => character.charCodeAt(0));
    return this.push('qr-select-model', qrSelectModelCommand(options.model))
      .push('qr-module-size', qrModuleSizeCommand(options.moduleSize))
      .push('qr-error-correction', qrErrorCorrectionCommand(options.errorCorrection))
      .push('qr-store-data', qrStoreDataCommand(payloadBytes))
      .push('qr-print', qrPrintCommand());
  }

  /** feedMotionUnits selects the feed-then-cut form (GS V 65/66 n). */
  cut(kind: CutKind = 'partial', feedMotionUnits?: number): this {
    if (feedMotionUnits !== undefined && !this.inRange('cut', 'feedMotionUnits', feedMotionUnits, 0, 255)) return this;
    return this.push(kind === 'full' ? 'full-cut' : 'partial-cut', cutCommand(kind, feedMotionUnits));
  }

  commands(): readonly EscPosCommand[] {
    return this.commandList;
  }

  encode(): EscPosEncodeResult {
    if (this.errors.length > 0) return { ok: false, errors: [...this.errors] };
    const total = this.commandList.reduce((sum, command) => sum + command.bytes.length, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const command of this.commandList) {
      bytes.set(command.bytes, offset);
      offset += command.bytes.length;
    }
    return { ok: true, bytes, commands: [...this.commandList] };
  }
}
