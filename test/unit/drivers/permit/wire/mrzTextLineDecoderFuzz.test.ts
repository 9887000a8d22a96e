import { describe, expect, it } from 'vitest';
import { generatePermitLineMrz, generateTd1Mrz } from '../../../../../drivers/permit/mrz/generateMrz.js';
import { parseMrz } from '../../../../../drivers/permit/mrz/parseMrz.js';
import { SYNTHETIC_PERMIT_HOLDERS } from '../../../../../drivers/permit/simulator/syntheticPermits.js';
import { encodeMrzText, type MrzLineEnding } from '../../../../../drivers/permit/wire/encodeMrzText.js';
import { CR, ETX, LF, MrzTextLineDecoder, STX } from '../../../../../drivers/permit/wire/mrzTextLineDecoder.js';
import type { PermitWireEvent } from '../../../../../drivers/permit/wire/permitWireDecoder.js';
import { applyFuzzMutations } from '../../../../helpers/fuzzMutations.js';
import { mulberry32 } from '../../../../helpers/seededRandom.js';

/**
 * 100,000 random and mutated inputs through the serial-text decoder and the MRZ parser, from a
 * fixed seed (the approach of the other decoders' fuzz tests). Nothing throws; every zone the
 * decoder hands out parses to a permit or to typed errors; every byte is accounted for (in one
 * event's byteCount, still pending, or one of the bytes the decoder documents as dropped: an LF
 * right after CR, and the ending of an empty line); and the events do not depend on chunking.
 */
const INPUTS = 100_000;
const SEED = 0x9e2_3a1;
const TERMINATORS = new Set([CR, LF, STX, ETX]);
const KNOWN_WIRE_ERRORS = new Set(['line-too-long', 'abandoned']);
const KNOWN_MRZ_ERRORS = new Set(['wrong-line-count', 'unsupported-layout', 'wrong-line-length', 'bad-character', 'check-digit-mismatch', 'invalid-date', 'bad-document-number-extension']);
const today = { year: 2026, month: 3, day: 1 };

const ZONES: readonly (readonly string[])[] = [
  ...Object.values(SYNTHETIC_PERMIT_HOLDERS).flatMap((holder) => [generatePermitLineMrz(holder), generateTd1Mrz(holder)]),
  ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
];
const ENDINGS: readonly MrzLineEnding[] = ['CR', 'LF', 'CRLF'];
/** Bytes a noisy line makes most interesting: framing, fillers, digits, confusable letters. */
const INTERESTING = [CR, LF, STX, ETX, 0x3c, 0x30, 0x31, 0x4f, 0x49, 0x20, 0x43, 0x53];

const describeEvent = (event: PermitWireEvent) => (event.type === 'block' ? `block:${event.lines.join('|')}:${event.byteCount}` : event.type === 'noise' ? `noise:${event.byteCount}` : `${event.error.code}:${event.error.byteCount}`);

