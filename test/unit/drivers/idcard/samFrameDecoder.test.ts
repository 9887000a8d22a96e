import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAM_MAX_BODY_BYTES, SAM_MAX_FRAME_BYTES, SAM_MIN_BODY_BYTES, SAM_PREAMBLE, encodeSamFrame } from '../../../../drivers/idcard/samFrame.js';
import { SamFrameDecoder, decodeSamFrames } from '../../../../drivers/idcard/samFrameDecoder.js';
import { describeSamFrameError } from '../../../../drivers/idcard/samFrameError.js';
import { accountedBytes, decodeInChunks, errorCodes, frameBodies } from './decoderAccounting.js';
import { fromHex, readReplyFrame, residentTextBlock, statusFrame } from './syntheticCards.js';

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const FIND_OK = statusFrame(0x9f, new Uint8Array(4));
const SELECT_OK = statusFrame(0x90, new Uint8Array(8));
const READ_REPLY = readReplyFrame(residentTextBlock());

/** Garbage that cannot contain or end in part of a preamble, so where frames start is unambiguous. */
const garbage = fc.uint8Array({ maxLength: 40 }).map((bytes) => bytes.map((b) => (b === 0xaa ? 0x55 : b)));
const body = fc.uint8Array({ minLength: SAM_MIN_BODY_BYTES, maxLength: 300 });

