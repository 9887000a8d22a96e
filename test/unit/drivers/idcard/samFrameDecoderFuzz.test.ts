import { describe, expect, it } from 'vitest';
import { SAM_MAX_FRAME_BYTES } from '../../../../drivers/idcard/samFrame.js';
import { SamFrameDecoder } from '../../../../drivers/idcard/samFrameDecoder.js';
import { FRAME_OVERHEAD_BYTES } from './decoderAccounting.js';
import { readReplyFrame, residentTextBlock, statusFrame, syntheticWltPhoto } from './syntheticCards.js';
import { encodeSamCommand, findCardCommand, readTextAndPhotoCommand } from '../../../../drivers/idcard/samCommands.js';
import { mulberry32 } from '../../../helpers/seededRandom.js';

const INPUTS = 100_000;
const KNOWN_ERROR_CODES = new Set(['garbage-skipped', 'length-out-of-range', 'checksum-mismatch', 'incomplete-frame']);

const SMALL_FRAMES = [
  statusFrame(0x9f, new Uint8Array(4)),
  statusFrame(0x90, new Uint8Array(8)),
  statusFrame(0x80),
  statusFrame(0x41, new Uint8Array(0), 0x62, 0x83),
  encodeSamCommand(findCardCommand()),
  encodeSamCommand(readTextAndPhotoCommand()),
];
const LARGE_FRAMES = [readReplyFrame(residentTextBlock()), readReplyFrame(residentTextBlock(), syntheticWltPhoto(), new Uint8Array(1024).fill(0x11))];

describe('SamFrameDecoder fuzz', () => {
  it(`survives ${INPUTS.toLocaleString('en')} random and mutated inputs, accounting for every byte`, () => {
    const random = mulberry32(0x5a3_467);
    const int = (n: number) => Math.floor(random() * n);
    const problems: string[] = [];
    let framesSeen = 0;
    let errorsSeen = 0;

    const randomBytes = () => Uint8Array.from({ length: int(48) }, () => (random() < 0.3 ? [0xaa, 0x96, 0x69, 0x00][int(4)]! : int(256)));
    const mutatedFrames = () => {
      const pool = random() < 0.03 ? LARGE_FRAMES : SMALL_FRAMES;
      const bytes = Array.from({ length: 1 + int(3) }, () => [...pool[int(pool.length)]!]).flat();
      for (let m = int(4); m > 0; m--) {
        const at = int(bytes.length + 1);
        switch (int(4)) {
          case 0: bytes[at] = int(256); break; // flip a byte
          case 1: bytes.splice(at, 0, ...Array.from({ length: 1 + int(6) }, () => int(256))); break; // insert noise
          case 2: bytes.splice(at, 1 + int(8)); break; // lose bytes
          case 3: bytes.length = Math.min(bytes.length, at); break; // cut off
        }
      }
      return Uint8Array.from(bytes);
    };

    for (let i = 0; i < INPUTS; i++) {
      const input = i % 2 === 0 ? randomBytes() : mutatedFrames();
      const decoder = new SamFrameDecoder();
      let accounted = 0;
      const take = (events: ReturnType<SamFrameDecoder['push']>) => {
        for (const event of events) {
          if (event.type === 'frame') {
            framesSeen++;
            accounted += event.frame.body.length + FRAME_OVERHEAD_BYTES;
          } else {
            errorsSeen++;
            accounted += event.error.byteCount;
            if (!KNOWN_ERROR_CODES.has(event.error.code) || event.error.byteCount < 1) problems.push(`input ${i}: bad error ${JSON.stringify(event.error)}`);
          }
        }
      };
      try {
        for (let offset = 0; offset < input.length; ) {
          const size = 1 + int(random() < 0.5 ? 8 : 600);
          take(decoder.push(input.subarray(offset, offset + size)));
          offset += size;
          if (decoder.pendingByteCount >= SAM_MAX_FRAME_BYTES) problems.push(`input ${i}: holds ${decoder.pendingByteCount} bytes`);
        }
        take(decoder.end());
      } catch (error) {
        problems.push(`input ${i}: threw ${String(error)}`);
      }
      if (accounted !== input.length) problems.push(`input ${i}: accounted ${accounted} of ${input.length} bytes`);
      if (problems.length > 10) break;
    }

    expect(problems).toEqual([]);
    // The mutations must leave enough intact frames and damage enough others for the test to mean something.
    expect(framesSeen).toBeGreaterThan(INPUTS / 10);
    expect(errorsSeen).toBeGreaterThan(INPUTS / 2);
  }, 20_000);
});
