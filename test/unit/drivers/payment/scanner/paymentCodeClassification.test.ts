import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPaymentCode, maskPaymentCode } from '../../../../../drivers/payment/scanner/paymentCodeClassification.js';
import { SYNTHETIC_CODES } from './syntheticPaymentCodes.js';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

describe('classifyPaymentCode', () => {
  it.each([
    [SYNTHETIC_CODES.wechat, 'wechat'],
    ['100000000000000000', 'wechat'],
    ['159999999999999999', 'wechat'],
    [SYNTHETIC_CODES.alipay, 'alipay'],
    [SYNTHETIC_CODES.alipayLongest, 'alipay'],
    ['2500000000000000', 'alipay'],
    [SYNTHETIC_CODES.unionpay, 'unionpay'],
  ])('%s is %s', (code, kind) => {
    expect(classifyPaymentCode(code).kind).toBe(kind);
  });

  it.each([
    ['160000000000000000', 'WeChat prefix stops at 15'],
    ['13456789012345678', 'WeChat is exactly 18 digits (17)'],
    ['1345678901234567890', 'WeChat is exactly 18 digits (19)'],
    ['240000000000000000', 'Alipay prefix starts at 25'],
    ['310000000000000000', 'Alipay prefix ends at 30'],
    ['250000000000000', 'Alipay needs at least 16 digits'],
    ['2500000000000000000000000', 'Alipay has at most 24 digits'],
    ['621234567890123456', 'UnionPay is exactly 19 digits'],
    ['13456789012345678a', 'digits only'],
    ['', 'empty'],
  ])('%s is unknown (%s)', (code) => {
    expect(classifyPaymentCode(code).kind).toBe('unknown');
  });

  it('returns e-CNY only through a deployment rule (its format is UNVERIFIED in the research)', () => {
    const code = '0123456789012345678';
    expect(classifyPaymentCode(code).kind).toBe('unknown');
    expect(classifyPaymentCode(code, [{ kind: 'ecny', pattern: /^01\d{17}$/ }]).kind).toBe('ecny');
  });

  it('any 18-digit code with prefix 10–15 is WeChat', () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 15 }), digits(16), (prefix, rest) => classifyPaymentCode(`${prefix}${rest}`).kind === 'wechat'));
  });
});

describe('maskPaymentCode', () => {
  it('shows only the first 2 and last 4 characters', () => {
    expect(maskPaymentCode(SYNTHETIC_CODES.wechat)).toBe('13************6789');
    expect(classifyPaymentCode(SYNTHETIC_CODES.unionpay).masked).toBe('62*************4567');
  });

  it('masks short strings whole', () => {
    expect(maskPaymentCode('12345678901')).toBe('***********');
  });

  it('never reveals more than 6 characters and keeps the length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40, unit: fc.constantFrom(...'0123456789AB') }), (code) => {
        const masked = maskPaymentCode(code);
        const shown = [...masked].filter((c) => c !== '*').length;
        return [...masked].length === [...code].length && shown <= 6;
      }),
    );
  });
});
