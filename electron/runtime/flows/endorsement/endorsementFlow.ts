import { endorsementCaseEvent } from './endorsementCaseEvents.js';
import type { Reason } from '../../../platform/platformApiTypes.js';
import { validateFlowDefinition, type FlowDefinition, type FlowEvent, type StepDefinition } from '../flowDefinition.js';
import { buildFlowSteps, deviceWaitMs } from '../shared/buildFlowSteps.js';
import { closingTransitions } from '../shared/closingTransitions.js';
import { faceTransitions } from '../shared/faceTransitions.js';
import { paymentTransitions } from '../shared/paymentTransitions.js';
import { cancelWith, detailOf, distinctReasons, fault, isText, readFailed } from '../shared/transitionKit.js';
import {
  ENDORSEMENT_FLOW_KIND,
  type EligibilitySummary,
  type EndorsementContext,
  type EndorsementOutcome,
  type IdCardSummary,
  type PayableSummary,
  type PermitSummary,
} from './endorsementContext.js';
import { DEFAULT_ENDORSEMENT_OPTIONS, type EndorsementFlowOptions } from './endorsementOptions.js';
import type { EndorsementServices } from './endorsementServices.js';
import { STEP_META, type EndorsementStep } from './endorsementSteps.js';
import {
  approvalWork,
  cancelQrWork,
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
  showQrWork,
  startWork,
} from './endorsementWork.js';
import { addMonths, isIsoDate } from './hallCalendar.js';

/**
 * Exit-entry endorsement (出入境自助签注) as a persisted state machine: identify (permit, ID
 * card, face or staff), eligibility and choice, approval BEFORE payment, pay, issue, receipt,
 * rating. Transitions are pure functions of (event, context); the work is in endorsementWork.ts.
 * After payment the flow can only complete, refund or hand off to staff, and the receipt says
 * which. Step table (phases, timeouts, devices, fault texts): endorsementSteps.ts. The steps
 * every flow shares (face, paying, refund, receipt, rating) are in shared/.
 */

type Ctx = EndorsementContext;
type Target = { to: EndorsementStep; context?: Partial<Ctx> } | null;
type Transition = (event: FlowEvent, context: Ctx) => Target;

/** Where the case ends once the receipt and the rating are behind it. */
function finalStep(outcome: EndorsementOutcome | undefined): EndorsementStep {
  if (outcome === 'issued') return 'done';
  if (outcome === 'refunded') return 'done-refunded';
  return 'staff-handoff';
}

function transitions(options: EndorsementFlowOptions): Readonly<Record<EndorsementStep, Transition>> {
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
          return readFailed('read-permit', event, context.permitReadFailures ?? 0, options.maxReadAttempts, (count) => ({ permitReadFailures: count }));
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
          return readFailed('read-id-card', event, context.idCardReadFailures ?? 0, options.maxReadAttempts, (count) => ({ idCardReadFailures: count }));
        case 'timeout':
          return cancelWith('read-id-card', 'timed-out');
        case 'error':
          return cancelWith('read-id-card', 'system-error');
        default:
          return null;
      }
    },

    ...faceTransitions(options.maxFaceAttempts, 'eligibility'),

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

    ...paymentTransitions<Ctx, 'issue'>({ paidStep: 'issue', limits: options.paymentLimits, amountOf: (context) => context.payable?.amountFen ?? 0 }),

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

    ...closingTransitions<Ctx, EndorsementStep>({ badRatingReasons: options.badRatingReasons, finalStep: (context) => finalStep(context.outcome) }),

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
  const work: Partial<Record<EndorsementStep, StepDefinition<Ctx, EndorsementServices>['run']>> = {
    start: startWork,
    'read-permit': readPermitWork(deviceWaitMs(STEP_META['read-permit'])),
    'read-id-card': readIdCardWork(deviceWaitMs(STEP_META['read-id-card'])),
    'compare-face': compareFaceWork,
    eligibility: eligibilityWork(options),
    approval: approvalWork(options),
    'scan-code': scanCodeWork(deviceWaitMs(STEP_META['scan-code'])),
    charge: chargeWork,
    'settle-payment': settlePaymentWork,
    'show-qr': showQrWork,
    'cancel-qr': cancelQrWork,
    issue: issueWork(options),
    refund: refundWork,
    'hand-off': handOffWork,
    'print-receipt': printReceiptWork(options),
    'record-rating': recordRatingWork,
  };
  const steps = buildFlowSteps<Ctx, EndorsementServices, EndorsementStep>(STEP_META, transitions(options), work);
  return validateFlowDefinition<Ctx, EndorsementServices>({ kind: ENDORSEMENT_FLOW_KIND, initial: 'start', cancelStep: 'cancelled', steps, caseEvent: endorsementCaseEvent });
}
