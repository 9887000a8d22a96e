import type { PaymentChoice, PaymentMethodChoice } from '../../bridge/paymentChoiceView.js';

export interface PaymentLimits {
  /** Largest amount offered for a payment code (付款码, 反扫); larger amounts go to the bank card. 0: none offered. */
  paymentCodeMaxFen: number;
  /** Largest amount offered for a QR code shown on the screen (正扫, paid on the phone). 0: none offered. */
  qrMaxFen: number;
}

/** The methods with an amount limit, in the order the screen lists them; the bank card comes last and has none. */
const LIMITED_METHODS: ReadonlyArray<{ method: Exclude<PaymentMethodChoice, 'bank-card'>; maxFen: (limits: PaymentLimits) => number }> = [
  { method: 'payment-code', maxFen: (limits) => limits.paymentCodeMaxFen },
  { method: 'qr', maxFen: (limits) => limits.qrMaxFen },
];

/**
 * Which methods a citizen may choose for this amount: the payment code and the QR code each
 * only up to its own limit (research/payment.md §1.9: per-payer daily caps by code level), the
 * bank card always. A method over its limit is listed as withheld with the limit; one switched
 * off (limit 0) is not listed at all. The same rule decides the screen and the `pay`
 * transition, so a withheld method cannot be chosen.
 */
export function paymentMethodsFor(amountFen: number, limits: PaymentLimits): Pick<PaymentChoice, 'methods' | 'withheld'> {
  const methods: PaymentMethodChoice[] = [];
  const withheld: PaymentChoice['withheld'] = [];
  for (const { method, maxFen } of LIMITED_METHODS) {
    const limitFen = maxFen(limits);
    if (limitFen <= 0) continue;
    if (amountFen <= limitFen) methods.push(method);
    else withheld.push({ method, reason: 'over-limit', limitFen });
  }
  methods.push('bank-card');
  return { methods, withheld };
}

export function isPaymentMethodAllowed(method: PaymentMethodChoice, amountFen: number, limits: PaymentLimits): boolean {
  return paymentMethodsFor(amountFen, limits).methods.includes(method);
}
