import { randomUUID } from 'node:crypto';
import type { DeliveryOptionsResponse, PropertyCase, Reason, StrokePoint, SubmissionRequest } from '../../../platform/platformApiTypes.js';
import type { FlowEvent } from '../flowDefinition.js';
import { callPlatform, platformFailure } from '../shared/callPlatform.js';
import * as ending from '../shared/endingWork.js';
import { closingKeys } from '../shared/endingWork.js';
import { compareLiveFace, faceComparisonEvent } from '../shared/faceComparison.js';
import * as money from '../shared/paymentWork.js';
import { addressOnFileForScreen } from './addressOnFileForScreen.js';
import { idNumberFitsMask } from './idNumberFitsMask.js';
import type { ArrangedDelivery, CaseParty, PropertyCaseInfo, PropertyContext } from './propertyContext.js';
import type { PropertyFlowOptions } from './propertyOptions.js';
import { buildPropertyReceipt } from './propertyReceipt.js';
import { propertyReceiptFacts } from './propertyReceiptFacts.js';
import type { PropertyServices } from './propertyServices.js';

/**
 * The work of each property-transfer step: the registration system (lookup, party
 * verification, submission, certificate delivery), the ID-card reader, the vault, money,
 * printer and outbox. Each resolves to the event the step's transition decides on and never
 * throws on an expected failure. Identity data (ID numbers, signatures) goes into the vault;
 * events carry record ids. The money, receipt and rating work every flow shares is in shared/.
 */

export const SERVICE_KIND = 'property-transfer';

/** What each vault record of the case holds. */
export const VAULT_PURPOSE = { idCard: 'property-id-card', face: 'property-face', signature: 'property-signature' } as const;

/** A party's signature as the vault keeps it until submission. */
export interface SignatureFacts {
  imagePngBase64: string;
  strokes: StrokePoint[][];
}

type Work = (context: PropertyContext, services: PropertyServices, signal: AbortSignal) => Promise<FlowEvent>;

/** The idempotency keys and job ids of a case, all derived from its caseRef. */
export const caseKeys = (caseRef: string) => ({ ...closingKeys(caseRef), submit: `${caseRef}-submit`, delivery: `${caseRef}-delivery` });

const { missing } = money;

/**
 * Mailing goes to the address the platform holds for the case (from the filed contract); one
 * would have to be typed in otherwise, which this kiosk cannot take (no input method), so the
 * counter registers it.
 */
export const POST_NEEDS_A_COUNTER: Reason = {
  code: 'post-at-counter',
  message: {
    'zh-CN': '本案没有登记邮寄地址，本机无法录入地址，如需邮寄证书请到人工窗口登记',
    en: 'No mailing address is on file for this case and this machine cannot take one; to have the certificate posted, register the address at the counter',
  },
};

export function currentParty(context: PropertyContext): CaseParty | null {
  return context.propertyCase?.parties.find((party) => party.partyId === context.currentPartyId) ?? null;
}

/** The current party's ID number from the vault, or null when the record is gone. */
function currentIdNumber(context: PropertyContext, services: PropertyServices): string | null {
  const record = context.currentPartyId ? context.progress?.[context.currentPartyId]?.idCardRecord : undefined;
  if (!record) return null;
  const card = services.vault.get<{ idNumber: string }>(record);
  return card.ok ? card.value.idNumber : null;
}

/** The platform's case without what the flow does not need (the old certificate number, the loan amount, status). */
function caseInfo(found: PropertyCase): PropertyCaseInfo {
  const { unitNumber, address, areaSquareMeters, use, useDescription } = found.property;
  return {
    caseNumber: found.caseNumber,
    contractFilingNumber: found.contractFilingNumber,
    registrationType: found.registrationType,
    property: { unitNumber, address, areaSquareMeters, use, useDescription },
    parties: found.parties.map(({ partyId, role, nameMasked, idNumberMasked, required, share }) => ({ partyId, role, nameMasked, idNumberMasked, required, share })),
    taxes: found.taxes.map((tax) => ({ ...tax })),
    mortgage: found.mortgage ? { lender: found.mortgage.lender, electronicCertificate: found.mortgage.electronicCertificate } : null,
  };
}

export const startWork: Work = async (context) => ({ type: 'begin', caseRef: context.caseRef ?? `prop-${randomUUID()}` });

export function lookupCaseWork(options: PropertyFlowOptions): Work {
  return async (context, services, signal) => {
    const { lookup } = context;
    if (!lookup) return missing('lookup');
    const query = lookup.by === 'case-number' ? { caseNumber: lookup.number } : { contractFilingNumber: lookup.number };
    const { outcome } = await callPlatform(() => services.platform.lookupPropertyCase(query), options.platformRetryDelaysMs, services.sleep, signal);
    if (outcome.kind === 'ok') return outcome.value.status === 'accepted' ? { type: 'case-already-accepted' } : { type: 'case-found', propertyCase: caseInfo(outcome.value) };
    return outcome.kind === 'rejected' && outcome.error.code === 'case-not-found' ? { type: 'case-not-found' } : platformFailure(outcome);
  };
}

