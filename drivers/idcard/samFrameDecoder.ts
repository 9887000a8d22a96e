import {
  SAM_HEADER_BYTES,
  SAM_MAX_FRAME_BYTES,
  SAM_MAX_LENGTH_FIELD,
  SAM_MIN_LENGTH_FIELD,
  SAM_PREAMBLE,
  samChecksum,
  type SamFrame,
} from './samFrame.js';
import type { SamFrameError } from './samFrameError.js';

export type SamDecoderEvent = { type: 'frame'; frame: SamFrame } | { type: 'error'; error: SamFrameError };

/**
 * Incremental SAM_V frame decoder: feed it whatever the transport delivers (one byte, half a
 * frame, three frames and noise) and it returns the frames and errors completed so far.
 *
 * It never throws on input and holds at most one frame's worth of bytes. When a candidate frame
 * fails (bad length, bad checksum, timed out) it drops only the bytes up to the next place a
 * preamble could start inside that candidate, so a good frame hidden behind a truncated one is
 * still found.
 */
export class SamFrameDecoder {
  // One maximal frame always fits, so a candidate never has to be split.
  private readonly buffer = new Uint8Array(SAM_MAX_FRAME_BYTES);
  private length = 0;
  private garbageBytes = 0;

  /** Bytes held back: a partial preamble or an incomplete frame. */
  get pendingByteCount(): number {
    return this.length;
  }

  push(chunk: Uint8Array): SamDecoderEvent[] {
    const events: SamDecoderEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.buffer.length - this.length, chunk.length - offset);
      this.buffer.set(chunk.subarray(offset, offset + take), this.length);
      this.length += take;
      offset += take;
      this.drain(events);
    }
    this.flushGarbage(events);
    return events;
  }

  /**
   * Gives up on the frame being received (the transport's inter-byte timeout expired) and
   * rescans what was held back for a frame that started inside it.
   */
  abandonIncompleteFrame(): SamDecoderEvent[] {
    const events: SamDecoderEvent[] = [];
    if (this.length > 0) {
      const dropped = this.bytesToDropFromCandidate(0, this.length);
      this.emitError(events, { code: 'incomplete-frame', byteCount: dropped });
      this.discardFront(dropped);
      this.drain(events);
    }
    this.flushGarbage(events);
    return events;
  }

  /** End of input: reports everything still held back, leaving the decoder empty. */
  end(): SamDecoderEvent[] {
    const events: SamDecoderEvent[] = [];
    while (this.length > 0) events.push(...this.abandonIncompleteFrame());
    return events;
  }

  reset(): void {
    this.length = 0;
    this.garbageBytes = 0;
  }

  /** Consumes every complete frame or failed candidate at the front of the buffer. */
  private drain(events: SamDecoderEvent[]): void {
    const bytes = this.buffer;
    let start = 0;
    for (;;) {
      let preambleAt = start;
      while (preambleAt < this.length && !this.preambleCouldStartAt(preambleAt)) preambleAt++;
      this.garbageBytes += preambleAt - start;
      start = preambleAt;
      if (this.length - start < SAM_HEADER_BYTES) break;

      const declaredLength = ((bytes[start + 5] ?? 0) << 8) | (bytes[start + 6] ?? 0);
      if (declaredLength < SAM_MIN_LENGTH_FIELD || declaredLength > SAM_MAX_LENGTH_FIELD) {
        const dropped = this.bytesToDropFromCandidate(start, SAM_HEADER_BYTES);
        this.emitError(events, { code: 'length-out-of-range', declaredLength, byteCount: dropped });
        start += dropped;
        continue;
      }

      const frameBytes = SAM_HEADER_BYTES + declaredLength;
      if (this.length - start < frameBytes) break;

      const checksumAt = start + frameBytes - 1;
      const expectedChecksum = samChecksum(bytes, start + SAM_PREAMBLE.length, checksumAt);
      const receivedChecksum = bytes[checksumAt] ?? 0;
      if (expectedChecksum === receivedChecksum) {
        this.flushGarbage(events);
        events.push({ type: 'frame', frame: { body: bytes.slice(start + SAM_HEADER_BYTES, checksumAt) } });
        start += frameBytes;
        continue;
      }
      const dropped = this.bytesToDropFromCandidate(start, frameBytes);
      this.emitError(events, { code: 'checksum-mismatch', declaredLength, expectedChecksum, receivedChecksum, byteCount: dropped });
      start += dropped;
    }
    this.discardFront(start);
  }

  /** A failed candidate is dropped up to the next position where a preamble could begin inside it. */
  private bytesToDropFromCandidate(start: number, candidateBytes: number): number {
    for (let i = 1; i < candidateBytes; i++) {
      if (this.preambleCouldStartAt(start + i)) return i;
    }
    return candidateBytes;
  }

  /** True when the bytes at `position` match the preamble as far as they have arrived. */
  private preambleCouldStartAt(position: number): boolean {
    const available = Math.min(SAM_PREAMBLE.length, this.length - position);
    for (let i = 0; i < available; i++) {
      if (this.buffer[position + i] !== SAM_PREAMBLE[i]) return false;
    }
    return available > 0;
  }

  private discardFront(count: number): void {
    if (count === 0) return;
    this.buffer.copyWithin(0, count, this.length);
    this.length -= count;
  }

  private emitError(events: SamDecoderEvent[], error: SamFrameError): void {
    this.flushGarbage(events);
    events.push({ type: 'error', error });
  }

  // Garbage is reported in one error per run, in stream order before the next event.
  private flushGarbage(events: SamDecoderEvent[]): void {
    if (this.garbageBytes === 0) return;
    events.push({ type: 'error', error: { code: 'garbage-skipped', byteCount: this.garbageBytes } });
    this.garbageBytes = 0;
  }
}

/** One-shot decoding of a complete capture: every frame and error, nothing held back. */
export function decodeSamFrames(bytes: Uint8Array): SamDecoderEvent[] {
  const decoder = new SamFrameDecoder();
  return [...decoder.push(bytes), ...decoder.end()];
}
