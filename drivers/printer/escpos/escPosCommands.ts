/**
 * Byte builders for the plain ESC/POS commands the kiosk uses. Each returns a fresh array so
 * callers may keep or mutate it. Sources are in shared/research/printer.md (§2 Chinese, §4 cut);
 * ESC @, ESC a, ESC E, GS ! and LF are the Epson ESC/POS base set every target model accepts.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** ESC @: clear the print buffer and reset modes to the power-on defaults. */
export function initialiseCommand(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** FS &: bytes >= 0x80 are taken as GBK/GB18030 lead + trail bytes. */
export function chineseModeOnCommand(): Uint8Array {
  return Uint8Array.of(FS, 0x26);
}

/** FS .: back to the single-byte code page (Chinese firmware powers up in Chinese mode). */
export function chineseModeOffCommand(): Uint8Array {
  return Uint8Array.of(FS, 0x2e);
}

export type Alignment = 'left' | 'center' | 'right';
const ALIGNMENT_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

/** ESC a n: justification of the following lines (and of a QR code). */
export function alignmentCommand(alignment: Alignment): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGNMENT_CODE[alignment]);
}

/** ESC E n: emphasised (bold). Whether it reaches CJK glyphs is per model (research §2, UNVERIFIED). */
export function boldCommand(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

export interface ChineseCharacterSize {
  doubleWidth: boolean;
  doubleHeight: boolean;
  underline?: boolean;
}

/** FS ! n: CJK print mode; bit 2 double width, bit 3 double height, bit 7 underline. ESC ! does not touch CJK. */
export function chineseCharacterSizeCommand(size: ChineseCharacterSize): Uint8Array {
  const mode = (size.doubleWidth ? 0x04 : 0) | (size.doubleHeight ? 0x08 : 0) | (size.underline ? 0x80 : 0);
  return Uint8Array.of(FS, 0x21, mode);
}

export type Magnification = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface CharacterSize {
  width: Magnification;
  height: Magnification;
}

/**
 * GS ! n: width magnification in bits 4-6, height in bits 0-2 (value = factor - 1).
 * Affects single-byte characters, and CJK too on some firmware (KP-628E, research §2).
 */
export function characterSizeCommand(size: CharacterSize): Uint8Array {
  return Uint8Array.of(GS, 0x21, ((size.width - 1) << 4) | (size.height - 1));
}

export function lineFeedCommand(count = 1): Uint8Array {
  return new Uint8Array(count).fill(LF);
}

export type CutKind = 'full' | 'partial';

/**
 * GS V m (m = 0 full, 1 partial) cuts where the paper is; GS V m n (m = 65 full, 66 partial)
 * first feeds n motion units so the last line clears the cutter (research §4).
 */
export function cutCommand(kind: CutKind, feedMotionUnits?: number): Uint8Array {
  if (feedMotionUnits === undefined) return Uint8Array.of(GS, 0x56, kind === 'full' ? 0 : 1);
  return Uint8Array.of(GS, 0x56, kind === 'full' ? 65 : 66, feedMotionUnits);
}
