import type { PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import type { ReceiptBlock, ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import { receiptLayout, type ReceiptFrameFacts, type ReceiptPayment } from '../shared/receiptLayout.js';
import { ensureMaskedIdNumber, ensureMaskedPermitNumber } from './identityMasks.js';

/** How the paid case ended: the three outcomes a receipt after payment can report. */
export type ReceiptOutcome = 'issued' | 'refunded' | 'handed-to-staff';

/** What the endorsement receipt shows. Masked values only; the builder masks again anything that slips through. */
export interface EndorsementReceiptFacts extends ReceiptFrameFacts {
  caseNumber: string;
  /** What was applied for, in words (香港 个人旅游签注（G） 一次有效签注). */
  service: string;
  holder: { nameMasked: string | null; permitNumberMasked: string; idNumberMasked: string | null };
  amountFen: number;
  payment: ReceiptPayment;
  outcome: ReceiptOutcome;
  /** The platform's lines for an issued endorsement (kind, validity, number). */
  endorsementLines: string[];
  /** Why issuing failed, when it did (the platform's sentence). */
  failureReason: string | null;
}

const RESULT_LINE: Readonly<Record<ReceiptOutcome, string>> = {
  issued: '办理结果 Result: 签注成功 Issued',
  refunded: '办理结果 Result: 未能签注，已退款 Not issued, refunded',
  'handed-to-staff': '办理结果 Result: 请到人工窗口 Go to the counter',
};

const NEXT_STEPS: Readonly<Record<ReceiptOutcome, string[]>> = {
  issued: ['签注已写入您的通行证，请取回证件。', 'The endorsement is on your permit. Please take your permit.'],
  refunded: [
    '签注未能办理，费用已自动原路退回，到账时间以支付机构为准。',
    'The endorsement could not be issued. The fee has been refunded automatically to the way you paid; when it arrives depends on your bank or wallet.',
  ],
  'handed-to-staff': [
    '签注未能办理完成，费用暂未退回。请持本凭条到人工窗口，工作人员将凭受理编号为您继续办理或退款。',
    'Your case could not be finished here and the fee has not been refunded yet. Please take this receipt to the counter; staff will finish your case or refund you, using the case number.',
  ],
};

/** The endorsement receipt after payment, laid out with the printer's receipt helpers. */
export function buildEndorsementOutcomeReceipt(facts: EndorsementReceiptFacts, paper: PaperWidth = '80mm'): ReceiptDocument {
  const { columns, text, row, head, paid, foot } = receiptLayout(paper);
  const { holder, payment } = facts;

  const blocks: ReceiptBlock[] = [
    ...head(facts.hallName, '出入境自助签注 · 受理回执', 'Exit-entry endorsement receipt'),
    { kind: 'rule' },
    text(RESULT_LINE[facts.outcome], { bold: true }),
    { kind: 'rule' },
    text(`办理事项 Service: ${facts.service}`),
    row('受理编号 Case No.', facts.caseNumber),
  ];
  if (holder.nameMasked) blocks.push(row('持证人 Holder', holder.nameMasked));
  blocks.push(row('通行证 Permit No.', ensureMaskedPermitNumber(holder.permitNumberMasked)));
  if (holder.idNumberMasked) blocks.push(row('身份证 ID No.', ensureMaskedIdNumber(holder.idNumberMasked)));
  blocks.push(row('自助终端 Terminal', facts.terminalId), row('办理时间 Time', facts.time));

  if (facts.outcome === 'issued' && facts.endorsementLines.length > 0) {
    blocks.push({ kind: 'rule' }, text('签注信息 Endorsement'), ...facts.endorsementLines.map((line) => text(line)));
  }

  blocks.push({ kind: 'rule' }, ...paid(facts.amountFen, payment, facts.outcome === 'refunded'));

  blocks.push({ kind: 'rule' });
  if (facts.failureReason && facts.outcome !== 'issued') blocks.push(text(`原因 Reason: ${facts.failureReason}`));
  blocks.push(...NEXT_STEPS[facts.outcome].map((sentence) => text(sentence)));

  blocks.push(...foot(facts.trackingUrl, facts.helpPhone));
  return { columns, blocks };
}
