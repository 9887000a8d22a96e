import { columnsFor, type PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import { twoColumnRow } from '../../../../drivers/printer/layout/twoColumnRow.js';
import { wrapText } from '../../../../drivers/printer/layout/wrapText.js';
import { formatYuan } from '../../../../drivers/printer/receipts/formatYuan.js';
import type { ReceiptBlock, ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import { ensureMaskedIdNumber, ensureMaskedPermitNumber, safePayerHint } from './identityMasks.js';

/** How the paid case ended: the three outcomes a receipt after payment can report. */
export type ReceiptOutcome = 'issued' | 'refunded' | 'handed-to-staff';

/** What the endorsement receipt shows. Masked values only; the builder masks again anything that slips through. */
export interface EndorsementReceiptFacts {
  hallName: string;
  terminalId: string;
  helpPhone: string;
  caseNumber: string;
  /** What was applied for, in words (香港 个人旅游签注（G） 一次有效签注). */
  service: string;
  holder: { nameMasked: string | null; permitNumberMasked: string; idNumberMasked: string | null };
  amountFen: number;
  payment: {
    /** 微信付款码, 银行卡, … */
    methodLabel: string;
    /** Masked payer (13**********6789); masked again here if a provider sent more. */
    payerHint: string | null;
    /** The provider's order or reference number: staff look the payment up by it, so it is printed whole. */
    providerReference: string | null;
    refundReference: string | null;
  };
  outcome: ReceiptOutcome;
  /** The platform's lines for an issued endorsement (kind, validity, number). */
  endorsementLines: string[];
  /** Why issuing failed, when it did (the platform's sentence). */
  failureReason: string | null;
  /** Hall time, already formatted (2026-11-23 18:00:05). */
  time: string;
  trackingUrl: string;
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
  const columns = columnsFor(paper);
  const text = (value: string, options: { align?: 'left' | 'center'; bold?: boolean } = {}): ReceiptBlock => ({
    kind: 'text',
    align: options.align ?? 'left',
    ...(options.bold ? { bold: true } : {}),
    lines: wrapText(value, columns),
  });
  const row = (label: string, value: string, bold = false): ReceiptBlock => ({
    kind: 'text',
    align: 'left',
    ...(bold ? { bold: true } : {}),
    lines: twoColumnRow(label, value, columns),
  });
  const { holder, payment } = facts;

  const blocks: ReceiptBlock[] = [
    { kind: 'text', align: 'center', bold: true, doubleSize: true, lines: wrapText(facts.hallName, columns / 2) },
    text('出入境自助签注 · 受理回执', { align: 'center' }),
    text('Exit-entry endorsement receipt', { align: 'center' }),
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

  blocks.push({ kind: 'rule' }, row('费用合计 Fee', formatYuan(facts.amountFen), true), row('支付方式 Paid by', payment.methodLabel));
  if (payment.payerHint) blocks.push(row('付款账户 Payer', safePayerHint(payment.payerHint)));
  if (payment.providerReference) blocks.push(row('支付流水 Payment ref.', payment.providerReference));
  if (facts.outcome === 'refunded') {
    blocks.push(row('退款金额 Refunded', formatYuan(facts.amountFen), true));
    if (payment.refundReference) blocks.push(row('退款流水 Refund ref.', payment.refundReference));
  }

  blocks.push({ kind: 'rule' });
  if (facts.failureReason && facts.outcome !== 'issued') blocks.push(text(`原因 Reason: ${facts.failureReason}`));
  blocks.push(...NEXT_STEPS[facts.outcome].map((sentence) => text(sentence)));

  blocks.push(
    { kind: 'blank-lines', count: 1 },
    { kind: 'qr-code', payload: facts.trackingUrl },
    text('扫码查询办理进度 Scan to track your case', { align: 'center' }),
    text(`咨询电话 Help: ${facts.helpPhone}`, { align: 'center' }),
    text('请妥善保管本凭条 Please keep this receipt', { align: 'center' }),
    { kind: 'cut' },
  );
  return { columns, blocks };
}
