/**
 * Which wallet a scanned 付款码 belongs to, from its prefix and length only
 * (research/payment.md §1.4–1.6, §2.6):
 *
 * - WeChat: 18 digits, prefix 10–15 (`^(1[0-5])\d{16}$`, WeChat micropay doc).
 * - Alipay: 16–24 digits, prefix 25–30 (`^(2[5-9]|30)\d{14,22}$`, alipay.trade.pay doc).
 * - UnionPay 云闪付: 19 digits, prefix 62.
 * - e-CNY: the research marks its 付款码 format UNVERIFIED, so no default rule returns
 *   'ecny'; a deployment that confirms the format passes its own rule. The kind is a UX hint
 *   only: the back end (aggregator) routes by the code itself.
 *
 * A 付款码 is a single-use bearer secret: this module returns the kind and a masked form, and
 * only the caller that asked for the scan ever sees the full code.
 */
export type PaymentCodeKind = 'wechat' | 'alipay' | 'unionpay' | 'ecny' | 'unknown';

export interface PaymentCodeRule {
  kind: Exclude<PaymentCodeKind, 'unknown'>;
  pattern: RegExp;
}

export const DEFAULT_PAYMENT_CODE_RULES: readonly PaymentCodeRule[] = [
  { kind: 'wechat', pattern: /^1[0-5]\d{16}$/ },
  { kind: 'alipay', pattern: /^(2[5-9]|30)\d{14,22}$/ },
  { kind: 'unionpay', pattern: /^62\d{17}$/ },
];

export interface PaymentCodeClassification {
  kind: PaymentCodeKind;
  /** Safe for logs and screens: never more than the first 2 and last 4 characters. */
  masked: string;
}

export function classifyPaymentCode(code: string, rules: readonly PaymentCodeRule[] = DEFAULT_PAYMENT_CODE_RULES): PaymentCodeClassification {
  const rule = rules.find((r) => r.pattern.test(code));
  return { kind: rule?.kind ?? 'unknown', masked: maskPaymentCode(code) };
}

/**
 * First 2 and last 4 characters, the rest as '*'. Codes shorter than 12 are masked whole:
 * with fewer than 6 hidden characters the mask would no longer protect the code.
 */
export function maskPaymentCode(code: string): string {
  const chars = [...code];
  if (chars.length < 12) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 6) + chars.slice(-4).join('');
}
