import iconv from 'iconv-lite';
import type { EcrField } from './ecrTlv.js';

/**
 * Field tags and transaction codes of our serial ECR messages.
 *
 * From the research (§3.7): DF07 response code ("00" = approved) and DF1E masked card number
 * (银捷 driver); texts in GBK. The transaction codes reuse the 银联商务 `bankall` 交易类型
 * values (00 消费, 01 撤消, 02 退货, 04 重打印 = last transaction, 06 结算).
 *
 * Our choices, to be mapped per acquirer when its ECR spec is in hand: every other tag number,
 * field widths borrowed from `bankall` (amount 12 digits in fen, 凭证号 6, 参考号 12, 批次号 6),
 * and the response code "CC" for a transaction the cardholder cancelled at the terminal.
 */
export const ECR_TAG = {
  transactionType: 0xdf01,
  amountFen: 0xdf02,
  reference: 0xdf03,
  originalVoucherNo: 0xdf04,
  originalReferenceNo: 0xdf05,
  originalDate: 0xdf06,
  responseCode: 0xdf07,
  voucherNo: 0xdf08,
  referenceNo: 0xdf09,
  batchNo: 0xdf0a,
  responseText: 0xdf0b,
  /** Which request a response answers. */
  answeredType: 0xdf0c,
  /** The transaction's own caller reference when it differs from the answered request's (query-last). */
  lastReference: 0xdf0d,
  count: 0xdf10,
  maskedPan: 0xdf1e,
} as const;

export type EcrTransactionType = 'sale' | 'void' | 'refund' | 'query-last' | 'settlement';

export const ECR_TYPE_CODE: Record<EcrTransactionType, string> = { sale: '00', void: '01', refund: '02', 'query-last': '04', settlement: '06' };

export function ecrTypeFromCode(code: string): EcrTransactionType | null {
  const entry = Object.entries(ECR_TYPE_CODE).find(([, c]) => c === code);
  return entry ? (entry[0] as EcrTransactionType) : null;
}

export const ECR_APPROVED = '00';
export const ECR_CANCELLED = 'CC';

/** The caller's reference: what `out_trade_no` allows (research §4.2), so one key serves both. */
export const ECR_REFERENCE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const ECR_MAX_AMOUNT_FEN = 999_999_999_999;

export const asciiField = (tag: number, text: string): EcrField => ({ tag, value: Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f) });
export const amountField = (tag: number, fen: number): EcrField => asciiField(tag, String(fen).padStart(12, '0'));
export const gbkField = (tag: number, text: string): EcrField => ({ tag, value: Uint8Array.from(iconv.encode(text, 'gbk')) });

/** Reads fields by tag; the last occurrence wins, as a terminal that repeats a tag means its latest value. */
export class EcrFieldReader {
  private readonly byTag = new Map<number, Uint8Array>();

  constructor(fields: readonly EcrField[]) {
    for (const f of fields) this.byTag.set(f.tag, f.value);
  }

  ascii(tag: number): string | undefined {
    const value = this.byTag.get(tag);
    if (value === undefined) return undefined;
    for (const b of value) if (b < 0x20 || b > 0x7e) return undefined;
    return String.fromCharCode(...value);
  }

  digits(tag: number, width?: number): string | undefined {
    const text = this.ascii(tag);
    return text !== undefined && /^\d+$/.test(text) && (width === undefined || text.length === width) ? text : undefined;
  }

  amountFen(tag: number): number | undefined {
    const text = this.digits(tag, 12);
    return text === undefined ? undefined : Number(text);
  }

  gbk(tag: number): string | undefined {
    const value = this.byTag.get(tag);
    return value === undefined ? undefined : iconv.decode(Buffer.from(value), 'gbk');
  }
}
