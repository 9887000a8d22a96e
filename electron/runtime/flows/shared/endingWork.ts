import type { ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import type { RatingEventPayload, ServiceKind } from '../../../platform/platformApiTypes.js';
import type { PaymentEntry } from '../../payments/paymentLedger.js';
import { ratingForStars } from '../endorsement/ratingScale.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { RatingChoice, SharedStepContext } from './flowContextParts.js';
import type { CommonFlowServices } from './flowServices.js';
import { missing } from './paymentWork.js';

/**
 * The work that ends every case: the receipt, printed at most once, and the rating, written
 * once to the outbox. Both are keyed by the case, so a step repeated after a crash finds what
 * the first attempt did.
 */

/** Prints the receipt once: a job already journalled under `jobId` is never printed again by the flow. */
export async function printReceiptOnce(receipts: CommonFlowServices['receipts'], jobId: string, build: () => ReceiptDocument): Promise<FlowEvent> {
  const earlier = receipts.jobState(jobId);
  if (earlier === 'printed') return { type: 'receipt-printed' };
  // Pending or failed: an earlier attempt may be on paper already; staff reprint it from maintenance.
  if (earlier !== null) return { type: 'receipt-not-printed', reason: `earlier attempt ${earlier}` };
  const result = await receipts.print(jobId, build());
  return result.ok ? { type: 'receipt-printed' } : { type: 'receipt-not-printed', reason: result.reason };
}

/** The rating as the platform contract's event, written once under `eventId`. */
export function recordRatingEvent(
  services: Pick<CommonFlowServices, 'outbox' | 'clock'>,
  rated: { caseNumber: string | undefined; service: ServiceKind; rating: RatingChoice | null | undefined; eventId: string },
): FlowEvent {
  const { caseNumber, rating } = rated;
  const scale = rating ? ratingForStars(rating.stars) : null;
  if (!caseNumber || !rating || !scale) return { type: 'rating-recorded', recorded: false };
  const payload: RatingEventPayload = {
    caseNumber,
    service: rated.service,
    level: scale.level,
    satisfaction: scale.provincialCode,
    channel: 5,
    assessNumber: 1,
    badReasons: scale.bad ? rating.reasons : [],
    comment: null,
    callbackRequested: scale.bad && rating.callback,
    // The platform holds the applicant's contacts; the kiosk never asks for a phone number.
    callbackPhone: null,
    ratedAt: new Date(services.clock.now()).toISOString(),
  };
  try {
    services.outbox.append('rating', { ...payload }, rated.eventId);
  } catch (error) {
    // Written before a crash and now repeated: the event id makes it once.
    if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
  }
  return { type: 'rating-recorded', recorded: true };
}

/** The receipt's print job and the rating's outbox event of a case, derived from its caseRef. */
export const closingKeys = (caseRef: string) => ({ receiptJob: `${caseRef}-receipt`, ratingEvent: `rating-${caseRef}` });

type ClosingServices = Pick<CommonFlowServices, 'receipts' | 'ledger' | 'clock' | 'terminal' | 'outbox'>;

/** The print-receipt step's work: the flow's receipt (built from the case and its ledger entry), printed once. */
export function printReceiptWork<C extends SharedStepContext>(
  build: (context: C, entry: PaymentEntry | null, services: ClosingServices, nowMs: number) => ReceiptDocument,
): (context: C, services: ClosingServices) => Promise<FlowEvent> {
  return async (context, services) => {
    if (!context.caseRef) return missing('caseRef');
    const entry = context.paymentId ? services.ledger.get(context.paymentId) : null;
    return printReceiptOnce(services.receipts, closingKeys(context.caseRef).receiptJob, () => build(context, entry, services, services.clock.now()));
  };
}

/** The record-rating step's work: the rating as the platform contract's event, once under the case's event id. */
export function recordRatingWork<C extends SharedStepContext & { rating?: RatingChoice | null }>(
  service: ServiceKind,
  caseNumberOf: (context: C) => string | undefined,
): (context: C, services: ClosingServices) => Promise<FlowEvent> {
  return async (context, services) => {
    if (!context.caseRef) return { type: 'rating-recorded', recorded: false };
    return recordRatingEvent(services, { caseNumber: caseNumberOf(context), service, rating: context.rating, eventId: closingKeys(context.caseRef).ratingEvent });
  };
}