describe('MrzTextLineDecoder + parseMrz fuzz', () => {
  it(`turns ${INPUTS.toLocaleString('en')} random and mutated inputs into zones or typed errors, accounting for every byte`, () => {
    const random = mulberry32(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    const seen = { permits: 0, rejected: 0, noise: 0, wireErrors: 0 };

    const randomBytes = () => Uint8Array.from({ length: int(160) }, () => (random() < 0.3 ? INTERESTING[int(INTERESTING.length)]! : int(256)));
    const mutatedZones = () => {
      const bytes: number[] = [];
      for (let n = 1 + int(3); n > 0; n--) {
        const framing = { lineEnding: ENDINGS[int(ENDINGS.length)]!, markers: random() < 0.3 };
        bytes.push(...encodeMrzText(ZONES[int(ZONES.length)]!, framing));
      }
      applyFuzzMutations(bytes, int, { rounds: 4, syncBytes: [CR, LF, STX, ETX, 0x3c], maxDuplicate: 40 });
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      const input = i % 2 === 0 ? randomBytes() : mutatedZones();
      const blockLines = 1 + (i % 3);
      const flushAt = random() < 0.2 ? int(input.length + 1) : -1;
      try {
        // Byte by byte, so each byte's fate can be checked against the documented rules.
        const decoder = new MrzTextLineDecoder({ blockLines, maxLineBytes: 64 });
        const byByte: PermitWireEvent[] = [];
        let previous = -1;
        let lineLength = 0;
        for (let k = 0; k < input.length; k++) {
          if (k === flushAt) {
            const pending = decoder.pendingByteCount;
            const events = decoder.flush();
            byByte.push(...events);
            const reported = events.reduce((sum, event) => sum + (event.type === 'error' ? event.error.byteCount : event.byteCount), 0);
            if (reported !== pending || decoder.pendingByteCount !== 0) problems.push(`input ${i}: flush reported ${reported} of ${pending} pending bytes`);
            previous = -1;
            lineLength = 0;
          }
          const byte = input[k]!;
          const pendingBefore = decoder.pendingByteCount;
          const events = decoder.push(input.subarray(k, k + 1));
          byByte.push(...events);
          const reported = events.reduce((sum, event) => sum + (event.type === 'error' ? event.error.byteCount : event.byteCount), 0);
          const vanished = pendingBefore + 1 - decoder.pendingByteCount - reported;
          const allowed = (byte === LF && previous === CR) || (TERMINATORS.has(byte) && lineLength === 0) ? 1 : 0;
          if (vanished !== allowed) problems.push(`input ${i}: byte ${k} (0x${byte.toString(16)}) lost ${vanished} bytes, ${allowed} allowed`);
          lineLength = TERMINATORS.has(byte) ? 0 : lineLength + 1;
          previous = byte;
        }
        const pendingAtEnd = decoder.pendingByteCount;
        const tail = decoder.flush();
        byByte.push(...tail);
        if (tail.reduce((sum, event) => sum + (event.type === 'error' ? event.error.byteCount : event.byteCount), 0) !== pendingAtEnd) problems.push(`input ${i}: final flush lost bytes`);

        for (const event of byByte) {
          if (event.type === 'noise') {
            seen.noise++;
          } else if (event.type === 'error') {
            seen.wireErrors++;
            if (!KNOWN_WIRE_ERRORS.has(event.error.code) || event.error.byteCount < 1) problems.push(`input ${i}: bad wire error ${JSON.stringify(event.error)}`);
          } else {
            if (event.lines.length < 1 || event.lines.length > blockLines) problems.push(`input ${i}: zone of ${event.lines.length} lines`);
            const parsed = parseMrz(event.lines, { today });
            if (parsed.ok) {
              seen.permits++;
              if (parsed.mrz.lines.join() !== event.lines.join()) problems.push(`input ${i}: parsed lines differ`);
            } else {
              seen.rejected++;
              if (parsed.errors.length === 0 || parsed.errors.some((error) => !KNOWN_MRZ_ERRORS.has(error.code))) problems.push(`input ${i}: untyped rejection ${JSON.stringify(parsed.errors)}`);
            }
          }
        }

        // Any chunking gives the same events (flushing at the same byte).
        const chunkedDecoder = new MrzTextLineDecoder({ blockLines, maxLineBytes: 64 });
        const chunked: PermitWireEvent[] = [];
        for (let offset = 0; offset < input.length; ) {
          let end = Math.min(input.length, offset + 1 + int(random() < 0.5 ? 4 : 80));
          if (flushAt > offset && flushAt < end) end = flushAt;
          if (offset === flushAt) chunked.push(...chunkedDecoder.flush());
          chunked.push(...chunkedDecoder.push(input.subarray(offset, end)));
          offset = end;
        }
        chunked.push(...chunkedDecoder.flush());
        if (chunked.map(describeEvent).join() !== byByte.map(describeEvent).join()) problems.push(`input ${i}: chunking changed the result`);
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    expect(seen.permits).toBeGreaterThan(INPUTS / 20);
    expect(seen.rejected).toBeGreaterThan(INPUTS / 20);
    expect(seen.noise).toBeGreaterThan(INPUTS / 10);
    expect(seen.wireErrors).toBeGreaterThan(100);
  }, 60_000);
});
