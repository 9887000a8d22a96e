/**
 * Serial ECR framing of a 银捷-type MIS-POS card terminal (research/payment.md §3.7, from the
 * production driver hehe02921/qqq IngPosCom.cpp):
 *
 *     STX 0x02 | length: 2 bytes BCD | body: DFxx TLV fields | ETX 0x03 | LRC
 *
 * LRC = XOR of every byte from the first length byte through ETX. A single ACK 0x06 / NAK 0x15
 * byte acknowledges a frame.
 *
 * Choices where the research is silent (replace per acquirer when its spec is in hand):
 * - the length counts the body only (the bytes between the length and ETX), so at most 9999;
 * - ACK/NAK travel as bare bytes between frames, in both directions (the research shows an
 *   optional ACK before STX; a bare ACK is that byte on its own).
 */
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
export const ECR_MAX_BODY_BYTES = 9999;
/** STX, two length bytes, ETX, LRC. */
export const ECR_FRAME_OVERHEAD = 5;

export function ecrLrc(bytes: Uint8Array, from: number, to: number): number {
  let lrc = 0;
  for (let i = from; i < to; i++) lrc ^= bytes[i] ?? 0;
  return lrc;
}

/** 0–9999 as two packed-BCD bytes; null when a byte is not BCD. */
export function decodeBcdLength(high: number, low: number): number | null {
  const digits = [high >> 4, high & 0x0f, low >> 4, low & 0x0f];
  if (digits.some((d) => d > 9)) return null;
  return digits.reduce((n, d) => n * 10 + d, 0);
}

function encodeBcdLength(length: number): [number, number] {
  const d = String(length).padStart(4, '0');
  return [(Number(d[0]) << 4) | Number(d[1]), (Number(d[2]) << 4) | Number(d[3])];
}

export function encodeEcrFrame(body: Uint8Array): Uint8Array {
  if (body.length > ECR_MAX_BODY_BYTES) throw new RangeError(`ECR body of ${body.length} bytes exceeds ${ECR_MAX_BODY_BYTES}`);
  const frame = new Uint8Array(body.length + ECR_FRAME_OVERHEAD);
  frame[0] = STX;
  frame.set(encodeBcdLength(body.length), 1);
  frame.set(body, 3);
  frame[3 + body.length] = ETX;
  frame[4 + body.length] = ecrLrc(frame, 1, 4 + body.length);
  return frame;
}
