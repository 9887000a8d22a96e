import type { PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import type { PaymentLimits } from '../../payments/paymentMethodPolicy.js';
import { DEFAULT_BAD_RATING_REASONS, type BadRatingReason } from './ratingScale.js';

/** The endorsement flow's tunables; everything else is in the step table. */
export interface EndorsementFlowOptions {
  /** No endorsement on a permit with this many months or fewer left (research/domain.md §1.5: 3). */
  minPermitValidityMonths: number;
  /** Failed reads of one document before the flow gives up. */
  maxReadAttempts: number;
  /** Face comparisons that did not match before only the staff path is offered. */
  maxFaceAttempts: number;
  /** Waits between attempts of an eligibility or approval call (attempts = delays + 1). */
  platformRetryDelaysMs: readonly number[];
  /** Waits between attempts of the issuing call, always with the same idempotency key. */
  issueRetryDelaysMs: readonly number[];
  badRatingReasons: readonly BadRatingReason[];
  paper: PaperWidth;
  /** From config `payments`: which methods an amount may use. */
  paymentLimits: PaymentLimits;
}

export const DEFAULT_ENDORSEMENT_OPTIONS: EndorsementFlowOptions = {
  minPermitValidityMonths: 3,
  maxReadAttempts: 3,
  maxFaceAttempts: 3,
  platformRetryDelaysMs: [2_000, 5_000],
  issueRetryDelaysMs: [2_000, 5_000, 10_000],
  badRatingReasons: DEFAULT_BAD_RATING_REASONS,
  paper: '80mm',
  paymentLimits: { paymentCodeMaxFen: 100_000 },
};
