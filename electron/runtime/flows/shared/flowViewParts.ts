import type { LocalizedText } from '../../../../config/localizedText.js';
import type { PaymentChoice, ShowQrScreen } from '../../../bridge/paymentChoiceView.js';
import { paymentMethodsFor, type PaymentLimits } from '../../payments/paymentMethodPolicy.js';
import { RATING_SCALE, type BadRatingReason, type Stars } from '../endorsement/ratingScale.js';
import type { StepPhase } from '../flowDefinition.js';
import type { FaultNote, ShownQr } from './flowContextParts.js';
import type { StepMeta } from './sharedSteps.js';

/** Pieces of the renderer's view that read the same in every flow. */

export interface FaultView {
  code: string;
  message: LocalizedText;
  detail: LocalizedText | null;
}

/** The common frame of a step: its phase, whether cancel is offered (before money moves only), its timeout. */
export function stepFrame(meta: StepMeta | null): { phase: StepPhase; canCancel: boolean; timeoutMs: number | null } {
  return {
    phase: meta?.phase ?? 'after-payment',
    canCancel: meta !== null && meta.phase === 'before-payment' && meta.final === undefined,
    timeoutMs: meta?.timeoutMs ?? null,
  };
}

/** The last fault as the screen shows it; null when its step or code is unknown (a newer version's fault). */
export function faultView(last: FaultNote | null | undefined, metaOf: (step: string) => StepMeta | null): FaultView | null {
  if (!last) return null;
  const fault = metaOf(last.step)?.faults[last.code];
  return fault ? { code: last.code, message: fault.message, detail: last.detail } : null;
}

/** The choose-payment screen: what is paid for and the methods this amount may use. */
export function paymentChoiceScreen(
  items: ReadonlyArray<{ description: LocalizedText; amountFen: number }>,
  amountFen: number,
  limits: PaymentLimits,
): { screen: 'choose-payment' } & PaymentChoice {
  return { screen: 'choose-payment', items: items.map((item) => ({ description: item.description, amountFen: item.amountFen })), ...paymentMethodsFor(amountFen, limits) };
}

/**
 * The QR code for the citizen's phone, with its expiry; cancelling it is offered for as long
 * as it is on the screen. Without a code in the context (it cannot happen in show-qr, but a
 * screen never throws) the payment shows as being confirmed.
 */
export function showQrScreen(qr: ShownQr | null | undefined): ShowQrScreen | { screen: 'busy'; activity: 'confirming-payment' } {
  if (!qr) return { screen: 'busy', activity: 'confirming-payment' };
  return { screen: 'show-qr', content: qr.content, expiresAt: qr.expiresAt, canCancelPayment: true };
}

/** The rating levels, highest first, with nothing preselected: the screen must not hint (research/domain.md §3.3). */
export function ratingChoices(badRatingReasons: readonly BadRatingReason[]): {
  levels: Array<{ stars: Stars; label: LocalizedText; bad: boolean }>;
  badReasons: BadRatingReason[];
} {
  return { levels: RATING_SCALE.map((entry) => ({ stars: entry.stars, label: entry.label, bad: entry.bad })), badReasons: [...badRatingReasons] };
}
