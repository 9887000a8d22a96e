import { isPaymentMethodAllowed, type PaymentLimits } from '../../payments/paymentMethodPolicy.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { SharedStepContext, SharedTarget } from './flowContextParts.js';
import { cancelWith, detailOf, fault, isText } from './transitionKit.js';

/**
 * Paying, the same in every flow: choose a method (only one allowed for the amount), scan a
 * payment code, charge, and after a restart settle from the ledger. Paid leads to `paidStep`;
 * not charged leads back to the choice with the reason; unclear goes to staff via the receipt.
 */
export function paymentTransitions<C extends SharedStepContext, P extends string>(options: {
  paidStep: P;
  limits: PaymentLimits;
  /** What the citizen is paying, from the flow's context. */
  amountOf: (context: C) => number;
}) {
  type Transition = (event: FlowEvent, context: C) => SharedTarget<P>;

  /** Outcomes of a charge, shared by `charge` and `settle-payment`. */
  const paymentResult = (step: 'charge' | 'settle-payment', event: FlowEvent): SharedTarget<P> => {
    switch (event.type) {
      case 'paid':
        return isText(event.paymentId) ? { to: options.paidStep, context: { paymentId: event.paymentId, codeToken: null, lastFault: null } } : null;
      case 'not-charged': {
        const code = event.reason === 'declined' ? 'payment-declined' : event.reason === 'reversed' ? 'payment-reversed' : 'payment-not-sent';
        return { to: 'choose-payment', context: { codeToken: null, lastFault: fault(step, code) } };
      }
      case 'payment-staff':
        return isText(event.paymentId)
          ? { to: 'print-receipt', context: { paymentId: event.paymentId, outcome: 'handed-to-staff', codeToken: null, lastFault: fault(step, 'payment-unclear') } }
          : null;
      case 'code-expired':
        return { to: 'choose-payment', context: { codeToken: null, lastFault: fault(step, 'code-expired') } };
      default:
        return null;
    }
  };

  const choosePayment: Transition = (event, context) => {
    if (event.type === 'timeout') return cancelWith('choose-payment', 'timed-out');
    if (event.type !== 'pay') return null;
    // A method over its limit for this amount is not offered, so it cannot be chosen either.
    if ((event.method === 'payment-code' || event.method === 'bank-card') && !isPaymentMethodAllowed(event.method, options.amountOf(context), options.limits)) {
      return null;
    }
    if (event.method === 'payment-code') return { to: 'scan-code', context: { lastFault: null } };
    if (event.method === 'bank-card') return { to: 'charge', context: { payment: { method: 'bank-card' }, codeToken: null, lastFault: null } };
    return null;
  };

  const scanCode: Transition = (event) => {
    switch (event.type) {
      case 'code-scanned':
        if (!isText(event.token) || typeof event.wallet !== 'string' || typeof event.masked !== 'string') return null;
        return { to: 'charge', context: { payment: { method: 'payment-code', wallet: event.wallet, masked: event.masked }, codeToken: event.token, lastFault: null } };
      case 'scan-failed':
        if (event.code === 'timeout') return { to: 'choose-payment', context: { lastFault: fault('scan-code', 'timed-out') } };
        return { to: 'choose-payment', context: { lastFault: fault('scan-code', 'scan-failed', detailOf(event.message)) } };
      case 'error':
        return { to: 'choose-payment', context: { lastFault: fault('scan-code', 'scan-failed') } };
      case 'timeout':
        return { to: 'choose-payment', context: { lastFault: fault('scan-code', 'timed-out') } };
      default:
        return null;
    }
  };

  const charge: Transition = (event) => {
    // A restart or a crash in the work: the ledger, not memory, says where the money is.
    if (event.type === 'resume-payment' || event.type === 'error') return { to: 'settle-payment', context: { codeToken: null } };
    return paymentResult('charge', event);
  };

  const settlePayment: Transition = (event) => {
    switch (event.type) {
      case 'no-payment':
        return { to: 'choose-payment', context: { codeToken: null, lastFault: fault('settle-payment', 'payment-interrupted') } };
      case 'refund-pending':
        return isText(event.paymentId) ? { to: 'refund', context: { paymentId: event.paymentId } } : null;
      case 'already-refunded':
        return isText(event.paymentId) ? { to: 'print-receipt', context: { paymentId: event.paymentId, outcome: 'refunded' } } : null;
      case 'error':
        return { to: 'hand-off', context: { lastFault: fault('settle-payment', 'payment-unclear') } };
      default:
        return paymentResult('settle-payment', event);
    }
  };

  return { 'choose-payment': choosePayment, 'scan-code': scanCode, charge, 'settle-payment': settlePayment };
}