/** Reads the current party's card; a card whose number cannot be the party's (by the platform's mask) is turned away at once. */
export function readPartyCardWork(timeoutMs: number): Work {
  return async (context, services, signal) => {
    const party = currentParty(context);
    if (!context.caseRef || !party) return missing('current party');
    const result = await services.readIdCard(timeoutMs, signal);
    if (!result.ok) return { type: 'id-card-read-failed', code: result.code, message: result.message };
    if (!idNumberFitsMask(result.card.idNumber, party.idNumberMasked)) return { type: 'card-not-this-party' };
    // A card read earlier for this party (then refused by the platform) is replaced.
    const earlier = context.progress?.[party.partyId]?.idCardRecord;
    if (earlier) services.vault.delete(earlier);
    const record = services.vault.put(context.caseRef, VAULT_PURPOSE.idCard, { idNumber: result.card.idNumber });
    return { type: 'id-card-read', partyId: party.partyId, record };
  };
}

/** Compares the party's live image with the platform's record of them; the image is deleted right after, whatever happened. */
export const compareFaceWork: Work = (context, services, signal) =>
  compareLiveFace(context.faceImage, services, signal, async (liveImage) => {
    const idNumber = currentIdNumber(context, services);
    if (!idNumber) return { type: 'identity-lost' };
    return faceComparisonEvent(await services.platform.compareFace({ purpose: 'property-party', subject: { idNumber }, liveImage, reference: 'platform-record' }));
  });

/** The platform checks the party's card number and verification; its proof id goes with the submission. */
export function verifyPartyWork(options: PropertyFlowOptions): Work {
  return async (context, services, signal) => {
    const party = currentParty(context);
    const { propertyCase, verification } = context;
    if (!party || !propertyCase || !verification) return missing('party verification');
    const idNumber = currentIdNumber(context, services);
    if (!idNumber) return { type: 'identity-lost' };
    const { outcome } = await callPlatform(
      () => services.platform.verifyPropertyParty(propertyCase.caseNumber, { partyId: party.partyId, idNumber, verification }),
      options.platformRetryDelaysMs,
      services.sleep,
      signal,
    );
    if (outcome.kind !== 'ok') return platformFailure(outcome);
    const answer = outcome.value;
    if (answer.verified && answer.partyVerificationId) return { type: 'party-verified', partyId: party.partyId, partyVerificationId: answer.partyVerificationId };
    return { type: 'party-not-verified', partyId: party.partyId, reason: answer.reason };
  };
}

export const scanCodeWork = money.scanCodeWork;

/** What the case charges: the fee lines the citizen confirmed, from the config's fee table. */
function chargeRequest(context: PropertyContext): money.ChargeRequest | null {
  const { propertyCase, payable } = context;
  if (!propertyCase || !payable) return null;
  return {
    amountFen: payable.amountFen,
    description: `不动产转移登记 ${propertyCase.caseNumber}`,
    caseNumber: propertyCase.caseNumber,
    items: payable.items.map((item) => ({ code: item.code, amountFen: item.amountFen })),
  };
}

export const chargeWork = money.chargeWork<PropertyContext>(SERVICE_KIND, chargeRequest);
export const settlePaymentWork = money.settlePaymentWork<PropertyContext>(chargeRequest);
export const showQrWork = money.showQrWork;
export const cancelQrWork = money.cancelQrWork;

/**
 * Signatures and card numbers leave the vault once the platform's definite answer is on record
 * (the steps after `submit` call this first). Not in `submit` itself: a submission repeated after
 * a crash must send the very same request, or its idempotency key would be refused.
 */
function forgetPartyRecords(context: PropertyContext, services: PropertyServices): void {
  for (const progress of Object.values(context.progress ?? {})) {
    if (progress.signatureRecord) services.vault.delete(progress.signatureRecord);
    if (progress.idCardRecord) services.vault.delete(progress.idCardRecord);
  }
}

/**
 * Submits the case with every party's verification and signature and the paid fee, always
 * under the case's idempotency key. Anything that may have been accepted is never refunded
 * automatically: staff check it first.
 */
