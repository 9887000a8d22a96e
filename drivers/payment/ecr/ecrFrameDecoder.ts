import { ACK, ECR_FRAME_OVERHEAD, ECR_MAX_BODY_BYTES, ETX, NAK, STX, decodeBcdLength, ecrLrc } from './ecrFrame.js';
import type { EcrFrameError } from './ecrFrameError.js';

export type EcrDecoderEvent =
  | { type: 'frame'; body: Uint8Array }
  | { type: 'ack' }
  | { type: 'nak' }
  | { type: 'error'; error: EcrFrameError };

/**
 * Incremental decoder for the ECR link: frames, bare ACK/NAK bytes, and typed errors for
 * everything else. Never throws; holds at most one frame.
 *
 * Resync: a frame whose length is not BCD or whose ETX is missing was probably not a frame, so
 * only its STX is dropped and the rest is scanned again. A frame with a bad LRC had the right
 * shape, so it is dropped whole (the peer is NAKed and resends it). An ACK/NAK byte found while
 * rescanning is reported as such; the device only believes one while it waits for it.
 */
export class EcrFrameDecoder {
  private buffer: number[] = [];
  private garbage = 0;

  get pendingByteCount(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): EcrDecoderEvent[] {
    const events: EcrDecoderEvent[] = [];
    for (const byte of chunk) this.buffer.push(byte);
    this.drain(events);
    return events;
  }

  /** The peer stopped mid-frame (inter-byte timeout): drop its STX and rescan the rest. */
  abandonIncompleteFrame(): EcrDecoderEvent[] {
    const events: EcrDecoderEvent[] = [];
    if (this.buffer.length > 0) {
      this.flushGarbage(events);
      events.push({ type: 'error', error: { code: 'incomplete-frame', byteCount: 1 } });
      this.buffer.shift();
      this.drain(events);
    }
    return events;
  }

  /** End of input: everything held back is reported. */
  end(): EcrDecoderEvent[] {
    const events: EcrDecoderEvent[] = [];
    while (this.buffer.length > 0) events.push(...this.abandonIncompleteFrame());
    this.flushGarbage(events);
    return events;
  }

  private drain(events: EcrDecoderEvent[]): void {
    const b = this.buffer;
    let start = 0;
    const drop = (count: number, error: EcrFrameError | null) => {
      this.flushGarbage(events);
      if (error) events.push({ type: 'error', error });
      start += count;
    };
    while (start < b.length) {
      const first = b[start]!;
      if (first === ACK || first === NAK) {
        this.flushGarbage(events);
        events.push({ type: first === ACK ? 'ack' : 'nak' });
        start++;
        continue;
      }
      if (first !== STX) {
        this.garbage++;
        start++;
        continue;
      }
      if (b.length - start < 3) break;
      const length = decodeBcdLength(b[start + 1]!, b[start + 2]!);
      if (length === null || length > ECR_MAX_BODY_BYTES) {
        drop(1, { code: 'bad-length', byteCount: 1 });
        continue;
      }
      const frameBytes = length + ECR_FRAME_OVERHEAD;
      if (b.length - start < frameBytes) break;
      if (b[start + 3 + length] !== ETX) {
        drop(1, { code: 'missing-etx', declaredLength: length, byteCount: 1 });
        continue;
      }
      const frame = Uint8Array.from(b.slice(start, start + frameBytes));
      const expected = ecrLrc(frame, 1, frameBytes - 1);
      const received = frame[frameBytes - 1]!;
      if (expected !== received) {
        drop(frameBytes, { code: 'lrc-mismatch', expected, received, byteCount: frameBytes });
        continue;
      }
      drop(frameBytes, null);
      events.push({ type: 'frame', body: frame.slice(3, 3 + length) });
    }
    this.buffer = b.slice(start);
    this.flushGarbage(events);
  }

  private flushGarbage(events: EcrDecoderEvent[]): void {
    if (this.garbage === 0) return;
    events.push({ type: 'error', error: { code: 'garbage-skipped', byteCount: this.garbage } });
    this.garbage = 0;
  }
}
