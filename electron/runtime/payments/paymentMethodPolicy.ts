import type { PaymentChoice, PaymentMethodChoice } from '../../bridge/paymentChoiceView.js';

export interface PaymentLimits {
  /** Largest amount offered for a payment code; larger amounts go to the bank card. */
  paymentCodeMaxFen: number;
}

/**
 * Which methods a citizen may choose for this amount: the payment code only up to its limit
 * (research/payment.md §1.9: per-payer daily caps), the bank card always. The same rule
 * decides the screen and the `pay` transition, so a withheld method cannot be chosen.
 */
export function paymentMethodsFor(amountFen: number, limits: PaymentLimits): Pick<PaymentChoice, 'methods' | 'withheld'> {
  const codeAllowed = limits.paymentCodeMaxFen > 0 && amountFen <= limits.paymentCodeMaxFen;
  return {
    methods: codeAllowed ? ['payment-code', 'bank-card'] : ['bank-card'],
    withheld: codeAllowed ? [] : [{ method: 'payment-code', reason: 'over-limit', limitFen: limits.paymentCodeMaxFen }],
  };
}

export function isPaymentMethodAllowed(method: PaymentMethodChoice, amountFen: number, limits: PaymentLimits): boolean {
  return paymentMethodsFor(amountFen, limits).methods.includes(method);
}
