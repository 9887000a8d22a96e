import iconv from 'iconv-lite';

/**
 * Text to the bytes a Chinese-market printer prints in Chinese mode (FS &). iconv-lite turns an
 * unmappable character into '?' without a word, so every character is checked by round trip and
 * by byte length: the printer's CJK font holds double-byte codes, so a non-ASCII character must
 * become exactly two bytes (four-byte GB18030 codes only where a profile says its font has them).
 */

export type ChineseEncoding = 'gbk' | 'gb18030';

export type UnmappableReason =
  /** Encoding then decoding does not give the character back (iconv-lite wrote '?'). */
  | 'not-in-character-set'
  /** GB18030 four-byte code (e.g. U+00A5 '¥', '•', Ext-B); most printer fonts lack these glyphs. */
  | 'four-byte-code'
  /** A single byte above 0x7F (GBK's 0x80 '€'); in Chinese mode the printer reads it as a lead byte. */
  | 'single-byte-outside-ascii'
  /** C0 controls and DEL would be executed as printer commands. */
  | 'control-character';

export interface UnmappableCharacter {
  character: string;
  /** 'U+00A5' */
  codePoint: string;
  /** UTF-16 offset in the text, as String.prototype.slice counts. */
  index: number;
  reason: UnmappableReason;
  /** A printable look-alike when one is known, e.g. '￥' for '¥'. */
  suggestion?: string;
}

export type ChineseTextEncodingResult =
  | { ok: true; bytes: Uint8Array; hasNonAscii: boolean }
  | { ok: false; text: string; unmappable: UnmappableCharacter[] };

export interface ChineseTextEncodingOptions {
  encoding: ChineseEncoding;
  allowFourByteCodes?: boolean;
}

/** Look-alikes that are in the two-byte range (research §8 table). */
const SUGGESTIONS: ReadonlyMap<string, string> = new Map([
  ['¥', '￥'],
  ['•', '·'],
  ['✓', '√'],
]);

/** The character's bytes, and the reason it may not be printed if there is one. */
interface CharacterVerdict {
  bytes: Uint8Array;
  problem?: UnmappableReason;
}

// Receipts repeat the same few hundred characters; encoding each once keeps a receipt under a millisecond.
const verdictCache: Record<ChineseEncoding, Map<string, CharacterVerdict>> = { gbk: new Map(), gb18030: new Map() };

function judgeNonAsciiCharacter(character: string, encoding: ChineseEncoding): CharacterVerdict {
  const cache = verdictCache[encoding];
  const cached = cache.get(character);
  if (cached) return cached;
  const encoded = iconv.encode(character, encoding);
  const bytes = new Uint8Array(encoded);
  let verdict: CharacterVerdict = { bytes };
  if (iconv.decode(encoded, encoding) !== character) verdict = { bytes, problem: 'not-in-character-set' };
  else if (bytes.length === 1) verdict = { bytes, problem: 'single-byte-outside-ascii' };
  else if (bytes.length === 4) verdict = { bytes, problem: 'four-byte-code' };
  cache.set(character, verdict);
  return verdict;
}

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || codePoint === 0x7f;
}

export function encodeChineseText(text: string, options: ChineseTextEncodingOptions): ChineseTextEncodingResult {
  const chunks: Uint8Array[] = [];
  const unmappable: UnmappableCharacter[] = [];
  let length = 0;
  let hasNonAscii = false;
  let index = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    let failure: UnmappableReason | undefined;
    if (isControl(codePoint)) failure = 'control-character';
    else if (codePoint < 0x80) {
      chunks.push(Uint8Array.of(codePoint));
      length += 1;
    } else {
      hasNonAscii = true;
      const verdict = judgeNonAsciiCharacter(character, options.encoding);
      const allowed = verdict.problem === undefined || (verdict.problem === 'four-byte-code' && options.allowFourByteCodes === true);
      if (allowed) {
        chunks.push(verdict.bytes);
        length += verdict.bytes.length;
      } else failure = verdict.problem;
    }
    if (failure) {
      const suggestion = SUGGESTIONS.get(character);
      unmappable.push({
        character,
        codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
        index,
        reason: failure,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    index += character.length;
  }
  if (unmappable.length > 0) return { ok: false, text, unmappable };
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes, hasNonAscii };
}
