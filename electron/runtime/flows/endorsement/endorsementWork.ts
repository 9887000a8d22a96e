import { randomUUID } from 'node:crypto';
import type { PermitType, RatingEventPayload, Verification } from '../../../platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../platform/platformOutcome.js';
import type { PaymentEntry } from '../../payments/paymentLedger.js';
import type { ChargeResolution } from '../../payments/paymentService.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { EndorsementContext, OfferedChoice, PermitKind, PermitSummary, RefusedChoice } from './endorsementContext.js';
import type { EndorsementFlowOptions } from './endorsementOptions.js';
import { buildEndorsementOutcomeReceipt, type EndorsementReceiptFacts } from './endorsementReceipt.js';
import type { EndorsementServices, IdCardFacts, PermitFacts } from './endorsementServices.js';
import { describeSelection, paymentMethodLabel } from './endorsementWording.js';
import { hallDate, hallDateTime, isIsoDate } from './hallCalendar.js';
import { maskPermitNumber, maskResidentIdNumber } from './identityMasks.js';
import { ratingForStars } from './ratingScale.js';

/**
 * The work of each step: device reads, vault, platform, money, printer, outbox. Each function
 * resolves to the event the step's transition decides on and never throws on an expected
 * failure (the engine turns an unexpected throw into an `error` event, which every step
 * handles). Nothing here puts identity data into an event: the vault takes it and the event
 * carries the record id and masked summaries.
 */

export const SERVICE_KIND = 'exit-entry-endorsement';

/** What each vault record of the case holds. */
export const VAULT_PURPOSE = { permit: 'endorsement-permit', idCard: 'endorsement-id-card', face: 'endorsement-face' } as const;

type Work = (context: EndorsementContext, services: EndorsementServices, signal: AbortSignal) => Promise<FlowEvent>;

/** The idempotency keys and job ids of a case, all derived from its caseRef (≤ 64 of [A-Za-z0-9_-]). */
export const caseKeys = (caseRef: string) => ({
  approval: `${caseRef}-approval`,
  issue: `${caseRef}-issue`,
  receiptJob: `${caseRef}-receipt`,
  ratingEvent: `rating-${caseRef}`,
});

const platformPermitType = (kind: PermitKind): PermitType => (kind === 'hk-macau' ? 'CS' : 'CD');

function missing(what: string): FlowEvent {
  return { type: 'error', message: `flow context has no ${what}` };
}

