import { ratingForStars, type BadRatingReason } from '../endorsement/ratingScale.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { SharedStepContext, SharedTarget } from './flowContextParts.js';
import { fault } from './transitionKit.js';

/**
 * How every paid case ends: a refund or a hand-off when the service was not delivered, the
 * receipt (printed, or kept for staff), the rating, and the final step `finalStep` names for the
 * case's outcome.
 */
export function closingTransitions<C extends SharedStepContext, F extends string>(options: {
  badRatingReasons: readonly BadRatingReason[];
  finalStep: (context: C) => F;
}) {
  type Transition = (event: FlowEvent, context: C) => SharedTarget<F>;

  const refund: Transition = (event) => {
    switch (event.type) {
      case 'refunded':
        return { to: 'print-receipt', context: { outcome: 'refunded' } };
      case 'refund-impossible':
        return { to: 'print-receipt', context: { outcome: 'handed-to-staff', lastFault: fault('refund', 'refund-impossible') } };
      case 'error':
        return { to: 'hand-off', context: { lastFault: fault('refund', 'refund-impossible') } };
      default:
        return null;
    }
  };

  const handOff: Transition = (event, context) => {
    if (event.type === 'refunded') return { to: 'print-receipt', context: { outcome: 'refunded' } };
    if (event.type !== 'handed-over' && event.type !== 'error') return null;
    return { to: 'print-receipt', context: { outcome: 'handed-to-staff', lastFault: context.lastFault ?? fault('hand-off', 'handed-to-staff') } };
  };

  const printReceipt: Transition = (event) => {
    if (event.type === 'receipt-printed') return { to: 'rate', context: { receipt: 'printed' } };
    if (event.type === 'receipt-not-printed' || event.type === 'timeout' || event.type === 'error') {
      return { to: 'rate', context: { receipt: 'kept-for-staff', lastFault: fault('print-receipt', 'receipt-not-printed') } };
    }
    return null;
  };

  const rate: Transition = (event, context) => {
    if (event.type === 'rate.skip' || event.type === 'timeout') return { to: options.finalStep(context), context: { rating: null } };
    if (event.type !== 'rate') return null;
    // `level` is what the citizen touched: 1-5, 5 = 非常满意 (ratingScale.ts maps it to the platform codes).
    const scale = ratingForStars(event.level);
    if (!scale) return null;
    const known = new Set(options.badRatingReasons.map((r) => r.code));
    const reasons = event.reasons === undefined ? [] : event.reasons;
    if (!Array.isArray(reasons) || reasons.length > 10 || !reasons.every((r) => typeof r === 'string' && known.has(r))) return null;
    if (event.callback !== undefined && typeof event.callback !== 'boolean') return null;
    // Reasons and a callback belong to a 差评 only.
    return {
      to: 'record-rating',
      context: { rating: { stars: scale.stars, reasons: scale.bad ? [...new Set(reasons as string[])] : [], callback: scale.bad && event.callback === true } },
    };
  };

  const recordRating: Transition = (event, context) =>
    event.type === 'rating-recorded' || event.type === 'error' ? { to: options.finalStep(context) } : null;

  return { refund, 'hand-off': handOff, 'print-receipt': printReceipt, rate, 'record-rating': recordRating };
}
