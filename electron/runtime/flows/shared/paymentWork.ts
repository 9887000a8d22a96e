import type { PaymentEntry } from '../../payments/paymentLedger.js';
import type { ChargeResolution, QrPresentation } from '../../payments/paymentService.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { SharedStepContext } from './flowContextParts.js';
import type { CommonFlowServices } from './flowServices.js';

/**
 * The money steps' work, the same in every flow: open a ledger entry and charge it (a QR code:
 * send the order and show its code), wait for the phone that pays a shown code, withdraw it,
 * settle a charge a restart interrupted (a pending charge is queried, never sent again),
 * refund, or put the payment in staff hands. Each resolves to the event the shared payment
 * transitions decide on (shared/paymentTransitions.ts).
 */

type MoneyServices = Pick<CommonFlowServices, 'paymentCodes' | 'payments' | 'ledger'>;
type Work<C> = (context: C, services: MoneyServices, signal: AbortSignal) => Promise<FlowEvent>;

/** What is charged, with the provider's order description and the platform's fee items. */
export interface ChargeRequest {
  amountFen: number;
  description: string;
  caseNumber: string;
  items: Array<{ code: string; amountFen: number }>;
}

export function missing(what: string): FlowEvent {
  return { type: 'error', message: `flow context has no ${what}` };
}

function resolutionEvent(resolution: ChargeResolution): FlowEvent {
  const paymentId = resolution.entry.paymentId;
  if (resolution.outcome === 'paid') return { type: 'paid', paymentId };
  if (resolution.outcome === 'handed-to-staff') return { type: 'payment-staff', paymentId };
  return { type: 'not-charged', paymentId, reason: resolution.reason };
}

/** A QR code to show becomes `qr-shown` (with its ISO expiry); any other answer is a charge's end. */
function presentationEvent(presentation: QrPresentation): FlowEvent {
  if (presentation.outcome !== 'awaiting-payer') return resolutionEvent(presentation);
  return { type: 'qr-shown', paymentId: presentation.entry.paymentId, content: presentation.qr.content, expiresAt: new Date(presentation.qr.expiresAt).toISOString() };
}

/** Waits for a payment code at the scanner; the code itself stays behind the port's one-time token. */
export function scanCodeWork(timeoutMs: number): Work<unknown> {
  return async (_context, services, signal) => {
    const result = await services.paymentCodes.scan(timeoutMs, signal);
    if (!result.ok) return { type: 'scan-failed', code: result.code, message: result.message };
    return { type: 'code-scanned', token: result.token, wallet: result.wallet, masked: result.masked };
  };
}

const chargeInput = (request: ChargeRequest) => ({ description: request.description, caseNumber: request.caseNumber, items: request.items });

/** Opens the ledger entry and charges it; the payment code comes from the scanner port's token, once. */
export function chargeWork<C extends SharedStepContext>(serviceKind: string, requestOf: (context: C) => ChargeRequest | null): Work<C> {
  return async (context, services) => {
    const { caseRef, payment } = context;
    const request = requestOf(context);
    if (!caseRef || !request || !payment) return missing('payable');
    let paymentCode: string | undefined;
    if (payment.method === 'payment-code') {
      const code = context.codeToken ? services.paymentCodes.redeem(context.codeToken) : null;
      if (code === null) return { type: 'code-expired' };
      paymentCode = code;
    }
    const entry = services.payments.open({ caseId: caseRef, caseNumber: request.caseNumber, serviceKind, method: payment.method, amountFen: request.amountFen });
    const input = chargeInput(request);
    if (payment.method === 'qr') return presentationEvent(await services.payments.present(entry.paymentId, input));
    return resolutionEvent(await services.payments.charge(entry.paymentId, paymentCode === undefined ? input : { ...input, paymentCode }));
  };
}

/**
 * While the QR code is on the screen: the platform is asked whether the phone paid, until the
 * code's time is up (then `qr-expired`: withdraw it). A cancel stops the wait without touching
 * the ledger; the withdrawal settles it.
 */
