import { describe, expect, it } from 'vitest';
import { generatePermitLineMrz, generateTd1Mrz } from '../../../../../drivers/permit/mrz/generateMrz.js';
import { SYNTHETIC_PERMIT_HOLDERS } from '../../../../../drivers/permit/simulator/syntheticPermits.js';
import { encodeMrzText } from '../../../../../drivers/permit/wire/encodeMrzText.js';
import { MrzTextLineDecoder } from '../../../../../drivers/permit/wire/mrzTextLineDecoder.js';
import type { PermitWireEvent } from '../../../../../drivers/permit/wire/permitWireDecoder.js';

const TD1 = generateTd1Mrz(SYNTHETIC_PERMIT_HOLDERS['taiwan-permit']);
const LINE = generatePermitLineMrz(SYNTHETIC_PERMIT_HOLDERS['hk-macau-permit']);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

function feed(decoder: MrzTextLineDecoder, bytes: Uint8Array, chunk = bytes.length || 1): PermitWireEvent[] {
  const events: PermitWireEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...decoder.push(bytes.subarray(i, i + chunk)));
  return events;
}
const blocks = (events: PermitWireEvent[]) => events.flatMap((event) => (event.type === 'block' ? [event.lines] : []));

describe('MrzTextLineDecoder (generic serial-text mode)', () => {
  it.each(['CR', 'LF', 'CRLF'] as const)('reads a three-line zone ended by %s, the moment its third line ends', (lineEnding) => {
    const bytes = encodeMrzText(TD1, { lineEnding, markers: false });
    expect(feed(new MrzTextLineDecoder(), bytes)).toEqual([{ type: 'block', lines: TD1, byteCount: bytes.length - (lineEnding === 'CRLF' ? 3 : 0) }]);
    // (The LF of a CR LF arrives after the line was ended at CR: it is one of the bytes dropped silently.)
  });

  it('gives the same zone whatever the chunking, down to one byte at a time', () => {
    const bytes = encodeMrzText(TD1, { lineEnding: 'CRLF', markers: false });
    for (const chunk of [1, 2, 7, 31, 64]) expect(blocks(feed(new MrzTextLineDecoder(), bytes, chunk))).toEqual([TD1]);
  });

  it('completes a one-line permit zone at flush (the reader went quiet) on a decoder set for three lines', () => {
    const decoder = new MrzTextLineDecoder();
    expect(feed(decoder, encodeMrzText(LINE, { lineEnding: 'CRLF', markers: false }))).toEqual([]);
    expect(decoder.pendingByteCount).toBe(31);
    expect(decoder.flush()).toEqual([{ type: 'block', lines: LINE, byteCount: 31 }]);
    expect(decoder.pendingByteCount).toBe(0);
  });

  it('completes a zone at ETX, and STX starts a fresh one', () => {
    const decoder = new MrzTextLineDecoder();
    const framed = encodeMrzText(LINE, { lineEnding: 'CR', markers: true });
    expect(blocks(feed(decoder, framed))).toEqual([LINE]);
    // A half zone cut short by the next STX is emitted as it is, for the parser to judge.
    const events = feed(decoder, concat(Uint8Array.of(0x02), ascii(`${TD1[0]}\r`), encodeMrzText(TD1, { lineEnding: 'CR', markers: true })));
    expect(blocks(events)).toEqual([[TD1[0]], TD1]);
  });

  it('with blockLines 1 every MRZ line is a zone of its own', () => {
    const decoder = new MrzTextLineDecoder({ blockLines: 1 });
    expect(blocks(feed(decoder, encodeMrzText([...LINE, ...LINE], { lineEnding: 'CRLF', markers: false })))).toEqual([LINE, LINE]);
  });

  it('skips banner and garbage lines without breaking the zone around them', () => {
    const [l1, l2, l3] = TD1;
    const bytes = concat(ascii(`WINTONE OCR READY\r\n${l1}\r\nOK\r\n`), Uint8Array.of(0x00, 0xff, 0x13, 0x0d, 0x0a), ascii(`${l2}\r\n\r\n${l3}\r\n`));
    const events = feed(new MrzTextLineDecoder(), bytes);
    expect(events.filter((e) => e.type === 'noise').map((e) => e.byteCount)).toEqual([18, 3, 4]);
    expect(blocks(events)).toEqual([TD1]);
  });

  it('trims spaces and tabs around a line, and keeps odd characters inside for the parser to report', () => {
    const odd = `${LINE[0]!.slice(0, 10)}o${LINE[0]!.slice(11)}`;
    const decoder = new MrzTextLineDecoder({ blockLines: 1 });
    expect(blocks(feed(decoder, ascii(`  \t${odd} \r\n`)))).toEqual([[odd]]);
  });

  it('drops an overlong line to its ending and reads the next zone', () => {
    const decoder = new MrzTextLineDecoder({ maxLineBytes: 64 });
    const events = feed(decoder, concat(ascii(`${'<'.repeat(100)}\r\n`), encodeMrzText(TD1, { lineEnding: 'CRLF', markers: false })));
    expect(events[0]).toEqual({ type: 'error', error: { code: 'line-too-long', byteCount: 101 } });
    expect(blocks(events)).toEqual([TD1]);
  });

  it('takes an unterminated last line at flush, and abandon() reports what it drops', () => {
    const decoder = new MrzTextLineDecoder();
    feed(decoder, ascii(`${TD1[0]}\r\n${TD1[1]}`));
    expect(decoder.flush()).toEqual([{ type: 'block', lines: [TD1[0], TD1[1]], byteCount: 31 + 30 }]);
    feed(decoder, ascii(`${TD1[0]}\r\n${TD1[1]!.slice(0, 10)}`));
    expect(decoder.abandon()).toEqual([{ type: 'error', error: { code: 'abandoned', byteCount: 31 + 10 } }]);
    expect(decoder.pendingByteCount).toBe(0);
    expect(decoder.abandon()).toEqual([]);
  });

  it('is not fooled by short or < -less lines that happen to be upper case', () => {
    const decoder = new MrzTextLineDecoder({ blockLines: 1 });
    const events = feed(decoder, ascii('CSC00000001\r\nABCDEFGHIJKLMNOPQRSTUVWXYZ0123\r\n'));
    expect(events.map((e) => e.type)).toEqual(['noise', 'noise']);
  });

  it('refuses impossible settings', () => {
    expect(() => new MrzTextLineDecoder({ blockLines: 0 })).toThrow(RangeError);
    expect(() => new MrzTextLineDecoder({ blockLines: 4 })).toThrow(RangeError);
    expect(() => new MrzTextLineDecoder({ maxLineBytes: 30 })).toThrow(RangeError);
  });
});
