import type { LocalizedText } from '../../../../config/localizedText.js';
import type { Reason } from '../../../platform/platformApiTypes.js';
import { validateFlowDefinition, type FlowDefinition, type FlowEvent, type StepDefinition } from '../flowDefinition.js';
import {
  ENDORSEMENT_FLOW_KIND,
  type EligibilitySummary,
  type EndorsementContext,
  type EndorsementOutcome,
  type FaultNote,
  type IdCardSummary,
  type PayableSummary,
  type PermitSummary,
} from './endorsementContext.js';
import { DEFAULT_ENDORSEMENT_OPTIONS, type EndorsementFlowOptions } from './endorsementOptions.js';
import type { EndorsementServices } from './endorsementServices.js';
import { STEP_META, type EndorsementStep } from './endorsementSteps.js';
import {
  approvalWork,
  chargeWork,
  compareFaceWork,
  eligibilityWork,
  handOffWork,
  issueWork,
  printReceiptWork,
  readIdCardWork,
  readPermitWork,
  recordRatingWork,
  refundWork,
  scanCodeWork,
  settlePaymentWork,
  startWork,
} from './endorsementWork.js';
import { isPaymentMethodAllowed } from '../../payments/paymentMethodPolicy.js';
import { addMonths, isIsoDate } from './hallCalendar.js';
import { ratingForStars } from './ratingScale.js';

/**
 * Exit-entry endorsement (出入境自助签注) as a persisted state machine: identify (permit, ID
 * card, face or staff), eligibility and choice, approval BEFORE payment, pay, issue, receipt,
 * rating. Transitions are pure functions of (event, context); the work is in endorsementWork.ts.
 * After payment the flow can only complete, refund or hand off to staff, and the receipt says
 * which. Step table (phases, timeouts, devices, fault texts): endorsementSteps.ts.
 */

type Ctx = EndorsementContext;
type Target = { to: EndorsementStep; context?: Partial<Ctx> } | null;
type Transition = (event: FlowEvent, context: Ctx) => Target;

const fault = (step: EndorsementStep, code: string, detail: LocalizedText | null = null): FaultNote => ({ step, code, detail });
const cancelWith = (step: EndorsementStep, code: string, extra: Partial<Ctx> = {}, detail: LocalizedText | null = null): Target => ({
  to: 'cancelled',
  context: { ...extra, lastFault: fault(step, code, detail), cancelReason: code },
});

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isLocalized = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && isText((value as LocalizedText)['zh-CN']) && isText((value as LocalizedText).en);
const detailOf = (value: unknown): LocalizedText | null => (isLocalized(value) ? value : null);

/** Where the case ends once the receipt and the rating are behind it. */
function finalStep(outcome: EndorsementOutcome | undefined): EndorsementStep {
  if (outcome === 'issued') return 'done';
  if (outcome === 'refunded') return 'done-refunded';
  return 'staff-handoff';
}

/** Refusal reasons without repeats (one per reason code), for the result screen. */
function distinctReasons(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => !seen.has(reason.code) && seen.add(reason.code));
}

/** A failed document read: retry in place, give up after too many, or stop at once for a dead reader or a walk-away. */
function readFailed(step: 'read-permit' | 'read-id-card', event: FlowEvent, failures: number, max: number): Target {
  if (event.code === 'timeout' || event.code === 'cancelled') return cancelWith(step, 'timed-out');
  if (event.code === 'reader-offline') return cancelWith(step, 'reader-offline', {}, detailOf(event.message));
  const count = failures + 1;
  const counted: Partial<Ctx> = step === 'read-permit' ? { permitReadFailures: count } : { idCardReadFailures: count };
  if (count >= max) return cancelWith(step, 'too-many-attempts', counted);
  return { to: step, context: { ...counted, lastFault: fault(step, 'read-failed', detailOf(event.message)) } };
}

