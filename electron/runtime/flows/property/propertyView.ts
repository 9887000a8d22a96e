import type { PartyProgress as PartyProgressView, PropertyCaseSummary, PropertyScreenView, PropertyView } from '../../../bridge/propertyFlowView.js';
import type { StepMeta } from '../shared/sharedSteps.js';
import { faultView, paymentChoiceScreen, ratingChoices, showQrScreen, stepFrame } from '../shared/flowViewParts.js';
import { PARTY_STEPS, isPropertyStep, STEP_META, type PropertyStep } from './propertySteps.js';
import type { PropertyContext } from './propertyContext.js';
import { maxExtraCertificates, propertyPayable } from './propertyFees.js';
import type { PropertyFlowOptions } from './propertyOptions.js';

/**
 * What the renderer needs to draw the property-transfer flow's current step (the bridge
 * contract's PropertyView): plain data derived purely from the persisted context and the
 * step, so a reloaded renderer draws the same screen. No identity data: the parties as the
 * platform masked them, fault messages in both languages.
 */

type BusyActivity = Extract<PropertyScreenView, { screen: 'busy' }>['activity'];

const BUSY: Partial<Record<PropertyStep, BusyActivity>> = {
  start: 'starting',
  'lookup-case': 'looking-up-case',
  'compare-face': 'comparing-face',
  'verify-party': 'verifying-party',
  charge: 'paying',
  'settle-payment': 'confirming-payment',
  'cancel-qr': 'cancelling-payment',
  submit: 'submitting',
  'delivery-options': 'arranging-delivery',
  'arrange-delivery': 'arranging-delivery',
  refund: 'refunding',
  'hand-off': 'handing-off',
  'print-receipt': 'printing-receipt',
  'record-rating': 'saving-rating',
};

const RESULT_STEPS: Partial<Record<PropertyStep, Extract<PropertyScreenView, { screen: 'result' }>['outcome']>> = {
  refused: 'refused',
  'parties-missing': 'parties-missing',
  cancelled: 'cancelled',
};

function closedOutcome(context: PropertyContext): 'accepted' | 'refunded' | 'handed-to-staff' {
  return context.outcome === 'accepted' || context.outcome === 'refunded' ? context.outcome : 'handed-to-staff';
}

function screenFor(step: PropertyStep, context: PropertyContext, options: PropertyFlowOptions): PropertyScreenView {
  const busy = BUSY[step];
  if (busy) return { screen: 'busy', activity: busy };
  const taxes = context.propertyCase?.taxes.map((tax) => ({ ...tax })) ?? [];
  switch (step) {
    case 'find-case':
      return { screen: 'find-case', attempt: (context.lookupFailures ?? 0) + 1, maxAttempts: options.maxLookupAttempts };
    case 'review-case':
      return { screen: 'review-case', taxes };
    case 'insert-id-card':
      return { screen: 'insert-id-card', attempt: (context.idCardReadFailures ?? 0) + 1, maxAttempts: options.maxReadAttempts };
    case 'capture-face':
      return { screen: 'capture-face', attemptsLeft: Math.max(0, options.maxFaceAttempts - (context.faceAttempts ?? 0)), staffPathOffered: true };
    case 'staff-verify':
      return { screen: 'staff-verify' };
    case 'sign':
      return { screen: 'sign' };
    case 'review-fees': {
      const chosen = context.extraCertificates ?? 0;
      const fees = context.propertyCase ? propertyPayable(context.propertyCase, chosen, options.fees).items : [];
      return {
        screen: 'review-fees',
        taxes,
        fees: fees.map((line) => ({ ...line })),
        extraCertificates: { chosen, max: maxExtraCertificates(context.propertyCase?.parties ?? []), unitFen: options.fees.extraCertificate.amountFen },
      };
    }
    case 'choose-payment':
      return paymentChoiceScreen(
        (context.payable?.items ?? []).map((item) => ({ description: item.label, amountFen: item.amountFen })),
        context.payable?.amountFen ?? 0,
        options.paymentLimits,
      );
    case 'scan-code':
      return { screen: 'scan-code' };
    case 'show-qr':
      return showQrScreen(context.qr);
    case 'choose-delivery':
      return {
        screen: 'choose-delivery',
        options: (context.deliveryOffer?.options ?? []).map((option) => ({ ...option })),
        mortgageProof: context.deliveryOffer?.mortgageProof ?? null,
      };
    case 'rate':
      return { screen: 'rate', outcome: closedOutcome(context), receipt: context.receipt ?? null, ...ratingChoices(options.badRatingReasons) };
    default: {
      const delivery = context.delivery ?? null;
      return {
        screen: 'result',
        outcome: RESULT_STEPS[step] ?? closedOutcome(context),
        reasons: context.refusalReasons ?? [],
        missingPartyIds: context.missingPartyIds ?? [],
        acceptanceNumber: context.acceptance?.acceptanceNumber ?? null,
        expectedCompletionDate: context.acceptance?.expectedCompletionDate ?? null,
        delivery: delivery
          ? {
              method: delivery.method,
              certificates: delivery.certificates.map((c) => ({
                kind: c.kind,
                certificateNumber: c.certificateNumber,
                electronic: c.electronic,
                printed: delivery.method === 'print-at-terminal' && c.printLines !== null && context.receipt === 'printed',
              })),
            }
          : null,
        receipt: context.receipt ?? null,
      };
    }
  }
}

function caseSummary(context: PropertyContext): PropertyCaseSummary | null {
  const found = context.propertyCase;
  if (!found) return null;
  return {
    caseNumber: found.caseNumber,
    contractFilingNumber: found.contractFilingNumber,
    registrationType: found.registrationType,
    property: { ...found.property },
    mortgage: found.mortgage ? { ...found.mortgage } : null,
  };
}

function partiesView(context: PropertyContext): PartyProgressView[] {
  return (context.propertyCase?.parties ?? []).map((party) => {
    const progress = context.progress?.[party.partyId];
    return { ...party, verified: progress?.verificationId !== undefined, signed: progress?.signatureRecord !== undefined };
  });
}

const metaOf = (step: string): StepMeta | null => (isPropertyStep(step) ? STEP_META[step] : null);

/** The screen for `step` with `context`; an unknown step (a newer version's flow) shows as busy, never throws. */
export function propertyView(context: PropertyContext, step: string, options: PropertyFlowOptions): PropertyView {
  const known = isPropertyStep(step) ? step : null;
  return {
    ...(known ? screenFor(known, context, options) : { screen: 'busy', activity: 'starting' }),
    step,
    ...stepFrame(metaOf(step)),
    fault: faultView(context.lastFault, metaOf),
    caseNumber: context.propertyCase?.caseNumber ?? null,
    amountFen: context.payable?.amountFen ?? null,
    propertyCase: caseSummary(context),
    parties: partiesView(context),
    currentPartyId: known && PARTY_STEPS.has(known) ? (context.currentPartyId ?? null) : null,
  };
}