export const showQrWork: Work<SharedStepContext> = async (context, services, signal) => {
  if (!context.paymentId || !context.qr) return missing('QR code');
  const result = await services.payments.awaitPayer(context.paymentId, { until: Date.parse(context.qr.expiresAt), signal });
  if (result.outcome === 'interrupted') return { type: 'interrupted' };
  if (result.outcome === 'expired') return { type: 'qr-expired', paymentId: result.entry.paymentId };
  return resolutionEvent(result);
};

/** Withdraws the shown QR code: asked once more (a payment made meanwhile stands), then reversed at the platform. */
export const cancelQrWork: Work<SharedStepContext> = async (context, services) => {
  if (!context.paymentId) return missing('paymentId');
  const reason = context.qrEnding === 'expired' ? 'payer-timeout' : 'cancelled-by-citizen';
  return resolutionEvent(await services.payments.withdraw(context.paymentId, reason));
};

/** The attempt that matters for the case: the open one, else the one that kept or returned money, else the last. */
export function currentAttempt(entries: readonly PaymentEntry[]): PaymentEntry | null {
  const open = entries.find((e) => e.state === 'created' || e.state === 'pending' || e.state === 'paid' || e.state === 'refunding');
  const settled = entries.find((e) => e.state === 'delivered' || e.state === 'handed-to-staff' || e.state === 'refunded');
  return open ?? settled ?? entries[entries.length - 1] ?? null;
}

/** After a restart mid-payment: the ledger says where the money is; a pending charge is queried, never sent again. */
export function settlePaymentWork<C extends SharedStepContext>(requestOf: (context: C) => ChargeRequest | null): Work<C> {
  return async (context, services) => {
    if (!context.caseRef) return missing('caseRef');
    const entry = currentAttempt(services.ledger.forCase(context.caseRef));
    if (!entry) return { type: 'no-payment' };
    const paymentId = entry.paymentId;
    switch (entry.state) {
      case 'created':
        services.payments.cancel(paymentId, 'flow resumed before the charge was sent');
        return { type: 'no-payment' };
      case 'pending': {
        const request = requestOf(context);
        if (!request) return missing('payable');
        // A QR order is asked for its code and shown again; the payer may be about to pay it.
        if (entry.method === 'qr') return presentationEvent(await services.payments.present(paymentId, chargeInput(request)));
        return resolutionEvent(await services.payments.charge(paymentId, chargeInput(request)));
      }
      case 'paid':
      case 'delivered':
        return { type: 'paid', paymentId };
      case 'refunding':
        return { type: 'refund-pending', paymentId };
      case 'refunded':
        return { type: 'already-refunded', paymentId };
      case 'handed-to-staff':
        return { type: 'payment-staff', paymentId };
      case 'declined':
      case 'reversed':
        return { type: 'not-charged', paymentId, reason: entry.state };
      case 'cancelled':
        return { type: 'no-payment' };
    }
  };
}

/** Gives the money back for a service that was definitely not delivered; what cannot be confirmed goes to staff. */
export function refundWork<C extends SharedStepContext>(reasonOf: (context: C) => string): Work<C> {
  return async (context, services) => {
    if (!context.paymentId) return missing('paymentId');
    const entry = await services.payments.refund(context.paymentId, reasonOf(context));
    return entry.state === 'refunded' ? { type: 'refunded' } : { type: 'refund-impossible' };
  };
}

/** Puts the payment in staff hands (if the ledger still holds it open) so the receipt can say so. */
export function handOffWork<C extends SharedStepContext>(flowName: string): Work<C> {
  return async (context, services) => {
    const entry = context.paymentId ? services.ledger.get(context.paymentId) : null;
    if (entry?.state === 'refunded') return { type: 'refunded' };
    if (entry && (entry.state === 'paid' || entry.state === 'refunding' || entry.state === 'pending')) {
      services.payments.handToStaff(entry.paymentId, `${flowName} flow: ${context.lastFault?.code ?? 'hand-off'}`);
    }
    return { type: 'handed-over' };
  };
}
