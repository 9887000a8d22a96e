import type { LocalizedText } from '../../../config/localizedText.js';

/**
 * What the ECR frame decoder reports instead of a frame. Every dropped byte is counted in
 * exactly one error's byteCount.
 */
export type EcrFrameError =
  | { code: 'garbage-skipped'; byteCount: number }
  /** The two bytes after STX are not packed BCD: not a real frame start. */
  | { code: 'bad-length'; byteCount: number }
  /** No ETX where the length says the body ends. */
  | { code: 'missing-etx'; declaredLength: number; byteCount: number }
  | { code: 'lrc-mismatch'; expected: number; received: number; byteCount: number }
  | { code: 'incomplete-frame'; byteCount: number };

export type EcrFrameErrorCode = EcrFrameError['code'];

export function describeEcrFrameError(error: EcrFrameError): LocalizedText {
  switch (error.code) {
    case 'garbage-skipped':
      return { 'zh-CN': `跳过 ${error.byteCount} 个无效字节`, en: `skipped ${error.byteCount} bytes outside any frame` };
    case 'bad-length':
      return { 'zh-CN': '帧长度不是 BCD 码', en: 'frame length is not BCD' };
    case 'missing-etx':
      return { 'zh-CN': `长度 ${error.declaredLength} 处缺少 ETX`, en: `no ETX after the declared ${error.declaredLength} bytes` };
    case 'lrc-mismatch':
      return { 'zh-CN': '帧校验（LRC）错误', en: `LRC mismatch (expected ${error.expected}, received ${error.received})` };
    case 'incomplete-frame':
      return { 'zh-CN': `帧不完整，丢弃 ${error.byteCount} 个字节`, en: `incomplete frame; dropped ${error.byteCount} bytes` };
  }
}
