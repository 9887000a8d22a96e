import type { PaymentEntry } from '../../payments/paymentLedger.js';
import { hallDateTime } from '../endorsement/hallCalendar.js';
import type { TerminalFacts } from '../shared/flowServices.js';
import { receiptPaymentOf } from '../shared/receiptLayout.js';
import type { PropertyContext } from './propertyContext.js';
import type { PropertyReceiptFacts } from './propertyReceipt.js';
import { bilingual, DELIVERY_NAMES, ROLE_NAMES } from './propertyWording.js';

/** The receipt's facts from the flow and the ledger entry; the platform's masked parties only. */
export function propertyReceiptFacts(context: PropertyContext, entry: PaymentEntry | null, terminal: TerminalFacts, nowMs: number): PropertyReceiptFacts {
  const outcome = context.outcome === 'accepted' || context.outcome === 'refunded' ? context.outcome : 'handed-to-staff';
  const found = context.propertyCase;
  const caseNumber = found?.caseNumber ?? '—';
  const delivery = context.delivery ?? null;
  const onFile = context.deliveryOffer?.options.find((option) => option.method === 'post')?.addressOnFile;
  return {
    hallName: terminal.hallName['zh-CN'],
    terminalId: terminal.terminalId,
    helpPhone: terminal.helpPhone,
    time: hallDateTime(nowMs),
    trackingUrl: terminal.trackingUrl(caseNumber),
    caseNumber,
    acceptanceNumber: context.acceptance?.acceptanceNumber ?? null,
    expectedCompletionDate: context.acceptance?.expectedCompletionDate ?? null,
    contractFilingNumber: found?.contractFilingNumber ?? null,
    property: found ? { address: found.property.address, unitNumber: found.property.unitNumber } : null,
    parties: (found?.parties ?? []).map((party) => ({ role: bilingual(ROLE_NAMES[party.role]), nameMasked: party.nameMasked, idNumberMasked: party.idNumberMasked })),
    fees: (context.payable?.items ?? []).map((item) => ({ label: item.label['zh-CN'], count: item.count, amountFen: item.amountFen })),
    amountFen: entry?.amountFen ?? context.payable?.amountFen ?? 0,
    payment: receiptPaymentOf(context.payment, entry),
    outcome,
    failureReason: context.submitFailure?.message['zh-CN'] ?? null,
    delivery: delivery
      ? {
          method: bilingual(DELIVERY_NAMES[delivery.method]),
          certificateNumbers: delivery.certificates.map((c) => c.certificateNumber),
          printedCertificateLines: delivery.method === 'print-at-terminal' ? delivery.certificates.flatMap((c) => c.printLines ?? []) : [],
          postedTo: delivery.method === 'post' && onFile ? `${onFile.recipient} ${onFile.address}` : null,
        }
      : null,
    mortgageProofTo: context.deliveryOffer?.mortgageProof === 'electronic-to-lender' && found?.mortgage ? found.mortgage.lender : null,
  };
}
