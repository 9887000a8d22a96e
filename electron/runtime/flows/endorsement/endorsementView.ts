import type { LocalizedText } from '../../../../config/localizedText.js';
import type { IssuedEndorsement, Reason } from '../../../platform/platformApiTypes.js';
import type { StepPhase } from '../flowDefinition.js';
import type { EndorsementContext, EndorsementOutcome, OfferedChoice, PermitKind, RefusedChoice } from './endorsementContext.js';
import type { PaymentChoice } from '../../../bridge/paymentChoiceView.js';
import { paymentMethodsFor } from '../../payments/paymentMethodPolicy.js';
import { DEFAULT_ENDORSEMENT_OPTIONS, type EndorsementFlowOptions } from './endorsementOptions.js';
import { isEndorsementStep, STEP_META, type EndorsementStep } from './endorsementSteps.js';
import { RATING_SCALE, type BadRatingReason, type Stars } from './ratingScale.js';

/**
 * What the renderer needs to draw the endorsement flow's current step: plain data, derived
 * purely from the persisted context and the step, so a reloaded renderer draws the same
 * screen. No identity data (the context has none); fault messages in both languages (the
 * renderer adds the hall's help phone).
 */

export type BusyActivity =
  | 'starting'
  | 'comparing-face'
  | 'checking-eligibility'
  | 'requesting-approval'
  | 'paying'
  | 'confirming-payment'
  | 'issuing'
  | 'refunding'
  | 'handing-off'
  | 'printing-receipt'
  | 'saving-rating';

export type EndorsementScreen =
  | { screen: 'busy'; activity: BusyActivity }
  | { screen: 'insert-permit'; attempt: number; maxAttempts: number }
  | { screen: 'insert-id-card'; attempt: number; maxAttempts: number }
  | { screen: 'capture-face'; attemptsLeft: number; staffPathOffered: true }
  | { screen: 'staff-verify' }
  | { screen: 'choose-endorsement'; choices: OfferedChoice[]; refused: RefusedChoice[] }
  | ({ screen: 'choose-payment' } & PaymentChoice)
  | { screen: 'scan-code' }
  | {
      screen: 'rate';
      outcome: 'issued' | 'refunded' | 'handed-to-staff';
      receipt: 'printed' | 'kept-for-staff' | null;
      levels: Array<{ stars: Stars; label: LocalizedText; bad: boolean }>;
      badReasons: BadRatingReason[];
    }
  | {
      screen: 'result';
      outcome: EndorsementOutcome | 'cancelled';
      reasons: Reason[];
      endorsements: IssuedEndorsement[];
      receipt: 'printed' | 'kept-for-staff' | null;
    };

export type EndorsementView = EndorsementScreen & {
  step: string;
  phase: StepPhase;
  /** The cancel button: only before money moves. */
  canCancel: boolean;
  timeoutMs: number | null;
  fault: { code: string; message: LocalizedText; detail: LocalizedText | null } | null;
  caseNumber: string | null;
  holder: { permitType: PermitKind; permitNumberMasked: string; nameMasked: string | null; idNumberMasked: string | null } | null;
  /** What is to be paid (or was), once the platform approved the application. */
  amountFen: number | null;
};

const BUSY: Partial<Record<EndorsementStep, BusyActivity>> = {
  start: 'starting',
  'compare-face': 'comparing-face',
  eligibility: 'checking-eligibility',
  approval: 'requesting-approval',
  charge: 'paying',
  'settle-payment': 'confirming-payment',
  issue: 'issuing',
  refund: 'refunding',
  'hand-off': 'handing-off',
  'print-receipt': 'printing-receipt',
  'record-rating': 'saving-rating',
};

function screenFor(step: EndorsementStep, context: EndorsementContext, options: EndorsementFlowOptions): EndorsementScreen {
  const busy = BUSY[step];
  if (busy) return { screen: 'busy', activity: busy };
  switch (step) {
    case 'read-permit':
      return { screen: 'insert-permit', attempt: (context.permitReadFailures ?? 0) + 1, maxAttempts: options.maxReadAttempts };
    case 'read-id-card':
      return { screen: 'insert-id-card', attempt: (context.idCardReadFailures ?? 0) + 1, maxAttempts: options.maxReadAttempts };
    case 'capture-face':
      return { screen: 'capture-face', attemptsLeft: Math.max(0, options.maxFaceAttempts - (context.faceAttempts ?? 0)), staffPathOffered: true };
    case 'staff-verify':
      return { screen: 'staff-verify' };
    case 'choose':
      return { screen: 'choose-endorsement', choices: context.eligibility?.allowed ?? [], refused: context.eligibility?.refused ?? [] };
    case 'choose-payment':
      return {
        screen: 'choose-payment',
        items: (context.payable?.items ?? []).map((item) => ({ description: item.description, amountFen: item.amountFen })),
        ...paymentMethodsFor(context.payable?.amountFen ?? 0, options.paymentLimits),
      };
    case 'scan-code':
      return { screen: 'scan-code' };
    case 'rate':
      return {
        screen: 'rate',
        outcome: context.outcome === 'issued' || context.outcome === 'refunded' ? context.outcome : 'handed-to-staff',
        receipt: context.receipt ?? null,
        // Highest first, no level preselected: the screen must not hint (research/domain.md §3.3).
        levels: RATING_SCALE.map((entry) => ({ stars: entry.stars, label: entry.label, bad: entry.bad })),
        badReasons: [...options.badRatingReasons],
      };
    case 'done':
    case 'done-refunded':
    case 'staff-handoff':
    case 'refused':
    case 'cancelled':
      return {
        screen: 'result',
        outcome: step === 'cancelled' ? 'cancelled' : step === 'refused' ? 'refused' : (context.outcome ?? 'handed-to-staff'),
        reasons: context.refusalReasons ?? [],
        endorsements: context.endorsements ?? [],
        receipt: context.receipt ?? null,
      };
    default:
      return { screen: 'busy', activity: 'starting' };
  }
}

/** The screen for `step` with `context`; an unknown step (a newer version's flow) shows as busy, never throws. */
export function flowView(context: EndorsementContext, step: string, overrides: Partial<EndorsementFlowOptions> = {}): EndorsementView {
  const options = { ...DEFAULT_ENDORSEMENT_OPTIONS, ...overrides };
  const known = isEndorsementStep(step) ? step : null;
  const meta = known ? STEP_META[known] : null;
  const last = context.lastFault ?? null;
  const faultMeta = last && isEndorsementStep(last.step) ? STEP_META[last.step].faults[last.code] : undefined;
  return {
    ...(known ? screenFor(known, context, options) : { screen: 'busy', activity: 'starting' }),
    step,
    phase: meta?.phase ?? 'after-payment',
    canCancel: meta !== null && meta.phase === 'before-payment' && meta.final === undefined,
    timeoutMs: meta?.timeoutMs ?? null,
    fault: last && faultMeta ? { code: last.code, message: faultMeta.message, detail: last.detail } : null,
    caseNumber: context.caseNumber ?? null,
    holder: context.permit
      ? {
          permitType: context.permit.permitType,
          permitNumberMasked: context.permit.numberMasked,
          nameMasked: context.eligibility?.holderNameMasked ?? null,
          idNumberMasked: context.idCard?.idNumberMasked ?? null,
        }
      : null,
    amountFen: context.payable?.amountFen ?? null,
  };
}
