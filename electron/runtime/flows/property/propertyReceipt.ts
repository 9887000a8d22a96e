import type { PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import { formatYuan } from '../../../../drivers/printer/receipts/formatYuan.js';
import type { ReceiptBlock, ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import { ensureMaskedIdNumber } from '../endorsement/identityMasks.js';
import { receiptLayout, type ReceiptFrameFacts, type ReceiptPayment } from '../shared/receiptLayout.js';

/** How the paid case ended: the three outcomes a receipt after payment can report. */
export type PropertyReceiptOutcome = 'accepted' | 'refunded' | 'handed-to-staff';

/** What the property-transfer receipt shows. Parties masked (the builder masks again anything that slips through). */
export interface PropertyReceiptFacts extends ReceiptFrameFacts {
  caseNumber: string;
  acceptanceNumber: string | null;
  expectedCompletionDate: string | null;
  contractFilingNumber: string | null;
  /** The property's address and unit number: facts about the property, not about a person. */
  property: { address: string; unitNumber: string } | null;
  parties: Array<{ role: string; nameMasked: string; idNumberMasked: string }>;
  fees: Array<{ label: string; count: number; amountFen: number }>;
  amountFen: number;
  payment: ReceiptPayment;
  outcome: PropertyReceiptOutcome;
  /** Why the application was not accepted (the platform's sentence), when it was not. */
  failureReason: string | null;
  /** `postedTo`: the masked recipient and address a posted certificate goes to. */
  delivery: { method: string; certificateNumbers: string[]; printedCertificateLines: string[]; postedTo: string | null } | null;
  /** The lender, when its mortgage proof goes to it electronically. */
  mortgageProofTo: string | null;
}

const RESULT_LINE: Readonly<Record<PropertyReceiptOutcome, string>> = {
  accepted: '办理结果 Result: 已受理 Accepted',
  refunded: '办理结果 Result: 未受理，已退款 Not accepted, refunded',
  'handed-to-staff': '办理结果 Result: 请到人工窗口 Go to the counter',
};

const NEXT_STEPS: Readonly<Record<PropertyReceiptOutcome, string[]>> = {
  accepted: ['申请已受理，请按下列领证方式领取不动产权证书。', 'Your application has been accepted. Receive the certificate as arranged below.'],
  refunded: [
    '申请未被受理，费用已自动原路退回，到账时间以支付机构为准。',
    'The application was not accepted. The fee has been refunded automatically to the way you paid; when it arrives depends on your bank or wallet.',
  ],
  'handed-to-staff': [
    '申请未能在本机办理完成，费用暂未退回。请持本凭条到人工窗口，工作人员将凭办件编号为您继续办理或退款。',
    'Your application could not be finished here and the fee has not been refunded yet. Please take this receipt to the counter; staff will finish your case or refund you, using the case number.',
  ],
};

/** The property-transfer receipt after payment, laid out with the printer's receipt helpers. */
export function buildPropertyReceipt(facts: PropertyReceiptFacts, paper: PaperWidth = '80mm'): ReceiptDocument {
  const { columns, text, row, head, paid, foot } = receiptLayout(paper);
  const blocks: ReceiptBlock[] = [
    ...head(facts.hallName, '不动产转移登记 · 受理回执', 'Real-estate transfer receipt'),
    { kind: 'rule' },
    text(RESULT_LINE[facts.outcome], { bold: true }),
    { kind: 'rule' },
    row('办件编号 Case No.', facts.caseNumber),
  ];
  if (facts.acceptanceNumber) blocks.push(row('受理号 Acceptance No.', facts.acceptanceNumber, true));
  if (facts.contractFilingNumber) blocks.push(row('网签备案号 Contract No.', facts.contractFilingNumber));
  if (facts.property) blocks.push(text(`坐落 Address: ${facts.property.address}`), text(`不动产单元号 Unit: ${facts.property.unitNumber}`));
  if (facts.parties.length > 0) {
    blocks.push(text('当事人 Parties'));
    for (const party of facts.parties) blocks.push(row(`${party.role} ${party.nameMasked}`, ensureMaskedIdNumber(party.idNumberMasked)));
  }
  blocks.push(row('自助终端 Terminal', facts.terminalId), row('办理时间 Time', facts.time), { kind: 'rule' });

  for (const fee of facts.fees) blocks.push(row(fee.count > 1 ? `${fee.label} ×${fee.count}` : fee.label, formatYuan(fee.amountFen)));
  blocks.push(...paid(facts.amountFen, facts.payment, facts.outcome === 'refunded'), { kind: 'rule' });

  if (facts.outcome === 'accepted') {
    if (facts.delivery) {
      blocks.push(text(`领证方式 Delivery: ${facts.delivery.method}`));
      if (facts.delivery.postedTo) blocks.push(text(`寄往 Posted to: ${facts.delivery.postedTo}`));
      for (const number of facts.delivery.certificateNumbers) blocks.push(text(`证书号 Certificate: ${number}`));
    }
    if (facts.mortgageProofTo) {
      blocks.push(text('不动产登记证明（抵押）以电子证照发送至抵押权人：'), text(facts.mortgageProofTo), text('The mortgage proof goes electronically to the lender.'));
    }
    if (facts.expectedCompletionDate) blocks.push(row('预计办结 Expected by', facts.expectedCompletionDate));
  }
  if (facts.failureReason && facts.outcome !== 'accepted') blocks.push(text(`原因 Reason: ${facts.failureReason}`));
  blocks.push(...NEXT_STEPS[facts.outcome].map((sentence) => text(sentence)));
  if (facts.outcome === 'accepted' && facts.delivery && facts.delivery.printedCertificateLines.length > 0) {
    blocks.push({ kind: 'rule' }, text('证书信息 Certificate', { bold: true }), ...facts.delivery.printedCertificateLines.map((line) => text(line)));
  }

  blocks.push(...foot(facts.trackingUrl, facts.helpPhone));
  return { columns, blocks };
}
