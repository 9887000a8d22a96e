import { describe, expect, it } from 'vitest';
import { SAM_MAX_BODY_BYTES, encodeSamFrame, samChecksum } from '../../../../drivers/idcard/samFrame.js';
import { encodeSamResponse, formatStatusWords, parseSamResponseBody } from '../../../../drivers/idcard/samResponse.js';
import { fromHex, toHex } from './syntheticCards.js';

describe('SAM frame encoding', () => {
  it('wraps a body in preamble, big-endian length (body + CHK) and the XOR of length and body', () => {
    // Research §2: the reset SAM command frame, verified against public captures.
    expect(toHex(encodeSamFrame(Uint8Array.of(0x10, 0xff)))).toBe('AAAAAA9669000310FFEC');
  });

  it('includes the length bytes in the checksum', () => {
    const frame = encodeSamFrame(new Uint8Array(0x1ff)); // LEN 0x0200: all-zero body, so CHK is 02 ^ 00
    expect(toHex(frame.subarray(5, 7))).toBe('0200');
    expect(frame.at(-1)).toBe(0x02);
    expect(samChecksum(frame, 5, frame.length - 1)).toBe(frame.at(-1));
  });

  it('encodes the status-only error reply of research §3', () => {
    expect(toHex(encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x10, data: new Uint8Array(0) }))).toBe('AAAAAA96690004000010' + '14');
  });

  it('refuses bodies no reader accepts', () => {
    expect(() => encodeSamFrame(Uint8Array.of(0x10))).toThrow(RangeError);
    expect(() => encodeSamFrame(new Uint8Array(SAM_MAX_BODY_BYTES + 1))).toThrow(RangeError);
    expect(encodeSamFrame(new Uint8Array(SAM_MAX_BODY_BYTES))).toHaveLength(7 + 0x0a00);
  });

  it('splits a response body into status words and data', () => {
    const response = parseSamResponseBody(fromHex('62 83 41 01 02'));
    expect(response).toEqual({ sw1: 0x62, sw2: 0x83, sw3: 0x41, data: Uint8Array.of(1, 2) });
    expect(formatStatusWords(response!)).toBe('628341');
    expect(parseSamResponseBody(Uint8Array.of(0, 0))).toBeNull();
  });
});
