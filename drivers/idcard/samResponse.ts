import { encodeSamFrame } from './samFrame.js';

/** A SAM → host reply: the card's SW1 SW2 forwarded by the reader, the reader's own SW3, then data. */
export interface SamResponse {
  readonly sw1: number;
  readonly sw2: number;
  /** The only status byte to act on: SW1/SW2 are "XX XX" for some errors (research §1). */
  readonly sw3: number;
  readonly data: Uint8Array;
}

/** Null for a body shorter than the three status bytes. */
export function parseSamResponseBody(body: Uint8Array): SamResponse | null {
  if (body.length < 3) return null;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3: body[2] ?? 0, data: body.slice(3) };
}

/** For simulators and tests: a complete reply frame. */
export function encodeSamResponse(response: SamResponse): Uint8Array {
  const body = new Uint8Array(3 + response.data.length);
  body.set([response.sw1, response.sw2, response.sw3], 0);
  body.set(response.data, 3);
  return encodeSamFrame(body);
}

/** "000090": how the status bytes appear in a capture. */
export function formatStatusWords(response: Pick<SamResponse, 'sw1' | 'sw2' | 'sw3'>): string {
  return [response.sw1, response.sw2, response.sw3].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}
