import type { EscPosEncodeResult, EscPosEncoderOptions } from '../escpos/escPosEncoder.js';
import { columnsFor, type PaperWidth } from '../layout/paperWidth.js';
import { twoColumnRow } from '../layout/twoColumnRow.js';
import { wrapText } from '../layout/wrapText.js';
import { encodeReceiptDocument } from './encodeReceiptDocument.js';
import { formatYuan } from './formatYuan.js';
import { maskIdNumber } from './maskIdNumber.js';
import type { ReceiptBlock, ReceiptDocument } from './receiptDocument.js';
import { renderReceiptPreview } from './renderReceiptPreview.js';

/** What an exit-entry endorsement receipt shows; the ID number is masked here, never upstream of the paper. */
export interface EndorsementReceiptData {
  hallName: string;
  service: string;
  idNumber: string;
  feeFen: number;
  caseNumber: string;
  terminalId: string;
  /** Local hall time, already formatted by the caller ('2025-06-12 14:35:08'). */
  issuedAt: string;
  trackingUrl: string;
}

/** Synthetic: the ID number is born 1900-01-01 and the domain is example.gov.cn. */
export const SAMPLE_ENDORSEMENT_RECEIPT_DATA: EndorsementReceiptData = {
  hallName: '示例市政务服务中心',
  service: '往来港澳通行证签注（个人旅游 G）一次有效',
  idNumber: '11010119000101123X',
  feeFen: 1500,
  caseNumber: 'QZ2025061200123',
  terminalId: 'DEMO-HALL-0001',
  issuedAt: '2025-06-12 14:35:08',
  trackingUrl: 'https://zwfw.example.gov.cn/case/QZ2025061200123',
};

export function buildEndorsementReceipt(data: EndorsementReceiptData, paper: PaperWidth = '80mm'): ReceiptDocument {
  const columns = columnsFor(paper);
  const row = (label: string, value: string): ReceiptBlock => ({ kind: 'text', align: 'left', lines: twoColumnRow(label, value, columns) });
  return {
    columns,
    blocks: [
      { kind: 'text', align: 'center', bold: true, doubleSize: true, lines: wrapText(data.hallName, columns / 2) },
      { kind: 'text', align: 'center', lines: wrapText('出入境自助签注 · 受理凭条', columns) },
      { kind: 'text', align: 'center', lines: wrapText('Exit-entry endorsement receipt', columns) },
      { kind: 'rule' },
      { kind: 'text', align: 'left', lines: wrapText(`办理事项 Service: ${data.service}`, columns) },
      row('证件号码 ID No.', maskIdNumber(data.idNumber)),
      row('受理编号 Case No.', data.caseNumber),
      row('自助终端 Terminal', data.terminalId),
      row('办理时间 Time', data.issuedAt),
      { kind: 'rule' },
      { kind: 'text', align: 'left', bold: true, lines: twoColumnRow('费用合计 Fee', formatYuan(data.feeFen), columns) },
      { kind: 'blank-lines', count: 1 },
      { kind: 'qr-code', payload: data.trackingUrl },
      { kind: 'text', align: 'center', lines: wrapText('扫码查询办理进度 Scan to track your case', columns) },
      { kind: 'text', align: 'center', lines: wrapText('请妥善保管本凭条 Please keep this receipt', columns) },
      { kind: 'cut' },
    ],
  };
}

export function encodeSampleEndorsementReceipt(paper: PaperWidth = '80mm', options: EscPosEncoderOptions = {}): EscPosEncodeResult {
  return encodeReceiptDocument(buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA, paper), options);
}

export function previewSampleEndorsementReceipt(paper: PaperWidth = '80mm'): string {
  return renderReceiptPreview(buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA, paper));
}
