import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ECR_FRAME_OVERHEAD, decodeBcdLength, encodeEcrFrame } from '../../../../../drivers/payment/ecr/ecrFrame.js';
import { EcrFrameDecoder, type EcrDecoderEvent } from '../../../../../drivers/payment/ecr/ecrFrameDecoder.js';

const KNOWN_ERRORS = new Set(['garbage-skipped', 'bad-length', 'missing-etx', 'lrc-mismatch', 'incomplete-frame']);
const bodies = (events: EcrDecoderEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [[...e.body]] : []));
const errorCodes = (events: EcrDecoderEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error.code] : []));
/** Every byte ends up in exactly one frame, ACK/NAK, or error. */
const accounted = (events: EcrDecoderEvent[]) =>
  events.reduce((n, e) => n + (e.type === 'frame' ? e.body.length + ECR_FRAME_OVERHEAD : e.type === 'error' ? e.error.byteCount : 1), 0);

function decodeAll(bytes: Uint8Array, chunk = bytes.length || 1): EcrDecoderEvent[] {
  const decoder = new EcrFrameDecoder();
  const events: EcrDecoderEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...decoder.push(bytes.subarray(i, i + chunk)));
  return [...events, ...decoder.end()];
}

describe('ECR frame (research §3.7: STX, 2-byte BCD length, TLV, ETX, XOR LRC over length..ETX)', () => {
  it('matches a hand-computed frame', () => {
    // LRC = 00^04^DF^03^01^41^03 = 0x9B
    expect([...encodeEcrFrame(Uint8Array.of(0xdf, 0x03, 0x01, 0x41))]).toEqual([0x02, 0x00, 0x04, 0xdf, 0x03, 0x01, 0x41, 0x03, 0x9b]);
  });

  it('writes the length as packed BCD', () => {
    const frame = encodeEcrFrame(new Uint8Array(1234));
    expect([frame[1], frame[2]]).toEqual([0x12, 0x34]);
    expect(decodeBcdLength(0x99, 0x99)).toBe(9999);
    expect(decodeBcdLength(0x0a, 0x00)).toBeNull();
    expect(() => encodeEcrFrame(new Uint8Array(10_000))).toThrow(RangeError);
  });
});

describe('EcrFrameDecoder', () => {
  it('separates frames, ACK and NAK', () => {
    const bytes = Uint8Array.from([0x06, ...encodeEcrFrame(Uint8Array.of(1, 2)), 0x15]);
    expect(decodeAll(bytes, 1).map((e) => e.type)).toEqual(['ack', 'frame', 'nak']);
  });

  it('drops a frame with a bad LRC whole and reads the next', () => {
    const bad = encodeEcrFrame(Uint8Array.of(0x30, 0x31));
    bad[bad.length - 1]! ^= 0x01;
    const events = decodeAll(Uint8Array.from([...bad, ...encodeEcrFrame(Uint8Array.of(0x32))]));
    expect(errorCodes(events)).toEqual(['lrc-mismatch']);
    expect(bodies(events)).toEqual([[0x32]]);
  });

  it('resyncs past a false STX (non-BCD length) and noise', () => {
    const events = decodeAll(Uint8Array.from([0x41, 0x02, 0xff, 0x42, ...encodeEcrFrame(Uint8Array.of(0x33))]), 2);
    expect(errorCodes(events)).toEqual(['garbage-skipped', 'bad-length', 'garbage-skipped']);
    expect(bodies(events)).toEqual([[0x33]]);
  });

  it('finds a frame that starts inside a truncated one', () => {
    // The truncated frame's declared length reaches past the good frame, into noise with no ETX.
    const truncated = encodeEcrFrame(new Uint8Array(20).fill(0x30)).subarray(0, 10);
    const events = decodeAll(Uint8Array.from([...truncated, ...encodeEcrFrame(Uint8Array.of(0x34)), ...new Uint8Array(12).fill(0x41)]));
    expect(errorCodes(events)).toContain('missing-etx');
    expect(bodies(events)).toEqual([[0x34]]);
  });

  it('round-trips any bodies, ACKs and NAKs in any chunking (property)', () => {
    const item = fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => ({ body: b })), fc.constantFrom({ ack: 0x06 }, { ack: 0x15 }));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.integer({ min: 1, max: 64 }), (items, chunk) => {
        const bytes = Uint8Array.from(items.flatMap((i) => ('body' in i ? [...encodeEcrFrame(i.body)] : [i.ack])));
        const events = decodeAll(bytes, chunk);
        expect(events.map((e) => (e.type === 'frame' ? [...e.body] : e.type))).toEqual(items.map((i) => ('body' in i ? [...i.body] : i.ack === 0x06 ? 'ack' : 'nak')));
      }),
    );
  });

  it('any bytes give frames, ACK/NAK or typed errors, never a throw, and account for every byte (property)', () => {
    const frameish = fc.uint8Array({ maxLength: 20 }).map((b) => encodeEcrFrame(b));
    const chunkArb = fc.oneof(fc.uint8Array({ maxLength: 40 }), frameish, frameish.map((f) => f.subarray(0, f.length - 1)), fc.constant(Uint8Array.of(0x02, 0x99, 0x99)));
    fc.assert(
      fc.property(fc.array(chunkArb, { maxLength: 10 }), fc.integer({ min: 1, max: 30 }), (chunks, chunk) => {
        const bytes = Uint8Array.from(chunks.flatMap((c) => [...c]));
        const events = decodeAll(bytes, chunk);
        for (const e of events) if (e.type === 'error') expect(KNOWN_ERRORS.has(e.error.code)).toBe(true);
        expect(accounted(events)).toBe(bytes.length);
      }),
      { numRuns: 3000 },
    );
  });
});
