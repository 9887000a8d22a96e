import type { LocalizedText } from '../../../../config/localizedText.js';
import type { IssuedEndorsement, Reason } from '../../../platform/platformApiTypes.js';
import type { StepPhase } from '../flowDefinition.js';
import type { EndorsementContext, EndorsementOutcome, OfferedChoice, PermitKind, RefusedChoice } from './endorsementContext.js';
import type { PaymentChoice, ShowQrScreen } from '../../../bridge/paymentChoiceView.js';
import { faultView, paymentChoiceScreen, ratingChoices, showQrScreen, stepFrame, type FaultView } from '../shared/flowViewParts.js';
import { DEFAULT_ENDORSEMENT_OPTIONS, type EndorsementFlowOptions } from './endorsementOptions.js';
import { isEndorsementStep, STEP_META, type EndorsementStep } from './endorsementSteps.js';
import type { BadRatingReason, Stars } from './ratingScale.js';

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
  | 'cancelling-payment'
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
  | ShowQrScreen
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
  fault: FaultView | null;
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
  'cancel-qr': 'cancelling-payment',
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
      return paymentChoiceScreen(context.payable?.items ?? [], context.payable?.amountFen ?? 0, options.paymentLimits);
    case 'scan-code':
      return { screen: 'scan-code' };
    case 'show-qr':
      return showQrScreen(context.qr);
    case 'rate':
      return {
        screen: 'rate',
        outcome: context.outcome === 'issued' || context.outcome === 'refunded' ? context.outcome : 'handed-to-staff',
        receipt: context.receipt ?? null,
        ...ratingChoices(options.badRatingReasons),
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
  return {
    ...(known ? screenFor(known, context, options) : { screen: 'busy', activity: 'starting' }),
    step,
    ...stepFrame(meta),
    fault: faultView(context.lastFault, (name) => (isEndorsementStep(name) ? STEP_META[name] : null)),
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
