import { randomUUID } from 'node:crypto';
import type { PermitType, Verification } from '../../../platform/platformApiTypes.js';
import type { PaymentEntry } from '../../payments/paymentLedger.js';
import type { FlowEvent } from '../flowDefinition.js';
import { callPlatform, platformFailure } from '../shared/callPlatform.js';
import * as ending from '../shared/endingWork.js';
import { closingKeys } from '../shared/endingWork.js';
import { compareLiveFace, faceComparisonEvent } from '../shared/faceComparison.js';
import { receiptPaymentOf } from '../shared/receiptLayout.js';
import * as money from '../shared/paymentWork.js';
import type { EndorsementContext, OfferedChoice, PermitKind, PermitSummary, RefusedChoice } from './endorsementContext.js';
import type { EndorsementFlowOptions } from './endorsementOptions.js';
import { buildEndorsementOutcomeReceipt, type EndorsementReceiptFacts } from './endorsementReceipt.js';
import type { EndorsementServices, IdCardFacts, PermitFacts } from './endorsementServices.js';
import { describeSelection } from './endorsementWording.js';
import { hallDate, hallDateTime, isIsoDate } from './hallCalendar.js';
import { maskPermitNumber, maskResidentIdNumber } from './identityMasks.js';

/**
 * The work of each step: device reads, vault, platform, money, printer, outbox. Each function
 * resolves to the event the step's transition decides on and never throws on an expected
 * failure (the engine turns an unexpected throw into an `error` event, which every step
 * handles). Nothing here puts identity data into an event: the vault takes it and the event
 * carries the record id and masked summaries. The money, receipt and rating work every flow
 * shares is in shared/.
 */

export const SERVICE_KIND = 'exit-entry-endorsement';

/** What each vault record of the case holds. */
export const VAULT_PURPOSE = { permit: 'endorsement-permit', idCard: 'endorsement-id-card', face: 'endorsement-face' } as const;

type Work = (context: EndorsementContext, services: EndorsementServices, signal: AbortSignal) => Promise<FlowEvent>;

/** The idempotency keys and job ids of a case, all derived from its caseRef (≤ 64 of [A-Za-z0-9_-]). */
export const caseKeys = (caseRef: string) => ({ ...closingKeys(caseRef), approval: `${caseRef}-approval`, issue: `${caseRef}-issue` });

const platformPermitType = (kind: PermitKind): PermitType => (kind === 'hk-macau' ? 'CS' : 'CD');

const { missing } = money;

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
export const compareFaceWork: Work = (context, services, signal) =>
  compareLiveFace(context.faceImage, services, signal, async (liveImage) => {
    if (!context.permit) return missing('permit');
    const permit = services.vault.get<PermitFacts>(context.permit.record);
    if (!permit.ok) return { type: 'identity-lost' };
    return faceComparisonEvent(
      await services.platform.compareFace({
        purpose: 'endorsement',
        subject: { permitType: platformPermitType(permit.value.permitType), permitNumber: permit.value.number },
        liveImage,
        // The chip photo is not read (MRZ only) and the ID card's WLT photo cannot be decoded: the platform's own record.
        reference: 'platform-record',
      }),
    );
  });

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
      services.sleep,
      signal,
    );
    if (outcome.kind !== 'ok') return platformFailure(outcome);
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
      services.sleep,
      signal,
    );
    if (outcome.kind !== 'ok') return platformFailure(outcome);
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

export const scanCodeWork = money.scanCodeWork;

/** What the approved case charges: the platform's payable, under the config fee's code. */
function chargeRequest(context: EndorsementContext): money.ChargeRequest | null {
  const { caseNumber, payable, selection } = context;
  if (!caseNumber || !payable || !selection) return null;
  return {
    amountFen: payable.amountFen,
    description: `出入境签注 ${caseNumber}`,
    caseNumber,
    items: [{ code: selection.option.fee.code, amountFen: payable.amountFen }],
  };
}

export const chargeWork = money.chargeWork<EndorsementContext>(SERVICE_KIND, chargeRequest);
export const settlePaymentWork = money.settlePaymentWork<EndorsementContext>(chargeRequest);
export const showQrWork = money.showQrWork;
export const cancelQrWork = money.cancelQrWork;

export function issueWork(options: EndorsementFlowOptions): Work {
  return async (context, services, signal) => {
    const { caseRef, caseNumber, paymentId } = context;
    if (!caseRef || !caseNumber || !paymentId) return missing('paid case');
    const { outcome, sawUnknown } = await callPlatform(
      () => services.platform.issueEndorsement({ idempotencyKey: caseKeys(caseRef).issue, caseNumber, paymentIdempotencyKey: paymentId }),
      options.issueRetryDelaysMs,
      services.sleep,
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

export const refundWork = money.refundWork<EndorsementContext>((context) => `endorsement not issued: ${context.issueFailure?.code ?? 'unknown reason'}`);

/** Puts the payment in staff hands (if the ledger still holds it open) so the receipt can say so. */
export const handOffWork = money.handOffWork<EndorsementContext>('endorsement');

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
    payment: receiptPaymentOf(context.payment, entry),
    outcome,
    endorsementLines: context.endorsementPrintLines ?? [],
    failureReason: context.issueFailure?.message['zh-CN'] ?? null,
    time: hallDateTime(nowMs),
    trackingUrl: services.terminal.trackingUrl(caseNumber),
  };
}

/** Prints the receipt once: a job already journalled under the case's job id is never printed again by the flow. */
export function printReceiptWork(options: EndorsementFlowOptions) {
  return ending.printReceiptWork<EndorsementContext>((context, entry, services, nowMs) => buildEndorsementOutcomeReceipt(receiptFacts(context, entry, services, nowMs), options.paper));
}

/** The rating as the platform contract's event, written once under the case's event id. */
export const recordRatingWork = ending.recordRatingWork<EndorsementContext>(SERVICE_KIND, (context) => context.caseNumber);
