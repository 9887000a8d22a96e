/**
 * The GA/T 467 SAM_V frame, the same in both directions (research/idcard.md §1):
 *
 *   AA AA AA 96 69 | LEN (u16, big-endian) | body | CHK
 *
 * LEN counts body + CHK. The body is CMD PARA DATA for a command and SW1 SW2 SW3 DATA for a
 * response. CHK is the XOR of every byte after the preamble up to CHK, so the length bytes
 * are included.
 */
export const SAM_PREAMBLE: Readonly<Uint8Array> = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/** Preamble plus the two length bytes. */
export const SAM_HEADER_BYTES = 7;

/** The shortest meaningful frame is a command: CMD PARA CHK. */
export const SAM_MIN_LENGTH_FIELD = 3;

/** The largest standard reply is LEN 0x090A (read with a 1024-byte fingerprint); research §9 rejects above 0x0A00. */
export const SAM_MAX_LENGTH_FIELD = 0x0a00;

export const SAM_MIN_BODY_BYTES = SAM_MIN_LENGTH_FIELD - 1;
export const SAM_MAX_BODY_BYTES = SAM_MAX_LENGTH_FIELD - 1;
export const SAM_MAX_FRAME_BYTES = SAM_HEADER_BYTES + SAM_MAX_LENGTH_FIELD;

/** A checked frame: the bytes between the length field and the checksum. */
export interface SamFrame {
  readonly body: Uint8Array;
}

/** XOR of bytes[from, to). */
export function samChecksum(bytes: Uint8Array, from: number, to: number): number {
  let checksum = 0;
  for (let i = from; i < to; i++) checksum ^= bytes[i] ?? 0;
  return checksum;
}

/** Wraps a body in preamble, length and checksum. Throws RangeError for a body no reader could accept (a programming error). */
export function encodeSamFrame(body: Uint8Array): Uint8Array {
  if (body.length < SAM_MIN_BODY_BYTES || body.length > SAM_MAX_BODY_BYTES) {
    throw new RangeError(`SAM frame body must be ${SAM_MIN_BODY_BYTES}..${SAM_MAX_BODY_BYTES} bytes, got ${body.length}`);
  }
  const lengthField = body.length + 1;
  const frame = new Uint8Array(SAM_HEADER_BYTES + lengthField);
  frame.set(SAM_PREAMBLE, 0);
  frame[5] = lengthField >> 8;
  frame[6] = lengthField & 0xff;
  frame.set(body, SAM_HEADER_BYTES);
  frame[frame.length - 1] = samChecksum(frame, SAM_PREAMBLE.length, frame.length - 1);
  return frame;
}
