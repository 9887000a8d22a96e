import { describe, expect, it } from 'vitest';
import { ACK, ECR_FRAME_OVERHEAD, ECR_MAX_BODY_BYTES, ETX, NAK, STX, encodeEcrFrame } from '../../../../drivers/payment/ecr/ecrFrame.js';
import { EcrFrameDecoder, type EcrDecoderEvent } from '../../../../drivers/payment/ecr/ecrFrameDecoder.js';
import { encodeEcrRequest } from '../../../../drivers/payment/ecr/ecrRequest.js';
import { applyFuzzMutations } from '../../../helpers/fuzzMutations.js';
import { mulberry32 } from '../../../helpers/seededRandom.js';

/**
 * 100,000 random and mutated inputs for the ECR link decoder, from a fixed seed (same approach as
 * the SAM decoder's fuzz test): it never throws, holds at most one frame, puts every byte in
 * exactly one frame, ACK/NAK or error (ecrFrameError.ts), and decodes the same whatever the chunking.
 */
const INPUTS = 100_000;
const SEED = 0xec7_0001;
const ERROR_CODES = ['garbage-skipped', 'bad-length', 'missing-etx', 'lrc-mismatch', 'incomplete-frame'];
const KNOWN_ERROR_CODES = new Set(ERROR_CODES);
/** Bytes the decoder synchronises on. */
const SYNC_BYTES = [STX, ETX, ACK, NAK];

const VALID_UNITS: Uint8Array[] = [
  encodeEcrFrame(encodeEcrRequest({ type: 'sale', reference: 'FUZZ-0001', amountFen: 1500 })),
  encodeEcrFrame(encodeEcrRequest({ type: 'void', reference: 'FUZZ-0002', amountFen: 1500, originalVoucherNo: '000123' })),
  encodeEcrFrame(encodeEcrRequest({ type: 'query-last', reference: 'FUZZ-0003' })),
  encodeEcrFrame(encodeEcrRequest({ type: 'settlement', reference: 'FUZZ-0004' })),
  encodeEcrFrame(new Uint8Array(0)),
  encodeEcrFrame(Uint8Array.of(STX, ETX, ACK, NAK)),
  Uint8Array.of(ACK),
  Uint8Array.of(NAK),
];

const accountedBy = (event: EcrDecoderEvent): number =>
  event.type === 'frame' ? event.body.length + ECR_FRAME_OVERHEAD : event.type === 'error' ? event.error.byteCount : 1;

/**
 * A compact signature of an event stream. Garbage runs are reported once per push, so runs split
 * by chunking are merged before comparing.
 */
function signature(events: readonly EcrDecoderEvent[]): number[] {
  const out: number[] = [];
  let garbage = 0;
  for (const event of events) {
    if (event.type === 'error' && event.error.code === 'garbage-skipped') {
      garbage += event.error.byteCount;
      continue;
    }
    if (garbage > 0) out.push(-1, garbage);
    garbage = 0;
    if (event.type === 'frame') {
      out.push(-2, event.body.length);
      for (const byte of event.body) out.push(byte);
    } else if (event.type === 'error') out.push(-3 - ERROR_CODES.indexOf(event.error.code), event.error.byteCount);
    else out.push(event.type === 'ack' ? -10 : -11);
  }
  if (garbage > 0) out.push(-1, garbage);
  return out;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, k) => x === b[k]);

describe('EcrFrameDecoder fuzz', () => {
  it(`survives ${INPUTS.toLocaleString('en')} random and mutated inputs, accounting for every byte`, () => {
    const random = mulberry32(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    let framesSeen = 0;
    let acksSeen = 0;
    let errorsSeen = 0;

    const randomBytes = () => {
      const bytes = new Uint8Array(int(48));
      for (let k = 0; k < bytes.length; k++) bytes[k] = random() < 0.15 ? SYNC_BYTES[int(SYNC_BYTES.length)]! : int(256);
      return bytes;
    };
    const randomFrame = () => {
      const body = new Uint8Array(int(40));
      for (let k = 0; k < body.length; k++) body[k] = int(256);
      return encodeEcrFrame(body);
    };
    const mutatedFrames = () => {
      const bytes: number[] = [];
      for (let n = 1 + int(4); n > 0; n--) for (const byte of random() < 0.5 ? VALID_UNITS[int(VALID_UNITS.length)]! : randomFrame()) bytes.push(byte);
      applyFuzzMutations(bytes, int, { rounds: 5, syncBytes: SYNC_BYTES, maxDuplicate: 24 });
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      // Now and then a frame that declares a long body and never finishes: the decoder must wait, then give up on it.
      const input = i % 1000 === 999 ? Uint8Array.from([STX, 0x99, 0x99, ...randomBytes()]) : i % 2 === 0 ? randomBytes() : mutatedFrames();
      try {
        const decoder = new EcrFrameDecoder();
        const chunked: EcrDecoderEvent[] = [];
        for (let offset = 0; offset < input.length; ) {
          const size = 1 + int(random() < 0.25 ? 4 : 48);
          const pendingBefore = decoder.pendingByteCount;
          const events = decoder.push(input.subarray(offset, offset + size));
          const took = Math.min(size, input.length - offset);
          offset += size;
          chunked.push(...events);
          // Per push: what came in is either reported now or still held.
          const reported = events.reduce((sum, e) => sum + accountedBy(e), 0);
          if (pendingBefore + took !== reported + decoder.pendingByteCount) problems.push(`input ${i}: push at ${offset} lost bytes`);
          if (decoder.pendingByteCount > ECR_MAX_BODY_BYTES + ECR_FRAME_OVERHEAD) problems.push(`input ${i}: holds ${decoder.pendingByteCount} bytes`);
        }
        chunked.push(...decoder.end());
        if (decoder.pendingByteCount !== 0) problems.push(`input ${i}: ${decoder.pendingByteCount} bytes left after end()`);

        let accounted = 0;
        for (const event of chunked) {
          accounted += accountedBy(event);
          if (event.type === 'frame') framesSeen++;
          else if (event.type === 'error') {
            errorsSeen++;
            if (!KNOWN_ERROR_CODES.has(event.error.code) || event.error.byteCount < 1) problems.push(`input ${i}: bad error ${JSON.stringify(event.error)}`);
          } else acksSeen++;
        }
        if (accounted !== input.length) problems.push(`input ${i}: accounted ${accounted} of ${input.length} bytes`);

        // The same stream in one piece decodes to the same frames, ACK/NAKs and errors.
        const whole = new EcrFrameDecoder();
        const oneShot = [...whole.push(input), ...whole.end()];
        if (!sameNumbers(signature(oneShot), signature(chunked))) problems.push(`input ${i}: chunking changed the result`);
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    // The mutations must leave enough intact frames and damage enough others for the test to mean something.
    expect(framesSeen).toBeGreaterThan(INPUTS / 10);
    expect(acksSeen).toBeGreaterThan(INPUTS / 10);
    expect(errorsSeen).toBeGreaterThan(INPUTS / 2);
  }, 20_000);
});
