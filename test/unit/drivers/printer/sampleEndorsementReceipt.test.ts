import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../../drivers/printer/layout/displayWidth.js';
import { benchmarkSampleReceipt } from '../../../../drivers/printer/receipts/benchmarkSampleReceipt.js';
import { formatYuan } from '../../../../drivers/printer/receipts/formatYuan.js';
import { maskIdNumber } from '../../../../drivers/printer/receipts/maskIdNumber.js';
import {
  buildEndorsementReceipt,
  encodeSampleEndorsementReceipt,
  previewSampleEndorsementReceipt,
  SAMPLE_ENDORSEMENT_RECEIPT_DATA,
} from '../../../../drivers/printer/receipts/sampleEndorsementReceipt.js';

function sampleBytes(paper: '80mm' | '58mm' = '80mm') {
  const result = encodeSampleEndorsementReceipt(paper);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const gb18030Decoder = new TextDecoder('gb18030', { fatal: true });

describe('maskIdNumber and formatYuan', () => {
  it('masks all but the first four and last four characters', () => {
    expect(maskIdNumber('11010119000101123X')).toBe('1101**********123X');
    expect(maskIdNumber('12345678')).toBe('********');
  });

  it("formats fen as yuan with '￥' U+FFE5, never '¥' U+00A5", () => {
    expect(formatYuan(1500)).toBe('￥15.00');
    expect(formatYuan(5)).toBe('￥0.05');
    expect(formatYuan(-1250)).toBe('-￥12.50');
    expect(formatYuan(1500).codePointAt(0)).toBe(0xffe5);
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe('sample endorsement receipt', () => {
  it('starts with ESC @ and ends with a partial cut after feeding past the cutter', () => {
    const { bytes } = sampleBytes();
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...bytes.slice(-4)]).toEqual([0x1d, 0x56, 0x42, 0x00]);
  });

  it('carries its Chinese text as GB18030 bytes between FS & and FS .', () => {
    const { bytes } = sampleBytes();
    const buffer = Buffer.from(bytes);
    for (const text of ['示例市政务服务中心', '出入境自助签注 · 受理凭条', '￥15.00', '扫码查询办理进度']) {
      const encoded = iconv.encode(text, 'gb18030');
      const at = buffer.indexOf(encoded);
      expect(at, text).toBeGreaterThan(0);
    }
    expect(buffer.indexOf(Buffer.from('a3a431352e3030', 'hex'))).toBeGreaterThan(0); // ￥15.00
    expect(buffer.includes(Buffer.from('c2a5', 'hex'))).toBe(false); // no UTF-8 '¥'
    expect(buffer.includes(0x3f)).toBe(false); // no '?' substitutions: the sample has no '?' of its own
  });

  it('prints exactly the laid-out lines, decodable by an independent GB18030 decoder', () => {
    const { commands } = sampleBytes();
    const document = buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA);
    const printed = commands.filter((c) => c.name === 'text').map((c) => gb18030Decoder.decode(c.bytes));
    const laidOut = document.blocks.flatMap((block) =>
      block.kind === 'text' ? block.lines : block.kind === 'rule' ? ['-'.repeat(document.columns)] : [],
    );
    expect(printed).toEqual(laidOut);
    for (const block of document.blocks) {
      if (block.kind !== 'text') continue;
      const room = block.doubleSize ? document.columns / 2 : document.columns;
      for (const line of block.lines) expect(displayWidth(line)).toBeLessThanOrEqual(room);
    }
  });

  it('wraps every Chinese run in FS & … FS . and never leaves Chinese mode on', () => {
    const { commands } = sampleBytes();
    const names = commands.map((c) => c.name);
    expect(names.filter((n) => n === 'chinese-mode-on').length).toBe(names.filter((n) => n === 'chinese-mode-off').length);
    commands.forEach((command, i) => {
      if (command.name === 'text' && command.bytes.some((b) => b >= 0x80)) {
        expect(names[i - 1]).toBe('chinese-mode-on');
        expect(names[i + 1]).toBe('chinese-mode-off');
      }
    });
  });

  it('has a native QR code with the tracking URL, centred', () => {
    const { bytes, commands } = sampleBytes();
    const url = SAMPLE_ENDORSEMENT_RECEIPT_DATA.trackingUrl;
    const store = Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b, url.length + 3, 0, 0x31, 0x50, 0x30]), Buffer.from(url)]);
    expect(Buffer.from(bytes).indexOf(store)).toBeGreaterThan(0);
    const qrAt = commands.findIndex((c) => c.name === 'qr-select-model');
    expect(commands.slice(qrAt - 1, qrAt + 5).map((c) => c.name)).toEqual(['align', 'qr-select-model', 'qr-module-size', 'qr-error-correction', 'qr-store-data', 'qr-print']);
    expect([...commands[qrAt - 1]!.bytes]).toEqual([0x1b, 0x61, 0x01]);
  });

  it('never carries the full ID number, only the masked one', () => {
    const buffer = Buffer.from(sampleBytes().bytes);
    expect(buffer.includes(Buffer.from(SAMPLE_ENDORSEMENT_RECEIPT_DATA.idNumber))).toBe(false);
    expect(buffer.includes(Buffer.from('1101**********123X'))).toBe(true);
    expect(previewSampleEndorsementReceipt()).not.toContain(SAMPLE_ENDORSEMENT_RECEIPT_DATA.idNumber);
  });

  it('the text preview shows the same lines without control bytes, within the paper width', () => {
    for (const paper of ['80mm', '58mm'] as const) {
      const columns = paper === '80mm' ? 48 : 32;
      const preview = previewSampleEndorsementReceipt(paper);
      expect([...preview].some((c) => (c < ' ' && c !== '\n') || c === '\x7f')).toBe(false);
      const lines = preview.trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
      const document = buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA, paper);
      for (const block of document.blocks) {
        if (block.kind === 'text') for (const line of block.lines) expect(lines.map((l) => l.trim())).toContain(line.trim());
      }
    }
    const preview = previewSampleEndorsementReceipt();
    expect(preview).toContain('1101**********123X');
    expect(preview).toMatch(/费用合计 Fee +￥15\.00\n/);
    expect(preview).toContain(SAMPLE_ENDORSEMENT_RECEIPT_DATA.trackingUrl);
    expect(preview.trimEnd().split('\n').at(-1)).toContain('cut');
  });

  it('encodes on 58 mm paper too, with a narrower layout', () => {
    const wide = buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA, '80mm');
    const narrow = buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA, '58mm');
    expect(narrow.columns).toBe(32);
    expect(sampleBytes('58mm').bytes.length).toBeGreaterThan(0);
    const lineCount = (d: typeof wide) => d.blocks.reduce((n, b) => n + (b.kind === 'text' ? b.lines.length : 0), 0);
    expect(lineCount(narrow)).toBeGreaterThan(lineCount(wide));
  });

  it('the benchmark reports a mean encode time (target under 5 ms)', () => {
    const result = benchmarkSampleReceipt(50);
    expect(result.runs).toBe(50);
    expect(result.meanMs).toBeGreaterThan(0);
    expect(result.bytes).toBe(sampleBytes().bytes.length);
  });
});
