import { describe, expect, it } from 'vitest';
import { isPaymentMethodAllowed, paymentMethodsFor } from '../../../../electron/runtime/payments/paymentMethodPolicy.js';

const limits = { paymentCodeMaxFen: 100_000, qrMaxFen: 500_000 };

describe('paymentMethodsFor', () => {
  it('offers the payment code, the QR code and the bank card up to the code limit, inclusive', () => {
    expect(paymentMethodsFor(8_000, limits)).toEqual({ methods: ['payment-code', 'qr', 'bank-card'], withheld: [] });
    expect(paymentMethodsFor(100_000, limits).methods).toContain('payment-code');
  });

  it('keeps the QR code (its own, higher limit) when the amount is over the payment-code limit', () => {
    expect(paymentMethodsFor(100_001, limits)).toEqual({
      methods: ['qr', 'bank-card'],
      withheld: [{ method: 'payment-code', reason: 'over-limit', limitFen: 100_000 }],
    });
    expect(paymentMethodsFor(500_000, limits).methods).toContain('qr');
    expect(isPaymentMethodAllowed('qr', 500_000, limits)).toBe(true);
  });

  it('sends an amount over both limits to the bank card and says why each code is withheld', () => {
    expect(paymentMethodsFor(500_001, limits)).toEqual({
      methods: ['bank-card'],
      withheld: [
        { method: 'payment-code', reason: 'over-limit', limitFen: 100_000 },
        { method: 'qr', reason: 'over-limit', limitFen: 500_000 },
      ],
    });
    expect(isPaymentMethodAllowed('payment-code', 500_001, limits)).toBe(false);
    expect(isPaymentMethodAllowed('qr', 500_001, limits)).toBe(false);
    expect(isPaymentMethodAllowed('bank-card', 500_001, limits)).toBe(true);
  });

  it('turns a method off entirely with a limit of 0: not offered, and not listed as withheld either', () => {
    expect(paymentMethodsFor(1, { paymentCodeMaxFen: 0, qrMaxFen: 500_000 })).toEqual({ methods: ['qr', 'bank-card'], withheld: [] });
    expect(paymentMethodsFor(1, { paymentCodeMaxFen: 100_000, qrMaxFen: 0 })).toEqual({ methods: ['payment-code', 'bank-card'], withheld: [] });
    expect(isPaymentMethodAllowed('qr', 1, { paymentCodeMaxFen: 100_000, qrMaxFen: 0 })).toBe(false);
  });
});
