import type { LocalizedText } from '../../config/localizedText.js';

/**
 * What the incremental decoder reports instead of a frame. Every byte it discards is counted
 * in exactly one error's byteCount, so statistics and tests can account for the whole stream.
 */
export type SamFrameError =
  /** Bytes before a preamble that belong to no frame (line noise, a half frame from before a reconnect). */
  | { code: 'garbage-skipped'; byteCount: number }
  | { code: 'length-out-of-range'; declaredLength: number; byteCount: number }
  | { code: 'checksum-mismatch'; declaredLength: number; expectedChecksum: number; receivedChecksum: number; byteCount: number }
  /** A frame that stopped arriving: dropped on an inter-byte timeout or at the end of the input. */
  | { code: 'incomplete-frame'; byteCount: number };

export type SamFrameErrorCode = SamFrameError['code'];

export function describeSamFrameError(error: SamFrameError): LocalizedText {
  switch (error.code) {
    case 'garbage-skipped':
      return { 'zh-CN': `跳过 ${error.byteCount} 个无效字节`, en: `skipped ${error.byteCount} bytes that belong to no frame` };
    case 'length-out-of-range':
      return {
        'zh-CN': `帧长度 ${error.declaredLength} 超出范围，丢弃 ${error.byteCount} 个字节`,
        en: `frame length ${error.declaredLength} is out of range; dropped ${error.byteCount} bytes`,
      };
    case 'checksum-mismatch':
      return {
        'zh-CN': `帧校验和错误（应为 ${hexByte(error.expectedChecksum)}，收到 ${hexByte(error.receivedChecksum)}），丢弃 ${error.byteCount} 个字节`,
        en: `frame checksum mismatch (expected ${hexByte(error.expectedChecksum)}, received ${hexByte(error.receivedChecksum)}); dropped ${error.byteCount} bytes`,
      };
    case 'incomplete-frame':
      return { 'zh-CN': `帧不完整，丢弃 ${error.byteCount} 个字节`, en: `incomplete frame; dropped ${error.byteCount} bytes` };
  }
}

function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
