import type { LocalizedText } from '../../config/localizedText.js';
import { TEXT_BLOCK_BYTES } from './textBlock/textBlockField.js';

/** The data of a 30 01 / 30 10 reply, split by the lengths the reply itself declares (GA 490 fixes the text at 256 bytes). */
export interface CardReadData {
  readonly form: 'text-photo' | 'text-photo-fingerprint';
  readonly text: Uint8Array;
  /** WLT-compressed and encrypted; only a licensed decoder can turn it into an image. */
  readonly photo: Uint8Array;
  /** Null when the reply has no fingerprint section or declares it empty. */
  readonly fingerprint: Uint8Array | null;
}

export type ReadResponseError = { code: 'read-lengths-mismatch' | 'unexpected-text-length'; message: LocalizedText };

export type ReadResponseResult = { ok: true; value: CardReadData } | { ok: false; error: ReadResponseError };

/**
 * Splits the data after SW1..SW3. The two forms are told apart by which header makes the
 * lengths add up: textLen photoLen (u16 BE each) for 30 01, plus fpLen for 30 10 (research §2).
 * They cannot both add up, because the fingerprint form needs two more header bytes.
 */
export function parseReadResponseData(data: Uint8Array): ReadResponseResult {
  const u16At = (offset: number) => ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
  if (data.length >= 6) {
    const [textBytes, photoBytes, fingerprintBytes] = [u16At(0), u16At(2), u16At(4)];
    if (6 + textBytes + photoBytes + fingerprintBytes === data.length) {
      return split(data, 6, textBytes, photoBytes, fingerprintBytes);
    }
  }
  if (data.length >= 4) {
    const [textBytes, photoBytes] = [u16At(0), u16At(2)];
    if (4 + textBytes + photoBytes === data.length) return split(data, 4, textBytes, photoBytes, null);
  }
  return {
    ok: false,
    error: {
      code: 'read-lengths-mismatch',
      message: { 'zh-CN': `读卡应答长度与其声明的长度不符（${data.length} 字节）`, en: `read reply of ${data.length} bytes does not match the lengths it declares` },
    },
  };
}

function split(data: Uint8Array, headerBytes: number, textBytes: number, photoBytes: number, fingerprintBytes: number | null): ReadResponseResult {
  if (textBytes !== TEXT_BLOCK_BYTES) {
    return {
      ok: false,
      error: {
        code: 'unexpected-text-length',
        message: { 'zh-CN': `文字信息应为 256 字节，应答声明 ${textBytes} 字节`, en: `text block must be 256 bytes, the reply declares ${textBytes}` },
      },
    };
  }
  const photoStart = headerBytes + textBytes;
  const fingerprintStart = photoStart + photoBytes;
  return {
    ok: true,
    value: {
      form: fingerprintBytes === null ? 'text-photo' : 'text-photo-fingerprint',
      text: data.slice(headerBytes, photoStart),
      photo: data.slice(photoStart, fingerprintStart),
      fingerprint: fingerprintBytes ? data.slice(fingerprintStart, fingerprintStart + fingerprintBytes) : null,
    },
  };
}