function transitions(options: EndorsementFlowOptions): Readonly<Record<EndorsementStep, Transition>> {
  const faceFailed = (context: Ctx, code: 'face-no-match' | 'face-service-unavailable'): Target => {
    const attempts = (context.faceAttempts ?? 0) + 1;
    if (attempts >= options.maxFaceAttempts) {
      return { to: 'staff-verify', context: { faceAttempts: attempts, faceImage: null, lastFault: fault('compare-face', 'face-attempts-exhausted') } };
    }
    return { to: 'capture-face', context: { faceAttempts: attempts, faceImage: null, lastFault: fault('compare-face', code) } };
  };

  /** Outcomes of a charge, shared by `charge` and `settle-payment`. */
  const paymentResult = (step: 'charge' | 'settle-payment', event: FlowEvent): Target => {
    switch (event.type) {
      case 'paid':
        return isText(event.paymentId) ? { to: 'issue', context: { paymentId: event.paymentId, codeToken: null, lastFault: null } } : null;
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

  return {
    start: (event, context) => {
      if (event.type === 'begin' && isText(event.caseRef)) {
        return {
          to: 'read-permit',
          context: { caseRef: context.caseRef ?? event.caseRef, permitReadFailures: 0, idCardReadFailures: 0, faceAttempts: 0, lastFault: null },
        };
      }
      return event.type === 'error' ? cancelWith('start', 'system-error') : null;
    },

    'read-permit': (event, context) => {
      switch (event.type) {
        case 'permit-read': {
          const permit = event.permit as PermitSummary;
          if (!isIsoDate(event.today) || !isIsoDate(permit.expiry)) return cancelWith('read-permit', 'system-error');
          // ISO dates compare as strings; "≤ N months left" is refused (research/domain.md §1.5).
          if (permit.expiry <= addMonths(event.today, options.minPermitValidityMonths)) return cancelWith('read-permit', 'permit-expiring', { permit });
          return { to: 'read-id-card', context: { permit, lastFault: null } };
        }
        case 'permit-read-failed':
          return readFailed('read-permit', event, context.permitReadFailures ?? 0, options.maxReadAttempts);
        case 'timeout':
          return cancelWith('read-permit', 'timed-out');
        case 'error':
          return cancelWith('read-permit', 'system-error');
        default:
          return null;
      }
    },

    'read-id-card': (event, context) => {
      switch (event.type) {
        case 'id-card-read':
          return { to: 'capture-face', context: { idCard: event.idCard as IdCardSummary, faceAttempts: 0, lastFault: null } };
        case 'holder-mismatch':
          return cancelWith('read-id-card', 'holder-mismatch');
        case 'identity-lost':
          return cancelWith('read-id-card', 'identity-lost');
        case 'id-card-read-failed':
          return readFailed('read-id-card', event, context.idCardReadFailures ?? 0, options.maxReadAttempts);
        case 'timeout':
          return cancelWith('read-id-card', 'timed-out');
        case 'error':
          return cancelWith('read-id-card', 'system-error');
        default:
          return null;
      }
    },

    'capture-face': (event, context) => {
      if (event.type === 'face.captured') {
        const format = event.format === 'png' ? 'png' : event.format === 'jpeg' ? 'jpeg' : null;
        // After the last failed comparison only the staff path is offered.
        if (!isText(event.imageRecord) || !format || (context.faceAttempts ?? 0) >= options.maxFaceAttempts) return null;
        return { to: 'compare-face', context: { faceImage: { record: event.imageRecord, format } } };
      }
      if (event.type === 'verify.staff') return { to: 'staff-verify', context: { lastFault: null } };
      return event.type === 'timeout' ? cancelWith('capture-face', 'timed-out') : null;
    },

    'compare-face': (event, context) => {
      switch (event.type) {
        case 'face-matched':
          return isText(event.comparisonId)
            ? { to: 'eligibility', context: { verification: { method: 'face', comparisonId: event.comparisonId }, faceImage: null, lastFault: null } }
            : null;
        case 'face-not-matched':
          return faceFailed(context, 'face-no-match');
        case 'face-unavailable':
        case 'timeout':
        case 'error':
          return faceFailed(context, 'face-service-unavailable');
        case 'face-image-missing':
          return { to: 'capture-face', context: { faceImage: null, lastFault: fault('compare-face', 'face-retake') } };
        case 'identity-lost':
          return cancelWith('compare-face', 'identity-lost', { faceImage: null });
        default:
          return null;
      }
    },

    'staff-verify': (event) => {
      if (event.type === 'staff.verified' && isText(event.staffId) && event.staffId.length <= 64) {
        return { to: 'eligibility', context: { verification: { method: 'staff-assisted', staffId: event.staffId }, lastFault: null } };
      }
      return event.type === 'timeout' ? cancelWith('staff-verify', 'timed-out') : null;
    },

    eligibility: (event) => {
      switch (event.type) {
        case 'eligible': {
          const eligibility = event.eligibility as EligibilitySummary;
          if (eligibility.allowed.length === 0) {
            return { to: 'refused', context: { eligibility, outcome: 'refused', refusalReasons: distinctReasons(eligibility.refused.map((r) => r.reason)) } };
          }
          return { to: 'choose', context: { eligibility, lastFault: null } };
        }
        case 'platform-rejected':
          return cancelWith('eligibility', 'platform-rejected', {}, detailOf(event.detail));
        case 'identity-lost':
          return cancelWith('eligibility', 'identity-lost');
        case 'platform-unavailable':
        case 'timeout':
        case 'error':
          return cancelWith('eligibility', 'platform-unavailable');
        default:
          return null;
      }
    },

    choose: (event, context) => {
      if (event.type === 'timeout') return cancelWith('choose', 'timed-out');
      if (event.type !== 'choose') return null;
      // Only what the platform allowed (and the config prices) can be chosen.
      const choice = context.eligibility?.allowed.find((c) => c.kind === event.kind && c.destination === event.destination);
      const option = choice?.options.find((o) => o.optionCode === event.optionCode);
      if (!choice || !option) return null;
      return { to: 'approval', context: { selection: { kind: choice.kind, destination: choice.destination, option }, lastFault: null } };
    },

    approval: (event, context) => {
      switch (event.type) {
        case 'approved': {
          if (!isText(event.caseNumber)) return null;
          const payable = event.payable as PayableSummary | null;
          // The platform's amount must be the fee this terminal showed; anything else stops before money moves.
          if (!payable || payable.amountFen !== context.selection?.option.fee.amountFen) {
            return cancelWith('approval', 'fee-mismatch', { caseNumber: event.caseNumber });
          }
          return { to: 'choose-payment', context: { caseNumber: event.caseNumber, payable, lastFault: null } };
        }
        case 'approval-refused':
          return {
            to: 'refused',
            context: {
              ...(isText(event.caseNumber) ? { caseNumber: event.caseNumber } : {}),
              outcome: 'refused',
              refusalReasons: distinctReasons(Array.isArray(event.reasons) ? (event.reasons as Reason[]) : []),
            },
          };
        case 'platform-rejected':
          return cancelWith('approval', 'platform-rejected', {}, detailOf(event.detail));
        case 'platform-unavailable':
        case 'timeout':
        case 'error':
          return cancelWith('approval', 'platform-unavailable');
        default:
          return null;
      }
    },

    'choose-payment': (event, context) => {
      if (event.type === 'timeout') return cancelWith('choose-payment', 'timed-out');
      if (event.type !== 'pay') return null;
      // A method over its limit for this amount is not offered, so it cannot be chosen either.
      if ((event.method === 'payment-code' || event.method === 'bank-card') && !isPaymentMethodAllowed(event.method, context.payable?.amountFen ?? 0, options.paymentLimits)) {
        return null;
      }
      if (event.method === 'payment-code') return { to: 'scan-code', context: { lastFault: null } };
      if (event.method === 'bank-card') return { to: 'charge', context: { payment: { method: 'bank-card' }, codeToken: null, lastFault: null } };
      return null;
    },

    'scan-code': (event) => {
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
    },

    charge: (event) => {
      // A restart or a crash in the work: the ledger, not memory, says where the money is.
      if (event.type === 'resume-payment' || event.type === 'error') return { to: 'settle-payment', context: { codeToken: null } };
      return paymentResult('charge', event);
    },

    'settle-payment': (event) => {
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
    },

    issue: (event) => {
      switch (event.type) {
        case 'issued':
          return {
            to: 'print-receipt',
            context: {
              outcome: 'issued',
              endorsements: Array.isArray(event.endorsements) ? (event.endorsements as Ctx['endorsements']) : [],
              endorsementPrintLines: Array.isArray(event.printLines) ? (event.printLines as string[]) : [],
              lastFault: null,
            },
          };
        case 'issue-failed': {
          const failure = (event.failure ?? null) as Reason | null;
          return { to: 'refund', context: { issueFailure: failure, lastFault: fault('issue', 'issue-failed', failure?.message ?? null) } };
        }
        case 'issue-unclear':
        case 'error':
          return { to: 'hand-off', context: { lastFault: fault('issue', 'issue-unclear') } };
        default:
          return null;
      }
    },

    refund: (event) => {
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
    },

    'hand-off': (event, context) => {
      if (event.type === 'refunded') return { to: 'print-receipt', context: { outcome: 'refunded' } };
      if (event.type !== 'handed-over' && event.type !== 'error') return null;
      return { to: 'print-receipt', context: { outcome: 'handed-to-staff', lastFault: context.lastFault ?? fault('hand-off', 'handed-to-staff') } };
    },

    'print-receipt': (event) => {
      if (event.type === 'receipt-printed') return { to: 'rate', context: { receipt: 'printed' } };
      if (event.type === 'receipt-not-printed' || event.type === 'timeout' || event.type === 'error') {
        return { to: 'rate', context: { receipt: 'kept-for-staff', lastFault: fault('print-receipt', 'receipt-not-printed') } };
      }
      return null;
    },

    rate: (event, context) => {
      if (event.type === 'rate.skip' || event.type === 'timeout') return { to: finalStep(context.outcome), context: { rating: null } };
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
    },

    'record-rating': (event, context) => (event.type === 'rating-recorded' || event.type === 'error' ? { to: finalStep(context.outcome) } : null),

    done: () => null,
    'done-refunded': () => null,
    'staff-handoff': () => null,
    refused: () => null,
    cancelled: () => null,
  };
}

/** Builds (and checks) the flow definition; register it with the FlowEngine once. */
export function createEndorsementFlow(overrides: Partial<EndorsementFlowOptions> = {}): FlowDefinition<EndorsementContext, EndorsementServices> {
  const options: EndorsementFlowOptions = { ...DEFAULT_ENDORSEMENT_OPTIONS, ...overrides };
  const on = transitions(options);
  const timeout = (step: EndorsementStep) => STEP_META[step].timeoutMs ?? 60_000;
  // Device waits end a little before the step does, so the device's own answer arrives first.
  const deviceWait = (step: EndorsementStep) => Math.max(1_000, timeout(step) - 2_000);
  const work: Partial<Record<EndorsementStep, StepDefinition<Ctx, EndorsementServices>['run']>> = {
    start: startWork,
    'read-permit': readPermitWork(deviceWait('read-permit')),
    'read-id-card': readIdCardWork(deviceWait('read-id-card')),
    'compare-face': compareFaceWork,
    eligibility: eligibilityWork(options),
    approval: approvalWork(options),
    'scan-code': scanCodeWork(deviceWait('scan-code')),
    charge: chargeWork,
    'settle-payment': settlePaymentWork,
    issue: issueWork(options),
    refund: refundWork,
    'hand-off': handOffWork,
    'print-receipt': printReceiptWork(options),
    'record-rating': recordRatingWork,
  };
  const steps = Object.fromEntries(
    (Object.keys(STEP_META) as EndorsementStep[]).map((name) => {
      const meta = STEP_META[name];
      const run = work[name];
      const step: StepDefinition<Ctx, EndorsementServices> = {
        phase: meta.phase,
        timeoutMs: meta.timeoutMs,
        devices: meta.devices,
        faults: meta.faults,
        // Repeating is safe everywhere except while money is being taken: there the ledger is asked first.
        onResume: name === 'charge' ? { type: 'resume-payment' } : 'repeat',
        on: on[name],
        ...(run ? { run } : {}),
        ...(meta.final ? { final: meta.final } : {}),
      };
      return [name, step];
    }),
  ) as Record<EndorsementStep, StepDefinition<Ctx, EndorsementServices>>;
  return validateFlowDefinition<Ctx, EndorsementServices>({ kind: ENDORSEMENT_FLOW_KIND, initial: 'start', cancelStep: 'cancelled', steps });
}
