import type { LocalizedText } from '../../../config/localizedText.js';
import { printableChar } from './mrzCharacters.js';

/** The four check digits of the MRZ, named as the flows and staff see them. */
export type CheckDigitName = 'document-number' | 'birth-date' | 'expiry-date' | 'composite';

export type MrzField =
  | 'document-code'
  | 'issuing-state'
  | 'document-number'
  | 'optional-data-1'
  | 'birth-date'
  | 'sex'
  | 'expiry-date'
  | 'nationality'
  | 'optional-data-2'
  | 'name'
  | 'filler'
  | 'document-number-check'
  | 'birth-date-check'
  | 'expiry-date-check'
  | 'composite-check';

/**
 * A character OCR commonly mistakes for another (0/O, 1/I, 8/B, …) that would make a failing
 * check digit pass if it were read as `suggested`. Reported for staff and statistics, never
 * applied: a corrected read is still a guess, and the citizen simply places the permit again.
 * Lines and columns count from 1, as ICAO numbers MRZ positions.
 */
export interface SuspectedConfusion {
  line: number;
  column: number;
  found: string;
  suggested: string;
}

/** Why an MRZ was rejected. The parser reports every problem it can see, not only the first. */
export type MrzError =
  /** Neither the permit's one line nor TD1's three. */
  | { code: 'wrong-line-count'; lineCount: number }
  /** Two lines of 36 or 44: a TD2 card or a TD3 passport, not a card permit. */
  | { code: 'unsupported-layout'; layout: 'td2' | 'td3'; documentCode: string }
  /** OCR dropped or added a character; the positions after it cannot be trusted. */
  | { code: 'wrong-line-length'; line: number; length: number; expected: number }
  /** A character the field cannot hold; `suggested` is the likely intended one when OCR commonly confuses them. */
  | { code: 'bad-character'; field: MrzField; line: number; column: number; found: string; suggested: string | null }
  | { code: 'check-digit-mismatch'; check: CheckDigitName; computed: number; found: number; suspectedConfusions: SuspectedConfusion[] }
  /** Six digits, but not a calendar date (month 13, 30 February). */
  | { code: 'invalid-date'; field: 'birth-date' | 'expiry-date' }
  /** TD1: the document number continues into the optional data but its check digit is missing. */
  | { code: 'bad-document-number-extension' };

export type MrzErrorCode = MrzError['code'];

/** For staff logs and the maintenance screen; never contains a whole field, so no personal data. */
export function describeMrzError(error: MrzError): LocalizedText {
  switch (error.code) {
    case 'wrong-line-count':
      return { 'zh-CN': `机读码行数错误（${error.lineCount} 行）`, en: `MRZ has ${error.lineCount} lines; expected 1 (card permit) or 3 (TD1)` };
    case 'unsupported-layout':
      return { 'zh-CN': `不是卡式通行证（${error.layout.toUpperCase()} 格式机读码）`, en: `not a card permit (${error.layout.toUpperCase()} MRZ)` };
    case 'wrong-line-length':
      return { 'zh-CN': `机读码第 ${error.line} 行长度为 ${error.length}，应为 ${error.expected}`, en: `MRZ line ${error.line} has ${error.length} characters; expected ${error.expected}` };
    case 'bad-character': {
      const where = `${error.line}:${error.column}`;
      const hint = error.suggested === null ? '' : error.suggested;
      return {
        'zh-CN': `机读码 ${where}（${error.field}）字符 ${printableChar(error.found)} 无效${hint ? `，疑为 ${hint}` : ''}`,
        en: `MRZ ${where} (${error.field}): invalid character ${printableChar(error.found)}${hint ? `, probably ${hint}` : ''}`,
      };
    }
    case 'check-digit-mismatch': {
      const hint = error.suspectedConfusions.map((c) => `${c.line}:${c.column} ${c.found}→${c.suggested}`).join(', ');
      return {
        'zh-CN': `机读码校验位错误（${error.check}）${hint ? `，疑似识别混淆 ${hint}` : ''}`,
        en: `MRZ check digit failed (${error.check})${hint ? `; possible OCR confusion ${hint}` : ''}`,
      };
    }
    case 'invalid-date':
      return { 'zh-CN': `机读码日期无效（${error.field}）`, en: `MRZ date is not a calendar date (${error.field})` };
    case 'bad-document-number-extension':
      return { 'zh-CN': '机读码证件号码延长部分缺少校验位', en: 'MRZ document number extension has no check digit' };
  }
}
