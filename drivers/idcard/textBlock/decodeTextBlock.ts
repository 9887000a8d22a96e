import type { LocalizedText } from '../../../config/localizedText.js';
import { decodeForeignerCard2017 } from './foreignerCard2017.js';
import { decodeForeignerCard2023 } from './foreignerCard2023.js';
import type { IdentityCard } from './identityCard.js';
import { decodeResidencePermit } from './residencePermit.js';
import { decodeResidentCard } from './residentCard.js';
import { CARD_TYPE_MARKER_FIELD, TEXT_BLOCK_BYTES } from './textBlockField.js';

export type TextBlockError =
  | { code: 'text-block-size'; message: LocalizedText }
  | { code: 'unknown-card-type'; marker: number; message: LocalizedText };

export type TextBlockResult = { ok: true; card: IdentityCard } | { ok: false; error: TextBlockError };

const DECODER_BY_MARKER: ReadonlyMap<number, (block: Uint8Array) => IdentityCard> = new Map<number, (block: Uint8Array) => IdentityCard>([
  [0x0020, decodeResidentCard],
  // Zero-filled reserved slot: not in the layouts, but a resident card is what such a reader holds.
  [0x0000, decodeResidentCard],
  [0x0049, decodeForeignerCard2017], // 'I'
  [0x0059, decodeForeignerCard2023], // 'Y'
  [0x004a, decodeResidencePermit], // 'J'
]);

/**
 * Decodes the 256-byte text block by the UCS-2 marker at byte 248. An unknown marker is an
 * error, not a guess: reading a new card type with the resident layout would show garbage
 * as a citizen's identity.
 */
export function decodeTextBlock(block: Uint8Array): TextBlockResult {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return {
      ok: false,
      error: { code: 'text-block-size', message: { 'zh-CN': `文字信息应为 256 字节，收到 ${block.length} 字节`, en: `text block must be 256 bytes, got ${block.length}` } },
    };
  }
  const at = CARD_TYPE_MARKER_FIELD.offset;
  const marker = (block[at] ?? 0) | ((block[at + 1] ?? 0) << 8);
  const decode = DECODER_BY_MARKER.get(marker);
  if (decode) return { ok: true, card: decode(block) };
  const hex = marker.toString(16).toUpperCase().padStart(4, '0');
  return {
    ok: false,
    error: { code: 'unknown-card-type', marker, message: { 'zh-CN': `无法识别的证件类型标识 U+${hex}`, en: `unknown card type marker U+${hex}` } },
  };
}
