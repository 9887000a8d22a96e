import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HidPosCodeAssembler } from '../../../../../drivers/payment/scanner/hidPosCodeAssembler.js';
import { encodeHidPosReports, HID_POS_REPORT_BYTES, parseHidPosReport, type HidPosVendor } from '../../../../../drivers/payment/scanner/hidPosReport.js';
import type { ScannerDecoderEvent } from '../../../../../drivers/payment/scanner/scannerDecoder.js';
import { ascii, SYNTHETIC_CODES, text } from './syntheticPaymentCodes.js';

const VENDORS: HidPosVendor[] = ['honeywell', 'newland'];
const KNOWN_ERRORS = new Set(['unexpected-report-id', 'length-exceeds-payload', 'code-too-long', 'incomplete-code']);

const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const codes = (events: ScannerDecoderEvent[]) => events.flatMap((e) => (e.type === 'code' ? [e.scan] : []));
const errors = (events: ScannerDecoderEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []));

function feedInChunks(assembler: HidPosCodeAssembler, bytes: Uint8Array, sizes: number[]): ScannerDecoderEvent[] {
  const events: ScannerDecoderEvent[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    events.push(...assembler.push(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  return events;
}

describe('HID-POS report layouts (research/payment.md §2.2)', () => {
  it('Newland: length at 1, data from 2, symbology at 62, continuation bit 0 of byte 63', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 3, 0x31, 0x32, 0x33]);
    report[62] = 0x11;
    report[63] = 0x01;
    const parsed = parseHidPosReport(report, 'newland');
    expect(parsed).toEqual({ ok: true, segment: { data: ascii('123'), continued: true, vendorSymbology: 0x11 } });
  });

  it('Honeywell: length at 1, AIM at 2–4, data from 5, code id at 61, 0x00 at 63 = last', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 2, ...ascii(']Q1'), 0x34, 0x35]);
    report[61] = 0x73;
    const parsed = parseHidPosReport(report, 'honeywell');
    expect(parsed).toEqual({ ok: true, segment: { data: ascii('45'), continued: false, aim: ']Q1', vendorSymbology: 0x73 } });
  });

  it('rejects a length beyond the 56-byte data field and a report id other than 0x02', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 57]);
    expect(parseHidPosReport(report, 'newland')).toEqual({ ok: false, reason: 'length-exceeds-payload' });
    report.set([0x01, 3]);
    expect(parseHidPosReport(report, 'honeywell')).toEqual({ ok: false, reason: 'unexpected-report-id' });
  });

  it('splits a 60-byte code into 56 + 4 with the continuation flag on the first only (Access-IS worked example)', () => {
    const reports = encodeHidPosReports(new Uint8Array(60).fill(0x30), 'honeywell');
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [4, 0],
    ]);
  });
});

describe('HidPosCodeAssembler', () => {
  it.each(VENDORS)('%s: reassembles a payment code delivered one byte at a time', (vendor) => {
    const bytes = concat(encodeHidPosReports(ascii(SYNTHETIC_CODES.wechat), vendor));
    const events = feedInChunks(new HidPosCodeAssembler(vendor), bytes, [1]);
    expect(codes(events).map((s) => text(s.data))).toEqual([SYNTHETIC_CODES.wechat]);
  });

  it('keeps the Honeywell AIM id of the first report as metadata', () => {
    const bytes = concat(encodeHidPosReports(new Uint8Array(100).fill(0x41), 'honeywell', { aim: ']Q1', vendorSymbology: 0x73 }));
    const [scan] = codes(new HidPosCodeAssembler('honeywell').push(bytes));
    expect(scan).toMatchObject({ aim: ']Q1', vendorSymbology: 0x73 });
    expect(scan?.data.length).toBe(100);
  });

  it('round-trips any data in any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VENDORS),
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 150 }), { minLength: 1, maxLength: 5 }),
        (vendor, datas, sizes) => {
          const bytes = concat(datas.flatMap((d) => encodeHidPosReports(d, vendor)));
          const events = feedInChunks(new HidPosCodeAssembler(vendor), bytes, sizes);
          expect(errors(events)).toEqual([]);
          expect(codes(events).map((s) => [...s.data])).toEqual(datas.map((d) => [...d]));
        },
      ),
    );
  });

  it('skips noise between reports and still finds the next code', () => {
    const noise = Uint8Array.from([0xff, 0x00, 0x13, 0x37]);
    const bytes = concat([noise, ...encodeHidPosReports(ascii(SYNTHETIC_CODES.alipay), 'newland')]);
    const events = new HidPosCodeAssembler('newland').push(bytes);
    expect(errors(events)).toEqual([{ code: 'unexpected-report-id', reportId: 0xff, byteCount: 4 }]);
    expect(codes(events).map((s) => text(s.data))).toEqual([SYNTHETIC_CODES.alipay]);
  });

  it('reports a bad length and realigns onto the good report behind it', () => {
    const bad = new Uint8Array(64);
    bad.set([0x02, 200]);
    const bytes = concat([bad.subarray(0, 10), ...encodeHidPosReports(ascii(SYNTHETIC_CODES.unionpay), 'newland')]);
    const events = new HidPosCodeAssembler('newland').push(bytes);
    expect(errors(events).map((e) => e.code)).toContain('length-exceeds-payload');
    expect(codes(events).map((s) => text(s.data))).toEqual([SYNTHETIC_CODES.unionpay]);
  });

  it('drops a code longer than the limit with one typed error, then reads the next code', () => {
    const assembler = new HidPosCodeAssembler('honeywell', 100);
    const bytes = concat([...encodeHidPosReports(new Uint8Array(150).fill(0x30), 'honeywell'), ...encodeHidPosReports(ascii('12345'), 'honeywell')]);
    const events = assembler.push(bytes);
    expect(errors(events)).toEqual([{ code: 'code-too-long', byteCount: 3 * HID_POS_REPORT_BYTES }]);
    expect(codes(events).map((s) => text(s.data))).toEqual(['12345']);
  });

  it('abandonPartial reports the held-back bytes of a half-received code', () => {
    const assembler = new HidPosCodeAssembler('newland');
    const [first] = encodeHidPosReports(new Uint8Array(80).fill(0x31), 'newland');
    assembler.push(first!.subarray(0, 64));
    assembler.push(Uint8Array.from([0x02, 1]));
    expect(assembler.abandonPartial()).toEqual([{ type: 'error', error: { code: 'incomplete-code', byteCount: 66 } }]);
    expect(assembler.pendingByteCount).toBe(0);
  });

  it('any bytes give codes or typed errors, never a throw (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VENDORS),
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constant(Uint8Array.from([0x02, 0x38])), fc.constant(Uint8Array.from([0x02, 0x03, 0x31]))), { maxLength: 12 }),
        (vendor, chunks) => {
          const assembler = new HidPosCodeAssembler(vendor, 200);
          const events = [...chunks.flatMap((c) => assembler.push(c)), ...assembler.abandonPartial()];
          for (const e of events) if (e.type === 'error') expect(KNOWN_ERRORS.has(e.error.code)).toBe(true);
          expect(assembler.pendingByteCount).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
