import { describe, expect, it } from 'vitest';
import type { ScannerDecoderEvent } from '../../../../drivers/payment/scanner/scannerDecoder.js';
import { CR, encodeSerialLine, LF, SerialLineFramer, type SerialSuffix } from '../../../../drivers/payment/scanner/serialLineFramer.js';
import { applyFuzzMutations } from '../../../helpers/fuzzMutations.js';
import { mulberry32 } from '../../../helpers/seededRandom.js';

/**
 * 100,000 random and mutated inputs for the serial scanner's line framer, from a fixed seed (same
 * approach as the SAM decoder's fuzz test). It never throws, never returns a line over the limit,
 * and accounts for every byte as its API promises: each byte ends up in a code (with its suffix),
 * in one error's byteCount, or still pending, except the bytes the framer documents as dropped
 * silently (a stray LF in CR mode, and the suffix of an empty line). Events do not depend on chunking.
 */
const INPUTS = 100_000;
const SEED = 0x5c4_11e5;
const MAX_LINE_BYTES = 24;
const KNOWN_ERROR_CODES = new Set(['line-too-long', 'bad-suffix', 'incomplete-code']);
const SUFFIX_BYTES = [CR, LF];

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
/** Synthetic codes shaped like WeChat / Alipay / UnionPay payment codes; none is real. */
const CODES = ['134567890123456789', '2812345678901234', '300000000000000000000001', '6212345678901234567'].map(ascii);

function describeEvent(event: ScannerDecoderEvent): string {
  return event.type === 'code' ? `code:${Buffer.from(event.scan.data).toString('hex')}` : `${event.error.code}:${event.error.byteCount}`;
}

describe('SerialLineFramer fuzz', () => {
  it(`survives ${INPUTS.toLocaleString('en')} random and mutated inputs, accounting for every byte`, () => {
    const random = mulberry32(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    let codesSeen = 0;
    let errorsSeen = 0;

    const randomBytes = () => {
      const bytes = new Uint8Array(int(64));
      for (let k = 0; k < bytes.length; k++) bytes[k] = random() < 0.15 ? SUFFIX_BYTES[int(2)]! : int(256);
      return bytes;
    };
    const mutatedLines = (suffix: SerialSuffix) => {
      const bytes: number[] = [];
      for (let n = 1 + int(4); n > 0; n--) for (const byte of encodeSerialLine(CODES[int(CODES.length)]!, suffix)) bytes.push(byte);
      applyFuzzMutations(bytes, int, { rounds: 5, syncBytes: SUFFIX_BYTES, maxDuplicate: 24 });
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      const suffix: SerialSuffix = i % 4 < 2 ? 'CR' : 'CRLF';
      const input = i % 2 === 0 ? randomBytes() : mutatedLines(suffix);
      try {
        // Byte by byte, so each byte's fate can be checked against the documented rules.
        const framer = new SerialLineFramer(suffix, MAX_LINE_BYTES);
        const byByte: ScannerDecoderEvent[] = [];
        let previous = -1;
        for (let k = 0; k < input.length; k++) {
          const byte = input[k]!;
          const pendingBefore = framer.pendingByteCount;
          const events = framer.push(input.subarray(k, k + 1));
          byByte.push(...events);
          let reported = 0;
          for (const event of events) reported += event.type === 'code' ? event.scan.data.length + (suffix === 'CR' ? 1 : 2) : event.error.byteCount;
          const vanished = pendingBefore + 1 - framer.pendingByteCount - reported;
          const allowed =
            suffix === 'CR'
              ? byte === LF || (byte === CR && pendingBefore === 0) // stray LF; CR ending an empty line
                ? 1
                : 0
              : byte === LF && previous === CR && pendingBefore === 1 && events.length === 0 // CR LF ending an empty line
                ? 2
                : 0;
          if (vanished !== allowed) problems.push(`input ${i} (${suffix}): byte ${k} (0x${byte.toString(16)}) lost ${vanished} bytes, ${allowed} allowed`);
          if (framer.pendingByteCount > input.length) problems.push(`input ${i}: holds ${framer.pendingByteCount} bytes`);
          previous = byte;
        }
        byByte.push(...framer.abandonPartial());
        if (framer.pendingByteCount !== 0) problems.push(`input ${i}: ${framer.pendingByteCount} bytes left after abandonPartial()`);

        for (const event of byByte) {
          if (event.type === 'code') {
            codesSeen++;
            const data = event.scan.data;
            if (data.length === 0 || data.length > MAX_LINE_BYTES) problems.push(`input ${i}: code of ${data.length} bytes`);
            if (data.includes(CR) || (suffix === 'CR' && data.includes(LF))) problems.push(`input ${i}: suffix byte inside a code`);
          } else {
            errorsSeen++;
            if (!KNOWN_ERROR_CODES.has(event.error.code) || event.error.byteCount < 1) problems.push(`input ${i}: bad error ${JSON.stringify(event.error)}`);
          }
        }

        // Any chunking gives the same events.
        const chunkedFramer = new SerialLineFramer(suffix, MAX_LINE_BYTES);
        const chunked: ScannerDecoderEvent[] = [];
        for (let offset = 0; offset < input.length; ) {
          const size = 1 + int(random() < 0.5 ? 4 : 64);
          chunked.push(...chunkedFramer.push(input.subarray(offset, offset + size)));
          offset += size;
        }
        chunked.push(...chunkedFramer.abandonPartial());
        if (chunked.map(describeEvent).join() !== byByte.map(describeEvent).join()) problems.push(`input ${i}: chunking changed the result`);
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    expect(codesSeen).toBeGreaterThan(INPUTS / 10);
    expect(errorsSeen).toBeGreaterThan(INPUTS / 10);
  }, 20_000);
});
