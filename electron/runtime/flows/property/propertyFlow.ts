import { propertyCaseEvent } from './propertyCaseEvents.js';
import type { DeliveryMethod, Reason } from '../../../platform/platformApiTypes.js';
import { validateFlowDefinition, type FlowDefinition, type FlowEvent, type StepDefinition } from '../flowDefinition.js';
import { buildFlowSteps, deviceWaitMs } from '../shared/buildFlowSteps.js';
import { closingTransitions } from '../shared/closingTransitions.js';
import { faceTransitions } from '../shared/faceTransitions.js';
import { paymentTransitions } from '../shared/paymentTransitions.js';
import { cancelWith, detailOf, distinctReasons, fault, isText, readFailed } from '../shared/transitionKit.js';
import {
  partiesStillToSign,
  PROPERTY_FLOW_KIND,
  type ArrangedDelivery,
  type DeliveryOffer,
  type PartyProgress,
  type PropertyCaseInfo,
  type PropertyContext,
  type PropertyOutcome,
} from './propertyContext.js';
import { maxExtraCertificates, propertyPayable } from './propertyFees.js';
import type { PropertyFlowOptions } from './propertyOptions.js';
import type { PropertyServices } from './propertyServices.js';
import { STEP_META, type PropertyStep } from './propertySteps.js';
import {
  arrangeDeliveryWork,
  cancelQrWork,
  chargeWork,
  compareFaceWork,
  deliveryOptionsWork,
  handOffWork,
  lookupCaseWork,
  printReceiptWork,
  readPartyCardWork,
  recordRatingWork,
  refundWork,
  scanCodeWork,
  settlePaymentWork,
  showQrWork,
  startWork,
  submitWork,
  verifyPartyWork,
} from './propertyWork.js';

/**
 * Real-estate transfer registration (不动产转移登记) as a persisted state machine: find the
 * case by its number, review it (taxes must already be paid), then every required party in the
 * platform's order places their ID card, verifies (face or staff) and signs; fees from config
 * (extra certificates chosen), pay, submit, choose how the certificate is received, receipt,
 * rating. Before payment a missing party or an unpaid tax ends the visit with nothing charged;
 * after payment the case is accepted, refunded or handed to staff, never left open.
 * Transitions are pure; the work is in propertyWork.ts; the step table in propertySteps.ts.
 */

type Ctx = PropertyContext;
type Target = { to: PropertyStep; context?: Partial<Ctx> } | null;
type Transition = (event: FlowEvent, context: Ctx) => Target;

const LOOKUP_METHODS = new Set(['contract-filing-number', 'case-number']);
const CASE_NUMBER = /^[A-Z0-9][A-Z0-9-]{5,39}$/;
const DELIVERY_METHODS: ReadonlySet<string> = new Set<DeliveryMethod>(['electronic', 'print-at-terminal', 'window', 'post']);

/** The platform's own words for an unpaid tax: nothing is charged for a case it would refuse. */
export const TAXES_UNPAID: Reason = {
  code: 'taxes-unpaid',
  message: { 'zh-CN': '税款尚未缴清，请先到税务窗口缴纳', en: 'Taxes are unpaid: pay them at the tax counter first' },
};

/** Where the case ends once the receipt and the rating are behind it. */
function finalStep(outcome: PropertyOutcome | undefined): PropertyStep {
  if (outcome === 'accepted') return 'done';
  if (outcome === 'refunded') return 'done-refunded';
  return 'staff-handoff';
}

const withProgress = (context: Ctx, partyId: string, patch: PartyProgress): Record<string, PartyProgress> => ({
  ...context.progress,
  [partyId]: { ...context.progress?.[partyId], ...patch },
});

/** The next required party to verify and sign, or the fees when everyone has. */
function nextPartyOrFees(context: Ctx, progress: Record<string, PartyProgress>): Target {
  const next = partiesStillToSign({ ...context, progress })[0];
  const reset = { progress, verification: null, faceImage: null, lastFault: null };
  if (!next) return { to: 'review-fees', context: { ...reset, currentPartyId: null } };
  return { to: 'insert-id-card', context: { ...reset, currentPartyId: next.partyId, idCardReadFailures: 0, faceAttempts: 0 } };
}

