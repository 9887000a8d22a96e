import { describe, expect, it } from 'vitest';
import { isPaymentMethodAllowed, paymentMethodsFor } from '../../../../electron/runtime/payments/paymentMethodPolicy.js';

const limits = { paymentCodeMaxFen: 100_000 };

describe('paymentMethodsFor', () => {
  it('offers the payment code and the bank card up to the code limit, inclusive', () => {
    expect(paymentMethodsFor(8_000, limits)).toEqual({ methods: ['payment-code', 'bank-card'], withheld: [] });
    expect(paymentMethodsFor(100_000, limits).methods).toContain('payment-code');
  });

  it('sends a larger amount to the bank card and says why the code is withheld', () => {
    expect(paymentMethodsFor(100_001, limits)).toEqual({
      methods: ['bank-card'],
      withheld: [{ method: 'payment-code', reason: 'over-limit', limitFen: 100_000 }],
    });
    expect(isPaymentMethodAllowed('payment-code', 100_001, limits)).toBe(false);
    expect(isPaymentMethodAllowed('bank-card', 100_001, limits)).toBe(true);
  });

  it('turns payment codes off entirely with a limit of 0', () => {
    expect(paymentMethodsFor(1, { paymentCodeMaxFen: 0 }).methods).toEqual(['bank-card']);
  });
});
