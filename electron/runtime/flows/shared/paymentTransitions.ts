import { isPaymentMethodAllowed, type PaymentLimits } from '../../payments/paymentMethodPolicy.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { QrEnding, SharedStepContext, SharedTarget, ShownQr } from './flowContextParts.js';
import { cancelWith, detailOf, fault, isText } from './transitionKit.js';

const METHODS: ReadonlySet<unknown> = new Set(['payment-code', 'qr', 'bank-card']);

/** The QR code a `qr-shown` event carries, when it is one. */
function shownQr(event: FlowEvent): ShownQr | null {
  if (!isText(event.content) || !isText(event.expiresAt) || !Number.isFinite(Date.parse(event.expiresAt))) return null;
  return { content: event.content, expiresAt: event.expiresAt };
}

/** The fault a withdrawn QR code leaves on the payment choice. */
const WITHDRAWN_FAULT: Readonly<Record<Exclude<QrEnding, 'session-ended'>, string>> = { cancelled: 'qr-cancelled', expired: 'qr-expired' };

/**
 * Paying, the same in every flow: choose a method (only one allowed for the amount), scan a
 * payment code or show a QR code for the phone, charge, and after a restart settle from the
 * ledger. Paid leads to `paidStep`; not charged leads back to the choice with the reason;
 * unclear goes to staff via the receipt. A QR code stays on the screen (show-qr) until it is
 * paid, its time is up or the citizen cancels it; then it is withdrawn (cancel-qr), and a
 * payment that arrived meanwhile still counts.
 */