/** A party is not here: the visit ends before payment, naming everyone who still has to come. */
function partyAbsent(step: PropertyStep, context: Ctx): Target {
  const missingPartyIds = partiesStillToSign(context).map((party) => party.partyId);
  return { to: 'parties-missing', context: { outcome: 'parties-missing', missingPartyIds, faceImage: null, lastFault: fault(step, 'party-absent') } };
}

/** A card that is not the current party's: try again, up to the read limit. */
function notThisParty(step: 'insert-id-card' | 'verify-party', context: Ctx, options: PropertyFlowOptions, detail: Reason['message'] | null = null): Target {
  const count = (context.idCardReadFailures ?? 0) + 1;
  if (count >= options.maxReadAttempts) return cancelWith(step, 'too-many-cards', { idCardReadFailures: count });
  return { to: 'insert-id-card', context: { idCardReadFailures: count, verification: null, lastFault: fault(step, 'card-not-this-party', detail) } };
}

/** The delivery method a citizen who did not choose gets: the counter if offered, else the first offered. */
export function defaultDelivery(offer: DeliveryOffer | undefined): DeliveryMethod | null {
  const available = (offer?.options ?? []).filter((option) => option.available);
  return (available.find((option) => option.method === 'window') ?? available[0])?.method ?? null;
}