/** Calls the platform, retrying only what is safe to retry with the same request; reports whether an answer was ever unclear. */
async function callPlatform<T>(
  call: () => Promise<PlatformOutcome<T>>,
  delaysMs: readonly number[],
  services: EndorsementServices,
  signal: AbortSignal,
): Promise<{ outcome: PlatformOutcome<T>; sawUnknown: boolean }> {
  let sawUnknown = false;
  for (let attempt = 0; ; attempt++) {
    let outcome: PlatformOutcome<T>;
    try {
      outcome = await call();
    } catch (error) {
      // The client answers with values; a throw means we cannot know what the platform did.
      outcome = { kind: 'unknown', reason: 'connection-lost-after-send', detail: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'unknown') sawUnknown = true;
    const retryable = outcome.kind === 'unavailable' || outcome.kind === 'unknown' || (outcome.kind === 'rejected' && outcome.error.retryable);
    const delay = delaysMs[attempt];
    if (!retryable || delay === undefined || signal.aborted) return { outcome, sawUnknown };
    await services.sleep(delay, signal);
    if (signal.aborted) return { outcome, sawUnknown };
  }
}

export const startWork: Work = async (context) => ({
  type: 'begin',
  caseRef: context.caseRef ?? `endo-${randomUUID()}`,
});

export function readPermitWork(timeoutMs: number): Work {
  return async (context, services, signal) => {
    if (!context.caseRef) return missing('caseRef');
    const result = await services.readPermit(timeoutMs, signal);
    if (!result.ok) return { type: 'permit-read-failed', code: result.code, message: result.message };
    const { permit } = result;
    if (!isIsoDate(permit.expiry) || !isIsoDate(permit.birthDate) || permit.number.length === 0) {
      return { type: 'permit-read-failed', code: 'bad-read', message: null };
    }
    const record = services.vault.put(context.caseRef, VAULT_PURPOSE.permit, permit satisfies PermitFacts);
    const summary: PermitSummary = { record, permitType: permit.permitType, numberMasked: maskPermitNumber(permit.number), expiry: permit.expiry };
    return { type: 'permit-read', permit: summary, today: hallDate(services.clock.now()) };
  };
}

export function readIdCardWork(timeoutMs: number): Work {
  return async (context, services, signal) => {
    if (!context.caseRef || !context.permit) return missing('permit');
    const result = await services.readIdCard(timeoutMs, signal);
    if (!result.ok) return { type: 'id-card-read-failed', code: result.code, message: result.message };
    const permit = services.vault.get<PermitFacts>(context.permit.record);
    if (!permit.ok) return { type: 'identity-lost' };
    const { card } = result;
    // The same person: birth dates agree, and sexes where both documents carry one.
    const sexAgrees = permit.value.sex === null || card.sex === null || permit.value.sex === card.sex;
    if (permit.value.birthDate !== card.birthDate || !sexAgrees) return { type: 'holder-mismatch' };
    const record = services.vault.put(context.caseRef, VAULT_PURPOSE.idCard, { idNumber: card.idNumber } satisfies Pick<IdCardFacts, 'idNumber'>);
    return { type: 'id-card-read', idCard: { record, idNumberMasked: maskResidentIdNumber(card.idNumber) } };
  };
}

/** Compares the live image with the holder's record on the platform; the image is deleted right after, whatever happened. */
export const compareFaceWork: Work = async (context, services, signal) => {
  const image = context.faceImage;
  if (!image) return { type: 'face-image-missing' };
  const discard = () => services.vault.delete(image.record);
  signal.addEventListener('abort', discard, { once: true });
  try {
    if (!context.permit) return missing('permit');
    const live = services.vault.get<{ dataBase64: string }>(image.record);
    if (!live.ok) return { type: 'face-image-missing' };
    const permit = services.vault.get<PermitFacts>(context.permit.record);
    if (!permit.ok) return { type: 'identity-lost' };
    const outcome = await services.platform.compareFace({
      purpose: 'endorsement',
      subject: { permitType: platformPermitType(permit.value.permitType), permitNumber: permit.value.number },
      liveImage: { format: image.format, dataBase64: live.value.dataBase64 },
      // The chip photo is not read (MRZ only) and the ID card's WLT photo cannot be decoded: the platform's own record.
      reference: 'platform-record',
    });
    if (outcome.kind !== 'ok') return { type: 'face-unavailable', outcome: outcome.kind };
    if (outcome.value.decision === 'match') return { type: 'face-matched', comparisonId: outcome.value.comparisonId };
    return { type: 'face-not-matched', decision: outcome.value.decision };
  } finally {
    signal.removeEventListener('abort', discard);
    discard();
  }
};

export function eligibilityWork(options: EndorsementFlowOptions): Work {
  return async (context, services, signal) => {
    if (!context.permit || !context.idCard) return missing('identity records');
    const verification: Verification | undefined = context.verification;
    if (!verification) return missing('verification');
    const permit = services.vault.get<PermitFacts>(context.permit.record);
    const idCard = services.vault.get<Pick<IdCardFacts, 'idNumber'>>(context.idCard.record);
    if (!permit.ok || !idCard.ok) return { type: 'identity-lost' };
    const { outcome } = await callPlatform(
      () =>
        services.platform.checkEndorsementEligibility({
          holder: {
            permitType: platformPermitType(permit.value.permitType),
            permitNumber: permit.value.number,
            idNumber: idCard.value.idNumber,
            permitExpiry: permit.value.expiry,
          },
          verification,
        }),
      options.platformRetryDelaysMs,
      services,
      signal,
    );
    if (outcome.kind === 'rejected') return { type: 'platform-rejected', detail: outcome.error.message };
    if (outcome.kind !== 'ok') return { type: 'platform-unavailable' };
    const answer = outcome.value;
    const allowed: OfferedChoice[] = [];
    const refused: RefusedChoice[] = answer.refused.map((r) => ({ kind: r.kind, destination: r.destination, reason: r.reason }));
    for (const choice of answer.allowed) {
      const options = choice.options.flatMap((option) => {
        const fee = services.fees.feeFor(option);
        return fee ? [{ ...option, fee }] : [];
      });
      if (options.length > 0) allowed.push({ kind: choice.kind, destination: choice.destination, options });
      else refused.push({ kind: choice.kind, destination: choice.destination, reason: NO_FEE_CONFIGURED });
    }
    return {
      type: 'eligible',
      eligibility: { eligibilityId: answer.eligibilityId, holderNameMasked: answer.holder.nameMasked, allowed, refused },
    };
  };
}

/** An option the platform allows but this terminal has no fee for: it is not sold here. */
const NO_FEE_CONFIGURED = {
  code: 'not-offered-here',
  message: { 'zh-CN': '本机暂不办理此类签注，请到人工窗口办理', en: 'This machine does not offer this endorsement; please go to the counter' },
};

export function approvalWork(options: EndorsementFlowOptions): Work {
  return async (context, services, signal) => {
    const { caseRef, eligibility, selection } = context;
    if (!caseRef || !eligibility || !selection) return missing('selection');
    const { outcome } = await callPlatform(
      () =>
        services.platform.requestEndorsementApproval({
          idempotencyKey: caseKeys(caseRef).approval,
          eligibilityId: eligibility.eligibilityId,
          selections: [{ kind: selection.kind, destination: selection.destination, optionCode: selection.option.optionCode }],
        }),
      options.platformRetryDelaysMs,
      services,
      signal,
    );
    if (outcome.kind === 'rejected') return { type: 'platform-rejected', detail: outcome.error.message };
    if (outcome.kind !== 'ok') return { type: 'platform-unavailable' };
    const answer = outcome.value;
    if (answer.decision === 'refused') return { type: 'approval-refused', caseNumber: answer.caseNumber, reasons: answer.reasons };
    const payable = answer.payable
      ? {
          amountFen: answer.payable.amountFen,
          payableReference: answer.payable.payableReference,
          items: answer.payable.items.map((item) => ({ feeCode: item.feeCode, amountFen: item.amountFen, description: item.description })),
        }
      : null;
    return { type: 'approved', caseNumber: answer.caseNumber, payable };
  };
}

export function scanCodeWork(timeoutMs: number): Work {
  return async (_context, services, signal) => {
    const result = await services.paymentCodes.scan(timeoutMs, signal);
    if (!result.ok) return { type: 'scan-failed', code: result.code, message: result.message };
    return { type: 'code-scanned', token: result.token, wallet: result.wallet, masked: result.masked };
  };
}

function resolutionEvent(resolution: ChargeResolution): FlowEvent {
  const paymentId = resolution.entry.paymentId;
  if (resolution.outcome === 'paid') return { type: 'paid', paymentId };
  if (resolution.outcome === 'handed-to-staff') return { type: 'payment-staff', paymentId };
  return { type: 'not-charged', paymentId, reason: resolution.reason };
}

function chargeInput(context: Required<Pick<EndorsementContext, 'caseNumber' | 'payable' | 'selection'>>) {
  return {
    description: `出入境签注 ${context.caseNumber}`,
    caseNumber: context.caseNumber,
    items: [{ code: context.selection.option.fee.code, amountFen: context.payable.amountFen }],
  };
}

/** Opens the ledger entry and charges it; the payment code comes from the scanner port's token, once. */
export const chargeWork: Work = async (context, services) => {
  const { caseRef, caseNumber, payable, selection, payment } = context;
  if (!caseRef || !caseNumber || !payable || !selection || !payment) return missing('approved payable');
  let paymentCode: string | undefined;
  if (payment.method === 'payment-code') {
    const code = context.codeToken ? services.paymentCodes.redeem(context.codeToken) : null;
    if (code === null) return { type: 'code-expired' };
    paymentCode = code;
  }
  const entry = services.payments.open({ caseId: caseRef, serviceKind: SERVICE_KIND, method: payment.method, amountFen: payable.amountFen });
  const input = chargeInput({ caseNumber, payable, selection });
  return resolutionEvent(await services.payments.charge(entry.paymentId, paymentCode === undefined ? input : { ...input, paymentCode }));
};

/** The attempt that matters for the case: the open one, else the one that kept or returned money, else the last. */
export function currentAttempt(entries: readonly PaymentEntry[]): PaymentEntry | null {
  const open = entries.find((e) => e.state === 'created' || e.state === 'pending' || e.state === 'paid' || e.state === 'refunding');
  const settled = entries.find((e) => e.state === 'delivered' || e.state === 'handed-to-staff' || e.state === 'refunded');
  return open ?? settled ?? entries[entries.length - 1] ?? null;
}

/** After a restart mid-payment: the ledger says where the money is; a pending charge is queried, never sent again. */
export const settlePaymentWork: Work = async (context, services) => {
  const { caseRef, caseNumber, payable, selection } = context;
  if (!caseRef) return missing('caseRef');
  const entry = currentAttempt(services.ledger.forCase(caseRef));
  if (!entry) return { type: 'no-payment' };
  const paymentId = entry.paymentId;
  switch (entry.state) {
    case 'created':
      services.payments.cancel(paymentId, 'flow resumed before the charge was sent');
      return { type: 'no-payment' };
    case 'pending': {
      if (!caseNumber || !payable || !selection) return missing('approved payable');
      return resolutionEvent(await services.payments.charge(paymentId, chargeInput({ caseNumber, payable, selection })));
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

export function issueWork(options: EndorsementFlowOptions): Work {
  return async (context, services, signal) => {
    const { caseRef, caseNumber, paymentId } = context;
    if (!caseRef || !caseNumber || !paymentId) return missing('paid case');
    const { outcome, sawUnknown } = await callPlatform(
      () => services.platform.issueEndorsement({ idempotencyKey: caseKeys(caseRef).issue, caseNumber, paymentIdempotencyKey: paymentId }),
      options.issueRetryDelaysMs,
      services,
      signal,
    );
    if (outcome.kind === 'ok') {
      const answer = outcome.value;
      if (answer.status !== 'issued') return { type: 'issue-failed', failure: answer.failure };
      if (services.ledger.get(paymentId)?.state === 'paid') services.payments.delivered(paymentId, 'endorsement issued');
      return { type: 'issued', endorsements: answer.endorsements, printLines: answer.printLines };
    }
    // Anything that may have been issued is never refunded automatically: staff check it first.
    if (sawUnknown) return { type: 'issue-unclear' };
    if (outcome.kind === 'rejected') return { type: 'issue-failed', failure: { code: outcome.error.code, message: outcome.error.message } };
    return { type: 'issue-failed', failure: null };
  };
}

export const refundWork: Work = async (context, services) => {
  if (!context.paymentId) return missing('paymentId');
  const entry = await services.payments.refund(context.paymentId, `endorsement not issued: ${context.issueFailure?.code ?? 'unknown reason'}`);
  return entry.state === 'refunded' ? { type: 'refunded' } : { type: 'refund-impossible' };
};

/** Puts the payment in staff hands (if the ledger still holds it open) so the receipt can say so. */
export const handOffWork: Work = async (context, services) => {
  const entry = context.paymentId ? services.ledger.get(context.paymentId) : null;
  if (entry?.state === 'refunded') return { type: 'refunded' };
  if (entry && (entry.state === 'paid' || entry.state === 'refunding' || entry.state === 'pending')) {
    services.payments.handToStaff(entry.paymentId, `endorsement flow: ${context.lastFault?.code ?? 'hand-off'}`);
  }
  return { type: 'handed-over' };
};

/** The receipt's facts from the flow and the ledger entry; masked values only. */
export function receiptFacts(context: EndorsementContext, entry: PaymentEntry | null, services: Pick<EndorsementServices, 'terminal'>, nowMs: number): EndorsementReceiptFacts {
  const outcome = context.outcome === 'issued' || context.outcome === 'refunded' ? context.outcome : 'handed-to-staff';
  const caseNumber = context.caseNumber ?? '—';
  return {
    hallName: services.terminal.hallName['zh-CN'],
    terminalId: services.terminal.terminalId,
    helpPhone: services.terminal.helpPhone,
    caseNumber,
    service: context.selection ? describeSelection(context.selection) : '出入境自助签注',
    holder: {
      nameMasked: context.eligibility?.holderNameMasked ?? null,
      permitNumberMasked: context.permit?.numberMasked ?? '—',
      idNumberMasked: context.idCard?.idNumberMasked ?? null,
    },
    amountFen: entry?.amountFen ?? context.payable?.amountFen ?? 0,
    payment: {
      methodLabel: paymentMethodLabel(context.payment),
      payerHint: entry?.payerHint ?? (context.payment?.method === 'payment-code' ? context.payment.masked : null),
      providerReference: entry?.providerReference ?? null,
      refundReference: entry?.detail.refundReference ?? null,
    },
    outcome,
    endorsementLines: context.endorsementPrintLines ?? [],
    failureReason: context.issueFailure?.message['zh-CN'] ?? null,
    time: hallDateTime(nowMs),
    trackingUrl: services.terminal.trackingUrl(caseNumber),
  };
}

/** Prints the receipt once: a job already journalled under the case's job id is never printed again by the flow. */
export function printReceiptWork(options: EndorsementFlowOptions): Work {
  return async (context, services) => {
    if (!context.caseRef) return missing('caseRef');
    const jobId = caseKeys(context.caseRef).receiptJob;
    const earlier = services.receipts.jobState(jobId);
    if (earlier === 'printed') return { type: 'receipt-printed' };
    // Pending or failed: an earlier attempt may be on paper already; staff reprint it from maintenance.
    if (earlier !== null) return { type: 'receipt-not-printed', reason: `earlier attempt ${earlier}` };
    const entry = context.paymentId ? services.ledger.get(context.paymentId) : null;
    const document = buildEndorsementOutcomeReceipt(receiptFacts(context, entry, services, services.clock.now()), options.paper);
    const result = await services.receipts.print(jobId, document);
    return result.ok ? { type: 'receipt-printed' } : { type: 'receipt-not-printed', reason: result.reason };
  };
}

/** The rating as the platform contract's event, written once under the case's event id. */
export const recordRatingWork: Work = async (context, services) => {
  const { caseRef, caseNumber, rating } = context;
  const scale = rating ? ratingForStars(rating.stars) : null;
  if (!caseRef || !caseNumber || !rating || !scale) return { type: 'rating-recorded', recorded: false };
  const payload: RatingEventPayload = {
    caseNumber,
    service: SERVICE_KIND,
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
    services.outbox.append('rating', { ...payload }, caseKeys(caseRef).ratingEvent);
  } catch (error) {
    // Written before a crash and now repeated: the event id makes it once.
    if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
  }
  return { type: 'rating-recorded', recorded: true };
};
