import type { LocalizedText } from '../../../config/localizedText.js';

/**
 * What a scanner decoder reports instead of a code. Every discarded byte is counted in exactly
 * one error's byteCount, so tests and statistics can account for the whole stream.
 */
export type ScannerWireError =
  /** HID: bytes where a report had to start but the report id was not 0x02 (misaligned stream, noise). */
  | { code: 'unexpected-report-id'; reportId: number; byteCount: number }
  /** HID: the length byte claims more data than the report's data field holds. */
  | { code: 'length-exceeds-payload'; declaredLength: number; byteCount: number }
  /** HID: continued reports went on past the longest code we accept. */
  | { code: 'code-too-long'; byteCount: number }
  /** Serial: no suffix within the longest line we accept; bytes dropped up to the next suffix. */
  | { code: 'line-too-long'; byteCount: number }
  /** Serial CRLF mode: a CR that was not followed by LF; the line is dropped. */
  | { code: 'bad-suffix'; byteCount: number }
  /** Input stopped or was abandoned (scan ended, cable pulled) in the middle of a code. */
  | { code: 'incomplete-code'; byteCount: number };

export type ScannerWireErrorCode = ScannerWireError['code'];

export function describeScannerWireError(error: ScannerWireError): LocalizedText {
  switch (error.code) {
    case 'unexpected-report-id':
      return { 'zh-CN': `扫码器报告编号错误（${error.reportId}），丢弃 ${error.byteCount} 个字节`, en: `unexpected HID report id ${error.reportId}; dropped ${error.byteCount} bytes` };
    case 'length-exceeds-payload':
      return { 'zh-CN': `扫码器报告长度 ${error.declaredLength} 超出范围`, en: `HID report length ${error.declaredLength} exceeds its data field` };
    case 'code-too-long':
      return { 'zh-CN': `条码过长，丢弃 ${error.byteCount} 个字节`, en: `code too long; dropped ${error.byteCount} bytes` };
    case 'line-too-long':
      return { 'zh-CN': `扫码数据过长，丢弃 ${error.byteCount} 个字节`, en: `line too long; dropped ${error.byteCount} bytes` };
    case 'bad-suffix':
      return { 'zh-CN': '扫码器结束符与配置不符（应为 CR LF）', en: 'line suffix does not match the configured CR LF' };
    case 'incomplete-code':
      return { 'zh-CN': `条码不完整，丢弃 ${error.byteCount} 个字节`, en: `incomplete code; dropped ${error.byteCount} bytes` };
  }
}