function transitions(options: PropertyFlowOptions): Readonly<Record<PropertyStep, Transition>> {
  const face = faceTransitions(options.maxFaceAttempts, 'verify-party');
  return {
    start: (event, context) => {
      if (event.type === 'begin' && isText(event.caseRef)) return { to: 'find-case', context: { caseRef: context.caseRef ?? event.caseRef, lookupFailures: 0, lastFault: null } };
      return event.type === 'error' ? cancelWith('start', 'system-error') : null;
    },

    'find-case': (event) => {
      if (event.type === 'timeout') return cancelWith('find-case', 'timed-out');
      if (event.type !== 'find-case' || typeof event.by !== 'string' || !LOOKUP_METHODS.has(event.by)) return null;
      if (typeof event.number !== 'string' || !CASE_NUMBER.test(event.number)) return null;
      return { to: 'lookup-case', context: { lookup: { by: event.by as 'contract-filing-number' | 'case-number', number: event.number } } };
    },

    'lookup-case': (event, context) => {
      switch (event.type) {
        case 'case-found':
          return { to: 'review-case', context: { propertyCase: event.propertyCase as PropertyCaseInfo, lastFault: null } };
        case 'case-not-found':
        case 'case-already-accepted': {
          const failures = (context.lookupFailures ?? 0) + 1;
          if (failures >= options.maxLookupAttempts) return cancelWith('lookup-case', 'too-many-attempts', { lookupFailures: failures });
          return { to: 'find-case', context: { lookupFailures: failures, lastFault: fault('lookup-case', event.type) } };
        }
        case 'platform-rejected':
          return cancelWith('lookup-case', 'platform-rejected', {}, detailOf(event.detail));
        case 'platform-unavailable':
        case 'timeout':
        case 'error':
          return cancelWith('lookup-case', 'platform-unavailable');
        default:
          return null;
      }
    },

    'review-case': (event, context) => {
      if (event.type === 'timeout') return cancelWith('review-case', 'timed-out');
      if (event.type !== 'confirm-case' || !context.propertyCase) return null;
      // Taxes are the tax office's; an unpaid one means the platform would refuse, so nothing is charged.
      if (context.propertyCase.taxes.some((tax) => tax.status === 'unpaid')) return { to: 'refused', context: { outcome: 'refused', refusalReasons: [TAXES_UNPAID] } };
      return nextPartyOrFees(context, {});
    },

    'insert-id-card': (event, context) => {
      switch (event.type) {
        case 'id-card-read':
          if (!isText(event.partyId) || event.partyId !== context.currentPartyId || !isText(event.record)) return null;
          return { to: 'capture-face', context: { progress: withProgress(context, event.partyId, { idCardRecord: event.record }), faceAttempts: 0, lastFault: null } };
        case 'card-not-this-party':
          return notThisParty('insert-id-card', context, options);
        case 'id-card-read-failed':
          return readFailed('insert-id-card', event, context.idCardReadFailures ?? 0, options.maxReadAttempts, (count) => ({ idCardReadFailures: count }));
        case 'party-absent':
          return partyAbsent('insert-id-card', context);
        case 'timeout':
          return cancelWith('insert-id-card', 'timed-out');
        case 'error':
          return cancelWith('insert-id-card', 'system-error');
        default:
          return null;
      }
    },

    'capture-face': (event, context) => (event.type === 'party-absent' ? partyAbsent('capture-face', context) : face['capture-face'](event, context)),
    'compare-face': face['compare-face'],
    'staff-verify': (event, context) => (event.type === 'party-absent' ? partyAbsent('staff-verify', context) : face['staff-verify'](event, context)),

    'verify-party': (event, context) => {
      switch (event.type) {
        case 'party-verified':
          if (!isText(event.partyId) || event.partyId !== context.currentPartyId || !isText(event.partyVerificationId)) return null;
          return { to: 'sign', context: { progress: withProgress(context, event.partyId, { verificationId: event.partyVerificationId }), verification: null, lastFault: null } };
        case 'party-not-verified': {
          const reason = (event.reason ?? null) as Reason | null;
          if (reason?.code === 'identity-mismatch') return notThisParty('verify-party', context, options, reason.message);
          // Another reason (the comparison too old, not matched): verify again, towards the staff path.
          const attempts = (context.faceAttempts ?? 0) + 1;
          const to = attempts >= options.maxFaceAttempts ? 'staff-verify' : 'capture-face';
          return { to, context: { faceAttempts: attempts, verification: null, lastFault: fault('verify-party', 'party-not-verified', reason?.message ?? null) } };
        }
        case 'identity-lost':
          return cancelWith('verify-party', 'identity-lost');
        case 'platform-rejected':
          return cancelWith('verify-party', 'platform-rejected', {}, detailOf(event.detail));
        case 'platform-unavailable':
        case 'timeout':
        case 'error':
          return cancelWith('verify-party', 'platform-unavailable');
        default:
          return null;
      }
    },

    sign: (event, context) => {
      if (event.type === 'party-absent') return partyAbsent('sign', context);
      if (event.type === 'timeout') return cancelWith('sign', 'timed-out');
      if (event.type !== 'signature.captured' || !isText(event.record) || !context.currentPartyId) return null;
      return nextPartyOrFees(context, withProgress(context, context.currentPartyId, { signatureRecord: event.record }));
    },

    'review-fees': (event, context) => {
      if (event.type === 'timeout') return cancelWith('review-fees', 'timed-out');
      if (event.type !== 'confirm-fees' || !context.propertyCase) return null;
      const extra = event.extraCertificates;
      if (typeof extra !== 'number' || !Number.isInteger(extra) || extra < 0 || extra > maxExtraCertificates(context.propertyCase.parties)) return null;
      return { to: 'choose-payment', context: { extraCertificates: extra, payable: propertyPayable(context.propertyCase, extra, options.fees), lastFault: null } };
    },

    ...paymentTransitions<Ctx, 'submit'>({ paidStep: 'submit', limits: options.paymentLimits, amountOf: (context) => context.payable?.amountFen ?? 0 }),

    submit: (event) => {
      switch (event.type) {
        case 'accepted':
          return {
            to: 'delivery-options',
            context: {
              outcome: 'accepted',
              acceptance: { acceptanceNumber: isText(event.acceptanceNumber) ? event.acceptanceNumber : null, expectedCompletionDate: isText(event.expectedCompletionDate) ? event.expectedCompletionDate : null },
              lastFault: null,
            },
          };
        case 'submission-refused': {
          const reasons = distinctReasons(Array.isArray(event.reasons) ? (event.reasons as Reason[]) : []);
          const missingPartyIds = Array.isArray(event.missingPartyIds) ? (event.missingPartyIds as string[]) : [];
          const first = reasons[0] ?? null;
          return { to: 'refund', context: { refusalReasons: reasons, missingPartyIds, submitFailure: first, lastFault: fault('submit', 'submission-refused', first?.message ?? null) } };
        }
        case 'submit-unclear':
        case 'error':
          return { to: 'hand-off', context: { lastFault: fault('submit', 'submit-unclear') } };
        default:
          return null;
      }
    },

    'delivery-options': (event) => {
      if (event.type === 'delivery-offered') {
        const offer = event.offer as DeliveryOffer;
        if (!offer.options.some((option) => option.available)) return { to: 'print-receipt', context: { deliveryOffer: offer, delivery: null, lastFault: fault('delivery-options', 'delivery-not-arranged') } };
        return { to: 'choose-delivery', context: { deliveryOffer: offer, lastFault: null } };
      }
      if (event.type === 'delivery-unavailable' || event.type === 'timeout' || event.type === 'error') {
        return { to: 'print-receipt', context: { delivery: null, lastFault: fault('delivery-options', 'delivery-not-arranged') } };
      }
      return null;
    },

    'choose-delivery': (event, context) => {
      if (event.type === 'timeout') {
        const method = defaultDelivery(context.deliveryOffer);
        if (!method) return { to: 'print-receipt', context: { delivery: null, lastFault: fault('delivery-options', 'delivery-not-arranged') } };
        return { to: 'arrange-delivery', context: { deliveryChoice: method, lastFault: fault('choose-delivery', 'delivery-chosen-for-you') } };
      }
      if (event.type !== 'choose-delivery' || typeof event.method !== 'string' || !DELIVERY_METHODS.has(event.method)) return null;
      // Only a method the platform offers (and this kiosk can serve) can be chosen.
      const option = context.deliveryOffer?.options.find((o) => o.method === event.method);
      if (!option?.available) return null;
      return { to: 'arrange-delivery', context: { deliveryChoice: option.method, lastFault: null } };
    },

    'arrange-delivery': (event, context) => {
      if (event.type === 'delivery-arranged') return { to: 'print-receipt', context: { delivery: event.delivery as ArrangedDelivery, lastFault: context.lastFault ?? null } };
      if (event.type === 'delivery-failed' || event.type === 'timeout' || event.type === 'error') {
        return { to: 'print-receipt', context: { delivery: null, lastFault: fault('arrange-delivery', 'delivery-not-arranged', detailOf(event.detail)) } };
      }
      return null;
    },

    ...closingTransitions<Ctx, PropertyStep>({ badRatingReasons: options.badRatingReasons, finalStep: (context) => finalStep(context.outcome) }),

    done: () => null,
    'done-refunded': () => null,
    'staff-handoff': () => null,
    refused: () => null,
    'parties-missing': () => null,
    cancelled: () => null,
  };
}

