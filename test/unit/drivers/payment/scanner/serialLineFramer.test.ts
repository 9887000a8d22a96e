import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScannerDecoderEvent } from '../../../../../drivers/payment/scanner/scannerDecoder.js';
import { encodeSerialLine, SerialLineFramer, type SerialSuffix } from '../../../../../drivers/payment/scanner/serialLineFramer.js';
import { ascii, SYNTHETIC_CODES, text } from './syntheticPaymentCodes.js';

const lines = (events: ScannerDecoderEvent[]) => events.flatMap((e) => (e.type === 'code' ? [text(e.scan.data)] : []));
const errors = (events: ScannerDecoderEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []));
const KNOWN_ERRORS = new Set(['line-too-long', 'bad-suffix', 'incomplete-code']);

describe('SerialLineFramer', () => {
  it.each<SerialSuffix>(['CR', 'CRLF'])('%s: a code split across reads comes out whole, once', (suffix) => {
    const framer = new SerialLineFramer(suffix);
    const bytes = encodeSerialLine(ascii(SYNTHETIC_CODES.wechat), suffix);
    const events = [...framer.push(bytes.subarray(0, 5)), ...framer.push(bytes.subarray(5, bytes.length - 1)), ...framer.push(bytes.subarray(bytes.length - 1))];
    expect(lines(events)).toEqual([SYNTHETIC_CODES.wechat]);
    expect(framer.pendingByteCount).toBe(0);
  });

  it('CR mode strips stray LFs, so a scanner still programmed for CRLF reads', () => {
    const events = new SerialLineFramer('CR').push(ascii(`${SYNTHETIC_CODES.alipay}\r\n${SYNTHETIC_CODES.unionpay}\r\n`));
    expect(lines(events)).toEqual([SYNTHETIC_CODES.alipay, SYNTHETIC_CODES.unionpay]);
  });

  it('CRLF mode reports a bare CR as a suffix mismatch and drops that line', () => {
    const events = new SerialLineFramer('CRLF').push(ascii(`123\r456\r\n`));
    expect(errors(events)).toEqual([{ code: 'bad-suffix', byteCount: 4 }]);
    expect(lines(events)).toEqual(['456']);
  });

  it('drops an overlong line up to its suffix with one typed error, then reads the next', () => {
    const framer = new SerialLineFramer('CR', 20);
    const events = framer.push(ascii(`${'9'.repeat(30)}\r${SYNTHETIC_CODES.wechat}\r`));
    expect(errors(events)).toEqual([{ code: 'line-too-long', byteCount: 31 }]);
    expect(lines(events)).toEqual([SYNTHETIC_CODES.wechat]);
  });

  it('a line of exactly maxLineBytes is accepted', () => {
    expect(lines(new SerialLineFramer('CRLF', 18).push(encodeSerialLine(ascii(SYNTHETIC_CODES.wechat), 'CRLF')))).toEqual([SYNTHETIC_CODES.wechat]);
  });

  it('abandonPartial reports and forgets a line without a suffix', () => {
    const framer = new SerialLineFramer('CR');
    framer.push(ascii('12345'));
    expect(framer.abandonPartial()).toEqual([{ type: 'error', error: { code: 'incomplete-code', byteCount: 5 } }]);
    expect(lines(framer.push(ascii('678\r')))).toEqual(['678']);
  });

  it('round-trips any suffix-free lines in any chunking (property)', () => {
    const lineArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => b.map((x) => (x === 0x0d || x === 0x0a ? 0x30 : x)));
    fc.assert(
      fc.property(fc.constantFrom<SerialSuffix>('CR', 'CRLF'), fc.array(lineArb, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (suffix, data, chunk) => {
        const bytes = Uint8Array.from(data.flatMap((d) => [...encodeSerialLine(d, suffix)]));
        const framer = new SerialLineFramer(suffix, 64);
        const events: ScannerDecoderEvent[] = [];
        for (let i = 0; i < bytes.length; i += chunk) events.push(...framer.push(bytes.subarray(i, i + chunk)));
        expect(errors(events)).toEqual([]);
        expect(events.map((e) => (e.type === 'code' ? [...e.scan.data] : null))).toEqual(data.map((d) => [...d]));
      }),
    );
  });

  it('any bytes give lines or typed errors, never a throw, and never a line over the limit (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom<SerialSuffix>('CR', 'CRLF'), fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 10 }), (suffix, chunks) => {
        const framer = new SerialLineFramer(suffix, 32);
        const events = [...chunks.flatMap((c) => framer.push(c)), ...framer.abandonPartial()];
        for (const e of events) {
          if (e.type === 'error') expect(KNOWN_ERRORS.has(e.error.code)).toBe(true);
          else expect(e.scan.data.length).toBeLessThanOrEqual(32);
        }
        expect(framer.pendingByteCount).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
