import type { PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import type { PaymentLimits } from '../../payments/paymentMethodPolicy.js';
import { DEFAULT_BAD_RATING_REASONS, type BadRatingReason } from '../endorsement/ratingScale.js';

/** The tunables every citizen flow has; each flow's options add its own. */
export interface CommonFlowOptions {
  /** Failed reads of one document (per person) before the flow gives up. */
  maxReadAttempts: number;
  /** Face comparisons that did not match (per person) before only the staff path is offered. */
  maxFaceAttempts: number;
  /** Waits between attempts of a platform call that is safe to repeat (attempts = delays + 1). */
  platformRetryDelaysMs: readonly number[];
  badRatingReasons: readonly BadRatingReason[];
  paper: PaperWidth;
  /** From config `payments`: which methods an amount may use. */
  paymentLimits: PaymentLimits;
}

export const COMMON_FLOW_DEFAULTS: CommonFlowOptions = {
  maxReadAttempts: 3,
  maxFaceAttempts: 3,
  platformRetryDelaysMs: [2_000, 5_000],
  badRatingReasons: DEFAULT_BAD_RATING_REASONS,
  paper: '80mm',
  paymentLimits: { paymentCodeMaxFen: 100_000, qrMaxFen: 500_000 },
};