export function submitWork(options: PropertyFlowOptions): Work {
  return async (context, services, signal) => {
    const { caseRef, propertyCase, paymentId } = context;
    if (!caseRef || !propertyCase || !paymentId) return missing('paid case');
    const parties: SubmissionRequest['parties'] = [];
    for (const party of propertyCase.parties) {
      const progress = context.progress?.[party.partyId];
      if (!progress?.verificationId || !progress.signatureRecord) continue;
      const signature = services.vault.get<SignatureFacts>(progress.signatureRecord);
      // A signature the vault lost is left out: the platform then refuses the case, and the fee is refunded.
      if (!signature.ok) continue;
      parties.push({ partyId: party.partyId, partyVerificationId: progress.verificationId, signature: signature.value });
    }
    const { outcome, sawUnknown } = await callPlatform(
      () =>
        services.platform.submitPropertyCase(propertyCase.caseNumber, {
          idempotencyKey: caseKeys(caseRef).submit,
          parties,
          paymentIdempotencyKeys: [paymentId],
          extraCertificates: context.extraCertificates ?? 0,
        }),
      options.submitRetryDelaysMs,
      services.sleep,
      signal,
    );
    if (outcome.kind === 'ok') {
      const answer = outcome.value;
      if (answer.status !== 'accepted') return { type: 'submission-refused', reasons: answer.reasons, missingPartyIds: answer.missingPartyIds };
      if (services.ledger.get(paymentId)?.state === 'paid') services.payments.delivered(paymentId, 'property transfer accepted');
      return { type: 'accepted', acceptanceNumber: answer.acceptanceNumber, expectedCompletionDate: answer.expectedCompletionDate };
    }
    if (sawUnknown) return { type: 'submit-unclear' };
    const reasons = outcome.kind === 'rejected' ? [{ code: outcome.error.code, message: outcome.error.message }] : [];
    return { type: 'submission-refused', reasons, missingPartyIds: [] };
  };
}

export function deliveryOptionsWork(options: PropertyFlowOptions): Work {
  return async (context, services, signal) => {
    forgetPartyRecords(context, services);
    const caseNumber = context.propertyCase?.caseNumber;
    if (!caseNumber) return missing('case');
    const { outcome } = await callPlatform(() => services.platform.getCertificateDeliveryOptions(caseNumber), options.platformRetryDelaysMs, services.sleep, signal);
    if (outcome.kind !== 'ok') return { type: 'delivery-unavailable' };
    const offered: DeliveryOptionsResponse = outcome.value;
    return {
      type: 'delivery-offered',
      offer: {
        options: offered.options.map((option) => {
          if (option.method !== 'post' || !option.available) return { ...option };
          return option.addressOnFile
            ? { ...option, addressOnFile: addressOnFileForScreen(option.addressOnFile) }
            : { method: 'post', available: false, reason: POST_NEEDS_A_COUNTER };
        }),
        mortgageProof: offered.mortgageProof,
      },
    };
  };
}

export function arrangeDeliveryWork(options: PropertyFlowOptions): Work {
  return async (context, services, signal) => {
    const { caseRef, propertyCase, deliveryChoice } = context;
    if (!caseRef || !propertyCase || !deliveryChoice) return missing('delivery choice');
    const { outcome } = await callPlatform(
      () =>
        services.platform.chooseCertificateDelivery(propertyCase.caseNumber, {
          idempotencyKey: caseKeys(caseRef).delivery,
          method: deliveryChoice,
          // Post is offered only with the platform's address on file (see deliveryOptionsWork).
          ...(deliveryChoice === 'post' ? { useAddressOnFile: true as const } : {}),
        }),
      options.platformRetryDelaysMs,
      services.sleep,
      signal,
    );
    if (outcome.kind !== 'ok') return { type: 'delivery-failed', detail: outcome.kind === 'rejected' ? outcome.error.message : null };
    const delivery: ArrangedDelivery = {
      method: outcome.value.method,
      status: outcome.value.status,
      certificates: outcome.value.certificates.map((c) => ({ kind: c.kind, certificateNumber: c.certificateNumber, electronic: c.electronicUrl !== null, printLines: c.printLines })),
    };
    return { type: 'delivery-arranged', delivery };
  };
}

const refundPayment = money.refundWork<PropertyContext>((context) => `property transfer not accepted: ${context.submitFailure?.code ?? 'unknown reason'}`);

/** The registration system refused the case: its parties' records go, and the fee goes back. */
export const refundWork: Work = (context, services, signal) => {
  forgetPartyRecords(context, services);
  return refundPayment(context, services, signal);
};

export const handOffWork = money.handOffWork<PropertyContext>('property transfer');

/** Prints the receipt once: a job already journalled under the case's job id is never printed again by the flow. */
export function printReceiptWork(options: PropertyFlowOptions) {
  return ending.printReceiptWork<PropertyContext>((context, entry, services, nowMs) => buildPropertyReceipt(propertyReceiptFacts(context, entry, services.terminal, nowMs), options.paper));
}

/** The rating as the platform contract's event, written once under the case's event id. */
export const recordRatingWork = ending.recordRatingWork<PropertyContext>(SERVICE_KIND, (context) => context.propertyCase?.caseNumber);
