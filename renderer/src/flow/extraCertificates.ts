import type { FeeLine, PropertyViewOf } from './flowViewTypes.js';

/**
 * The fees screen's arithmetic: the extra certificates the citizen picks and what that does to
 * the total. Taxes are never added or computed here: they are the platform's, and shown as it
 * sends them.
 */

type ExtraCertificates = PropertyViewOf<'review-fees'>['extraCertificates'];

/** flow.confirmFees accepts at most this many, whatever the view offers. */
export const MAX_EXTRA_CERTIFICATES = 10;

/** The most the stepper goes to: the view's limit, within the contract's. */
export function extraCertificatesLimit(max: number): number {
  return Math.max(0, Math.min(max, MAX_EXTRA_CERTIFICATES));
}

/** A count of extra certificates kept within 0..max. */
export function clampExtraCertificates(count: number, max: number): number {
  return Math.min(extraCertificatesLimit(max), Math.max(0, count));
}

/** The count after a step of the stepper, kept within 0..max. */
export function stepExtraCertificates(chosen: number, step: -1 | 1, max: number): number {
  return clampExtraCertificates(chosen + step, max);
}

/**
 * What the citizen will pay. The runtime's fee lines are for its own count of extra
 * certificates (`extra.chosen`); the difference to the count picked on screen is added at
 * the unit price.
 */
export function feesTotalFen(fees: readonly FeeLine[], extra: ExtraCertificates, picked: number): number {
  const listed = fees.reduce((sum, line) => sum + line.amountFen, 0);
  return listed + (picked - extra.chosen) * extra.unitFen;
}