export function paymentTransitions<C extends SharedStepContext, P extends string>(options: {
  paidStep: P;
  limits: PaymentLimits;
  /** What the citizen is paying, from the flow's context. */
  amountOf: (context: C) => number;
}) {
  type Transition = (event: FlowEvent, context: C) => SharedTarget<P>;

  /** Outcomes of a charge, shared by `charge` and `settle-payment`. */
  const paymentResult = (step: 'charge' | 'settle-payment' | 'show-qr' | 'cancel-qr', event: FlowEvent, context: C): SharedTarget<P> => {
    switch (event.type) {
      case 'paid':
        return isText(event.paymentId) ? { to: options.paidStep, context: { paymentId: event.paymentId, codeToken: null, qr: null, qrEnding: null, lastFault: null } } : null;
      case 'not-charged': {
        // Nobody is at the terminal any more (the session ended during a QR order): the visit ends, nothing charged.
        if (context.qrEnding === 'session-ended') return cancelWith(step, 'session-ended', { codeToken: null, qr: null, qrEnding: null });
        const code = event.reason === 'declined' ? 'payment-declined' : event.reason === 'reversed' ? 'payment-reversed' : 'payment-not-sent';
        return { to: 'choose-payment', context: { codeToken: null, qr: null, qrEnding: null, lastFault: fault(step, code) } };
      }
      case 'payment-staff':
        return isText(event.paymentId)
          ? {
              to: 'print-receipt',
              context: { paymentId: event.paymentId, outcome: 'handed-to-staff', codeToken: null, qr: null, qrEnding: null, lastFault: fault(step, 'payment-unclear') },
            }
          : null;
      case 'qr-shown': {
        const qr = shownQr(event);
        if (!qr || !isText(event.paymentId)) return null;
        // The session ended while the order was being created: nobody is there, so it is withdrawn at once.
        if (context.qrEnding === 'session-ended') return { to: 'cancel-qr', context: { paymentId: event.paymentId, qr, lastFault: null } };
        return { to: 'show-qr', context: { paymentId: event.paymentId, qr, qrEnding: null, lastFault: null } };
      }
      case 'code-expired':
        return { to: 'choose-payment', context: { codeToken: null, lastFault: fault(step, 'code-expired') } };
      default:
        return null;
    }
  };

  /** The session ended while a QR order is being created or looked up: remembered, so the code is withdrawn as soon as it exists. */
  const sessionEndedDuringQrOrder = (step: 'charge' | 'settle-payment', event: FlowEvent, context: C): SharedTarget<P> => {
    if (event.type !== 'cancel-payment' || event.by !== 'session-ended' || context.payment?.method !== 'qr') return null;
    return { to: step, stay: true, context: { qrEnding: 'session-ended' } };
  };

  const choosePayment: Transition = (event, context) => {
    if (event.type === 'timeout') return cancelWith('choose-payment', 'timed-out');
    if (event.type !== 'pay' || !METHODS.has(event.method)) return null;
    const method = event.method as 'payment-code' | 'qr' | 'bank-card';
    // A method over its limit for this amount is not offered, so it cannot be chosen either.
    if (!isPaymentMethodAllowed(method, options.amountOf(context), options.limits)) return null;
    if (method === 'payment-code') return { to: 'scan-code', context: { lastFault: null } };
    return { to: 'charge', context: { payment: { method }, codeToken: null, qr: null, qrEnding: null, lastFault: null } };
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

  const charge: Transition = (event, context) => {
    // A restart or a crash in the work: the ledger, not memory, says where the money is.
    if (event.type === 'resume-payment' || event.type === 'error') return { to: 'settle-payment', context: { codeToken: null } };
    const ended = sessionEndedDuringQrOrder('charge', event, context);
    if (ended) return ended;
    return paymentResult('charge', event, context);
  };

  const settlePayment: Transition = (event, context) => {
    const ended = sessionEndedDuringQrOrder('settle-payment', event, context);
    if (ended) return ended;
    switch (event.type) {
      case 'no-payment':
        if (context.qrEnding === 'session-ended') return cancelWith('settle-payment', 'session-ended', { codeToken: null, qr: null, qrEnding: null });
        return { to: 'choose-payment', context: { codeToken: null, lastFault: fault('settle-payment', 'payment-interrupted') } };
      case 'refund-pending':
        return isText(event.paymentId) ? { to: 'refund', context: { paymentId: event.paymentId } } : null;
      case 'already-refunded':
        return isText(event.paymentId) ? { to: 'print-receipt', context: { paymentId: event.paymentId, outcome: 'refunded' } } : null;
      case 'error':
        return { to: 'hand-off', context: { lastFault: fault('settle-payment', 'payment-unclear') } };
      default:
        return paymentResult('settle-payment', event, context);
    }
  };

  /** The QR code is on the screen: paid, declined, out of time, or the citizen (or the end of their session) cancels it. */
  const showQr: Transition = (event, context) => {
    switch (event.type) {
      case 'cancel-payment':
        return { to: 'cancel-qr', context: { qrEnding: event.by === 'session-ended' ? 'session-ended' : 'cancelled' } };
      case 'qr-expired':
        return { to: 'cancel-qr', context: { qrEnding: 'expired' } };
      case 'error':
        // The ledger, not memory, says where the money is.
        return { to: 'settle-payment', context: { qr: null } };
      case 'not-charged':
        // Reversed while on the screen: only a restart after the code's time withdraws it so.
        if (event.reason === 'reversed') return { to: 'choose-payment', context: { codeToken: null, qr: null, qrEnding: null, lastFault: fault('show-qr', 'qr-expired') } };
        return paymentResult('show-qr', event, context);
      default:
        return paymentResult('show-qr', event, context);
    }
  };

  /** The QR code is being withdrawn: nothing taken (back to the choice, or the end when nobody is here), or paid after all. */
  const cancelQr: Transition = (event, context) => {
    const ending = context.qrEnding ?? 'cancelled';
    if (event.type === 'error') return { to: 'settle-payment', context: { qr: null } };
    if (event.type !== 'not-charged') return paymentResult('cancel-qr', event, context);
    if (ending === 'session-ended') return cancelWith('cancel-qr', 'session-ended', { codeToken: null, qr: null, qrEnding: null });
    if (event.reason === 'declined') return paymentResult('cancel-qr', event, context);
    return { to: 'choose-payment', context: { codeToken: null, qr: null, qrEnding: null, lastFault: fault('cancel-qr', WITHDRAWN_FAULT[ending]) } };
  };

  return { 'choose-payment': choosePayment, 'scan-code': scanCode, charge, 'settle-payment': settlePayment, 'show-qr': showQr, 'cancel-qr': cancelQr };
}
