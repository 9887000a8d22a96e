import { columnsFor, type PaperWidth } from '../../../../drivers/printer/layout/paperWidth.js';
import { twoColumnRow } from '../../../../drivers/printer/layout/twoColumnRow.js';
import { wrapText } from '../../../../drivers/printer/layout/wrapText.js';
import { formatYuan } from '../../../../drivers/printer/receipts/formatYuan.js';
import type { ReceiptBlock } from '../../../../drivers/printer/receipts/receiptDocument.js';
import type { PaymentEntry } from '../../payments/paymentLedger.js';
import { safePayerHint } from '../endorsement/identityMasks.js';
import type { PaymentChoice } from './flowContextParts.js';

/** How a case was paid, as the receipt prints it. */
export interface ReceiptPayment {
  /** 微信付款码, 银行卡, … */
  methodLabel: string;
  /** Masked payer (13**********6789); masked again here if a provider sent more. */
  payerHint: string | null;
  /** The provider's order or reference number: staff look the payment up by it, so it is printed whole. */
  providerReference: string | null;
  refundReference: string | null;
}

const WALLET_NAMES: Readonly<Record<string, string>> = {
  wechat: '微信',
  alipay: '支付宝',
  unionpay: '云闪付',
  ecny: '数字人民币',
};

/** 微信付款码 / 支付宝扫码支付 / 银行卡, for the receipt; `channel` is the wallet the platform says paid a QR code. */
export function paymentMethodLabel(payment: PaymentChoice | undefined, channel?: string): string {
  if (!payment) return '—';
  if (payment.method === 'bank-card') return '银行卡 Bank card';
  if (payment.method === 'qr') return `${WALLET_NAMES[channel ?? ''] ?? ''}扫码支付 QR code`;
  return `${WALLET_NAMES[payment.wallet] ?? ''}付款码 Payment code`;
}

/** How the case was paid, from the ledger entry (what the provider confirmed) and the citizen's choice. */
export function receiptPaymentOf(payment: PaymentChoice | undefined, entry: PaymentEntry | null): ReceiptPayment {
  return {
    methodLabel: paymentMethodLabel(payment, entry?.detail.channel),
    payerHint: entry?.payerHint ?? (payment?.method === 'payment-code' ? payment.masked : null),
    providerReference: entry?.providerReference ?? null,
    refundReference: entry?.detail.refundReference ?? null,
  };
}

/** The facts at the head and foot of every receipt. */
export interface ReceiptFrameFacts {
  hallName: string;
  terminalId: string;
  helpPhone: string;
  /** Hall time, already formatted (2026-11-23 18:00:05). */
  time: string;
  trackingUrl: string;
}

/**
 * The blocks every flow's receipt is written with, laid out for the paper: wrapped text,
 * label/value rows, the hall's title, the payment, and the common foot (tracking QR, help
 * phone, keep it).
 */
export function receiptLayout(paper: PaperWidth) {
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
  /** The hall's name in double size, then the receipt's title in both languages. */
  const head = (hallName: string, titleZh: string, titleEn: string): ReceiptBlock[] => [
    { kind: 'text', align: 'center', bold: true, doubleSize: true, lines: wrapText(hallName, columns / 2) },
    text(titleZh, { align: 'center' }),
    text(titleEn, { align: 'center' }),
  ];
  /** The total, how it was paid and, for a refund, what came back. */
  const paid = (amountFen: number, payment: ReceiptPayment, refunded: boolean): ReceiptBlock[] => {
    const blocks = [row('费用合计 Fee', formatYuan(amountFen), true), row('支付方式 Paid by', payment.methodLabel)];
    if (payment.payerHint) blocks.push(row('付款账户 Payer', safePayerHint(payment.payerHint)));
    if (payment.providerReference) blocks.push(row('支付流水 Payment ref.', payment.providerReference));
    if (refunded) {
      blocks.push(row('退款金额 Refunded', formatYuan(amountFen), true));
      if (payment.refundReference) blocks.push(row('退款流水 Refund ref.', payment.refundReference));
    }
    return blocks;
  };
  const foot = (trackingUrl: string, helpPhone: string): ReceiptBlock[] => [
    { kind: 'blank-lines', count: 1 },
    { kind: 'qr-code', payload: trackingUrl },
    text('扫码查询办理进度 Scan to track your case', { align: 'center' }),
    text(`咨询电话 Help: ${helpPhone}`, { align: 'center' }),
    text('请妥善保管本凭条 Please keep this receipt', { align: 'center' }),
    { kind: 'cut' },
  ];
  return { columns, text, row, head, paid, foot };
}
