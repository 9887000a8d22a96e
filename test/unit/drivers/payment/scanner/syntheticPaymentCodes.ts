/** Synthetic codes that match the published prefix/length rules; none is a real 付款码. */
export const SYNTHETIC_CODES = {
  wechat: '134567890123456789', // 18 digits, prefix 13
  alipay: '2812345678901234', // 16 digits, prefix 28
  alipayLongest: '300000000000000000000001', // 24 digits, prefix 30
  unionpay: '6212345678901234567', // 19 digits, prefix 62
} as const;

export const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
export const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