describe('SamFrameDecoder', () => {
  it('decodes a full 1295-byte read reply', () => {
    expect(READ_REPLY).toHaveLength(1295);
    const events = decodeSamFrames(READ_REPLY);
    expect(events).toHaveLength(1);
    expect(frameBodies(events)[0]).toEqual(READ_REPLY.subarray(7, -1));
  });

  it('decodes the reply in chunks of every size from 1 byte to the whole frame', () => {
    const stream = concat(FIND_OK, SELECT_OK, READ_REPLY);
    for (let size = 1; size <= stream.length; size++) {
      const events = decodeInChunks(stream, [size]);
      expect(errorCodes(events), `chunk size ${size}`).toEqual([]);
      expect(frameBodies(events).map((b) => b.length), `chunk size ${size}`).toEqual([FIND_OK.length - 8, SELECT_OK.length - 8, READ_REPLY.length - 8]);
    }
  });

  it('returns a frame only once its last byte arrives, and holds back nothing after it', () => {
    const decoder = new SamFrameDecoder();
    expect(decoder.push(FIND_OK.subarray(0, -1))).toEqual([]);
    expect(decoder.pendingByteCount).toBe(FIND_OK.length - 1);
    expect(decoder.push(FIND_OK.subarray(-1))).toHaveLength(1);
    expect(decoder.pendingByteCount).toBe(0);
  });

  it('skips garbage and resynchronises on the preamble, counting what it skipped', () => {
    const noise = fromHex('00 13 AA 96 69 AA AA 42'); // contains preamble fragments but no preamble
    const events = decodeSamFrames(concat(noise, FIND_OK, fromHex('FF FE'), SELECT_OK));
    expect(events.map((e) => (e.type === 'frame' ? 'frame' : `${e.error.code}:${e.error.byteCount}`))).toEqual([
      'garbage-skipped:8',
      'frame',
      'garbage-skipped:2',
      'frame',
    ]);
  });

  it('finds a preamble preceded by extra AA bytes', () => {
    const events = decodeSamFrames(concat(fromHex('AA AA'), FIND_OK));
    expect(errorCodes(events)).toEqual(['garbage-skipped']);
    expect(frameBodies(events)).toHaveLength(1);
  });

  it('reports a length out of range and recovers at the next frame', () => {
    const tooLong = concat(SAM_PREAMBLE, fromHex('0A 01'));
    const tooShort = concat(SAM_PREAMBLE, fromHex('00 02'));
    const events = decodeSamFrames(concat(tooLong, tooShort, FIND_OK));
    expect(events.slice(0, 2)).toEqual([
      { type: 'error', error: { code: 'length-out-of-range', declaredLength: 0x0a01, byteCount: 7 } },
      { type: 'error', error: { code: 'length-out-of-range', declaredLength: 2, byteCount: 7 } },
    ]);
    expect(frameBodies(events)).toHaveLength(1);
  });

  it('accepts the largest standard reply (LEN 0x090A, 2321 bytes) and the length limit 0x0A00', () => {
    for (const bodyBytes of [0x0909, SAM_MAX_BODY_BYTES]) {
      expect(frameBodies(decodeSamFrames(encodeSamFrame(new Uint8Array(bodyBytes))))[0]).toHaveLength(bodyBytes);
    }
  });

  it('reports a checksum mismatch with the size of the dropped frame, then decodes the next frame', () => {
    const corrupted = READ_REPLY.slice();
    corrupted[500] = corrupted[500]! ^ 0x01;
    const events = decodeSamFrames(concat(corrupted, FIND_OK));
    expect(events[0]).toEqual({
      type: 'error',
      error: { code: 'checksum-mismatch', declaredLength: 0x0508, expectedChecksum: READ_REPLY.at(-1)! ^ 0x01, receivedChecksum: READ_REPLY.at(-1), byteCount: 1295 },
    });
    expect(frameBodies(events)).toEqual([FIND_OK.subarray(7, -1)]);
  });

  it('recovers a frame that starts inside a truncated one (bytes lost mid-reply)', () => {
    const truncatedRead = READ_REPLY.subarray(0, 600);
    const stream = concat(truncatedRead, READ_REPLY, FIND_OK);
    const events = decodeSamFrames(stream);
    expect(frameBodies(events).map((b) => b.length)).toEqual([READ_REPLY.length - 8, FIND_OK.length - 8]);
    expect(errorCodes(events)[0]).toBe('checksum-mismatch');
    expect(accountedBytes(events)).toBe(stream.length);
  });

  it('abandons an incomplete frame on timeout and finds the frame that arrived inside it', () => {
    const decoder = new SamFrameDecoder();
    expect(decoder.push(concat(READ_REPLY.subarray(0, 100), FIND_OK))).toEqual([]);
    const events = decoder.abandonIncompleteFrame();
    expect(events[0]).toEqual({ type: 'error', error: { code: 'incomplete-frame', byteCount: 100 } });
    expect(frameBodies(events)).toEqual([FIND_OK.subarray(7, -1)]);
    expect(decoder.pendingByteCount).toBe(0);
  });

  it('never holds more than one maximal frame, whatever it is fed', () => {
    const decoder = new SamFrameDecoder();
    decoder.push(concat(SAM_PREAMBLE, fromHex('0A 00')));
    for (let i = 0; i < 10; i++) {
      decoder.push(new Uint8Array(1000).fill(0x5a));
      expect(decoder.pendingByteCount).toBeLessThan(SAM_MAX_FRAME_BYTES);
    }
    decoder.push(new Uint8Array(100_000));
    expect(decoder.pendingByteCount).toBe(0);
  });

  it('starts clean after reset', () => {
    const decoder = new SamFrameDecoder();
    decoder.push(READ_REPLY.subarray(0, 50));
    decoder.reset();
    expect(decoder.push(FIND_OK)).toHaveLength(1);
  });

  it('describes every error in both languages', () => {
    const events = decodeSamFrames(concat(fromHex('01'), SAM_PREAMBLE, fromHex('FF FF'), FIND_OK.subarray(0, -1), fromHex('00'), READ_REPLY.subarray(0, 9)));
    expect(errorCodes(events)).toEqual(['garbage-skipped', 'length-out-of-range', 'checksum-mismatch', 'incomplete-frame']);
    for (const event of events) {
      if (event.type !== 'error') continue;
      const message = describeSamFrameError(event.error);
      expect(message['zh-CN']).toMatch(/\d+ 个/u);
      expect(message.en).toMatch(/\d+ bytes/u);
    }
  });

  describe('properties', () => {
    it('encode then decode is the identity, with garbage between frames and any chunking', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(garbage, body), { minLength: 1, maxLength: 6 }),
          fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 10 }),
          (framesWithGarbage, chunkSizes) => {
            const stream = concat(...framesWithGarbage.flatMap(([noise, b]) => [noise, encodeSamFrame(b)]));
            const events = decodeInChunks(stream, chunkSizes);
            expect(frameBodies(events)).toEqual(framesWithGarbage.map(([, b]) => b));
            expect(new Set(errorCodes(events))).toEqual(new Set(errorCodes(events).length ? ['garbage-skipped'] : []));
            expect(accountedBytes(events)).toBe(stream.length);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('any byte string, in any chunking, yields only frames or typed errors and accounts for every byte', () => {
      const codes = new Set(['garbage-skipped', 'length-out-of-range', 'checksum-mismatch', 'incomplete-frame']);
      // Bias towards preamble bytes so candidates, lengths and checksums are really exercised.
      const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xaa, 0x96, 0x69, 0x00, 0x03, 0x0a));
      fc.assert(
        fc.property(fc.array(byte, { maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), (values, chunkSizes) => {
          const stream = Uint8Array.from(values);
          const events = decodeInChunks(stream, chunkSizes);
          for (const event of events) {
            if (event.type === 'error') expect(codes.has(event.error.code)).toBe(true);
            else expect(toHexFrame(event.frame.body)).toSatisfy((hex: string) => toHexStream(stream).includes(hex));
          }
          expect(accountedBytes(events)).toBe(stream.length);
        }),
        { numRuns: 500 },
      );
    });
  });
});

const toHexStream = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** A decoded frame re-encodes to bytes that were really in the stream. */
const toHexFrame = (frameBody: Uint8Array) => toHexStream(encodeSamFrame(frameBody));