/** Builds (and checks) the flow definition; register it with the FlowEngine once. */
export function createPropertyFlow(options: PropertyFlowOptions): FlowDefinition<PropertyContext, PropertyServices> {
  const work: Partial<Record<PropertyStep, StepDefinition<Ctx, PropertyServices>['run']>> = {
    start: startWork,
    'lookup-case': lookupCaseWork(options),
    'insert-id-card': readPartyCardWork(deviceWaitMs(STEP_META['insert-id-card'])),
    'compare-face': compareFaceWork,
    'verify-party': verifyPartyWork(options),
    'scan-code': scanCodeWork(deviceWaitMs(STEP_META['scan-code'])),
    charge: chargeWork,
    'settle-payment': settlePaymentWork,
    'show-qr': showQrWork,
    'cancel-qr': cancelQrWork,
    submit: submitWork(options),
    'delivery-options': deliveryOptionsWork(options),
    'arrange-delivery': arrangeDeliveryWork(options),
    refund: refundWork,
    'hand-off': handOffWork,
    'print-receipt': printReceiptWork(options),
    'record-rating': recordRatingWork,
  };
  const steps = buildFlowSteps<Ctx, PropertyServices, PropertyStep>(STEP_META, transitions(options), work);
  return validateFlowDefinition<Ctx, PropertyServices>({ kind: PROPERTY_FLOW_KIND, initial: 'start', cancelStep: 'cancelled', steps, caseEvent: propertyCaseEvent });
}

