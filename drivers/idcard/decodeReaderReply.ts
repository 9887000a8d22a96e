import type { LocalizedText } from '../../config/localizedText.js';
import { parseReadResponseData } from './readResponse.js';
import { describeSamFrameError } from './samFrameError.js';
import { decodeSamFrames } from './samFrameDecoder.js';
import { SAM_ID_BYTES, formatSamId } from './samId.js';
import { formatStatusWords, parseSamResponseBody } from './samResponse.js';
import { type SamStatus, samStatusOf } from './samStatus.js';
import { isCardNumberValid } from './textBlock/cardNumberValidity.js';
import { decodeTextBlock } from './textBlock/decodeTextBlock.js';
import type { IdentityCard } from './textBlock/identityCard.js';
import { TEXT_BLOCK_BYTES, readTextField } from './textBlock/textBlockField.js';

/** 30 03 reply data: one address of 35 UCS-2 characters (research §2). */
export const APPENDED_ADDRESS_BYTES = 70;

export interface ReplyError {
  code: string;
  message: LocalizedText;
}

export type ReaderReplyDecoding =
  | {
      ok: true;
      kind: 'card';
      sw: string;
      status: SamStatus;
      card: IdentityCard;
      idNumberValid: boolean;
      photo: Uint8Array;
      fingerprint: Uint8Array | null;
    }
  | { ok: true; kind: 'appended-address'; sw: string; status: SamStatus; appendedAddress: string }
  | { ok: true; kind: 'sam-id'; sw: string; status: SamStatus; samId: string }
  /** Replies that carry only a status worth showing: reset, find, select, no-content. */
  | { ok: true; kind: 'status'; sw: string; status: SamStatus; dataBytes: number }
  | { ok: false; sw: string | null; error: ReplyError };

/**
 * Decodes one captured reply frame, as a field engineer pastes it: exactly one frame, nothing
 * before or after it. The kind of reply is told from its data, since a capture has no command.
 */
export function decodeReaderReply(bytes: Uint8Array): ReaderReplyDecoding {
  const events = decodeSamFrames(bytes);
  const firstError = events.find((event) => event.type === 'error');
  if (firstError?.type === 'error') {
    return fail(null, { code: firstError.error.code, message: describeSamFrameError(firstError.error) });
  }
  const frames = events.flatMap((event) => (event.type === 'frame' ? [event.frame] : []));
  const [frame] = frames;
  if (!frame) return fail(null, { code: 'no-frame', message: { 'zh-CN': '输入中没有数据帧', en: 'the input holds no frame' } });
  if (frames.length > 1) {
    return fail(null, { code: 'multiple-frames', message: { 'zh-CN': `输入中有 ${frames.length} 个帧，只能解析一个`, en: `the input holds ${frames.length} frames; pass exactly one` } });
  }

  const response = parseSamResponseBody(frame.body);
  if (!response) {
    return fail(null, { code: 'response-too-short', message: { 'zh-CN': '应答帧缺少状态字节', en: 'the frame is too short to hold SW1 SW2 SW3' } });
  }
  const sw = formatStatusWords(response);
  const status = samStatusOf(response.sw3);
  if (status.outcome === 'failure') return fail(sw, { code: status.code, message: status.message });

  const { data } = response;
  if (data.length >= 4 + TEXT_BLOCK_BYTES) {
    const read = parseReadResponseData(data);
    if (!read.ok) return fail(sw, read.error);
    const text = decodeTextBlock(read.value.text);
    if (!text.ok) return fail(sw, { code: text.error.code, message: text.error.message });
    return {
      ok: true,
      kind: 'card',
      sw,
      status,
      card: text.card,
      idNumberValid: isCardNumberValid(text.card),
      photo: read.value.photo,
      fingerprint: read.value.fingerprint,
    };
  }
  if (data.length === APPENDED_ADDRESS_BYTES) {
    return { ok: true, kind: 'appended-address', sw, status, appendedAddress: readTextField(data, { offset: 0, byteLength: APPENDED_ADDRESS_BYTES }) };
  }
  if (data.length === SAM_ID_BYTES) return { ok: true, kind: 'sam-id', sw, status, samId: formatSamId(data) ?? '' };
  return { ok: true, kind: 'status', sw, status, dataBytes: data.length };
}

function fail(sw: string | null, error: ReplyError): ReaderReplyDecoding {
  return { ok: false, sw, error };
}
