import type { SamDecoderEvent } from '../../../../drivers/idcard/samFrameDecoder.js';
import { SamFrameDecoder } from '../../../../drivers/idcard/samFrameDecoder.js';

export const FRAME_OVERHEAD_BYTES = 8; // preamble 5, length 2, checksum 1

/** Every byte fed in ends up in exactly one frame, one error's byteCount, or the pending buffer. */
export function accountedBytes(events: readonly SamDecoderEvent[]): number {
  let total = 0;
  for (const event of events) total += event.type === 'frame' ? event.frame.body.length + FRAME_OVERHEAD_BYTES : event.error.byteCount;
  return total;
}

/** Feeds bytes in the given chunk sizes (cycled), then ends the stream. */
export function decodeInChunks(bytes: Uint8Array, chunkSizes: readonly number[]): SamDecoderEvent[] {
  const decoder = new SamFrameDecoder();
  const events: SamDecoderEvent[] = [];
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length] ?? 1);
    events.push(...decoder.push(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  events.push(...decoder.end());
  return events;
}

export const frameBodies = (events: readonly SamDecoderEvent[]) => events.flatMap((e) => (e.type === 'frame' ? [e.frame.body] : []));
export const errorCodes = (events: readonly SamDecoderEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error.code] : []));
