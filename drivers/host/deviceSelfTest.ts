import type { LocalizedText } from '../../config/localizedText.js';
import { IdCardReader } from '../idcard/reader/idCardReader.js';
import type { Device } from '../model/device.js';
import { CardPaymentTerminal } from '../payment/ecr/cardPaymentTerminal.js';
import { PaymentCodeScanner } from '../payment/scanner/paymentCodeScanner.js';
import { PermitReader } from '../permit/reader/permitReader.js';
import { ReceiptPrinter } from '../printer/device/receiptPrinter.js';
import { encodeReceiptDocument } from '../printer/receipts/encodeReceiptDocument.js';
import { maskIdNumber } from '../printer/receipts/maskIdNumber.js';
import type { ReceiptDocument } from '../printer/receipts/receiptDocument.js';

/**
 * The field engineer's check of one device (`kioskctl devices test ID`): read a card, print a
 * test page, scan a code, ask the card terminal for its status. Details never carry a full ID
 * number, name or payment code: the output lands in terminals and tickets.
 */
export interface SelfTestResult {
  ok: boolean;
  summary: LocalizedText;
  details: Record<string, string | number | boolean>;
}

export interface SelfTestOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  terminalId?: string;
  now?: () => Date;
}

export async function runDeviceSelfTest(device: Device, options: SelfTestOptions): Promise<SelfTestResult> {
  const state = device.status().state;
  if (device instanceof IdCardReader) {
    const result = await device.readCard({ timeoutMs: options.timeoutMs, signal: options.signal });
    if (!result.ok) return { ok: false, summary: result.message, details: { reason: result.reason, stateBefore: state } };
    return {
      ok: true,
      summary: { 'zh-CN': '读卡成功', en: 'Card read' },
      details: {
        cardType: result.card.type,
        idNumber: maskIdNumber(result.card.idNumber),
        idNumberValid: result.idNumberValid,
        photoBytes: result.photo.length,
      },
    };
  }
  if (device instanceof ReceiptPrinter) {
    const encoded = encodeReceiptDocument(testPage(options.terminalId ?? '-', (options.now ?? (() => new Date()))()));
    if (!encoded.ok) return { ok: false, summary: { 'zh-CN': '测试页无法编码', en: 'The test page could not be encoded' }, details: {} };
    const result = await device.print(encoded.bytes, { jobId: `self-test-${Date.now()}` });
    if (!result.ok) return { ok: false, summary: result.message, details: { reason: result.reason, printedBeforeFailure: result.printedBeforeFailure } };
    return { ok: true, summary: { 'zh-CN': '测试页已打印', en: 'Test page printed' }, details: { bytes: encoded.bytes.length } };
  }
  if (device instanceof PaymentCodeScanner) {
    const result = await device.scan({ timeoutMs: options.timeoutMs, signal: options.signal });
    if (!result.ok) return { ok: false, summary: SCAN_FAILED[result.reason], details: { reason: result.reason } };
    return { ok: true, summary: { 'zh-CN': '扫码成功', en: 'Code scanned' }, details: { wallet: result.kind, code: result.masked } };
  }
  if (device instanceof PermitReader) {
    const result = await device.readPermit({ timeoutMs: options.timeoutMs, signal: options.signal });
    if (!result.ok) return { ok: false, summary: result.message, details: { reason: result.reason } };
    const number = result.permit.documentNumber;
    return {
      ok: true,
      summary: { 'zh-CN': '通行证识读成功', en: 'Permit read' },
      details: { documentType: result.permit.documentType, documentNumber: `${number.slice(0, 1)}${'*'.repeat(Math.max(0, number.length - 3))}${number.slice(-2)}`, expired: result.permit.expired },
    };
  }
  if (device instanceof CardPaymentTerminal) {
    const status = await device.checkHealth();
    const ok = status.state === 'ready';
    return {
      ok,
      summary: ok ? { 'zh-CN': '银行卡终端在线', en: 'Card terminal answers' } : status.fault?.message ?? { 'zh-CN': '银行卡终端未就绪', en: 'Card terminal not ready' },
      details: { state: status.state },
    };
  }
  const status = await device.checkHealth();
  return {
    ok: false,
    summary: status.fault?.message ?? { 'zh-CN': '此设备没有自检', en: 'This device has no self-test here' },
    details: { state: status.state, kind: device.kind },
  };
}

const SCAN_FAILED: Record<'timeout' | 'cancelled' | 'scanner-offline' | 'unreadable', LocalizedText> = {
  timeout: { 'zh-CN': '规定时间内未扫到码', en: 'No code was scanned in time' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  'scanner-offline': { 'zh-CN': '扫码器离线', en: 'The scanner is offline' },
  unreadable: { 'zh-CN': '扫到的码无法识别', en: 'The scanned code could not be read' },
};

function testPage(terminalId: string, at: Date): ReceiptDocument {
  const columns = 48;
  const stamp = at.toISOString().replace('T', ' ').slice(0, 19);
  return {
    columns,
    blocks: [
      { kind: 'text', lines: ['打印测试页'], align: 'center', bold: true, doubleSize: true },
      { kind: 'text', lines: ['Printer test page'], align: 'center' },
      { kind: 'rule' },
      { kind: 'text', lines: [`终端 Terminal: ${terminalId}`, `时间 Time: ${stamp} UTC`, '中文字符 ￥15.00 一二三四五六七八九十'], align: 'left' },
      { kind: 'text', lines: ['1234567890'.repeat(5).slice(0, columns)], align: 'left' },
      { kind: 'qr-code', payload: 'https://example.invalid/kiosk/self-test' },
      { kind: 'blank-lines', count: 2 },
      { kind: 'cut' },
    ],
  };
}
