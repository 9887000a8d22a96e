import { describe, expect, it } from 'vitest';
import { parseReadResponseData } from '../../../../drivers/idcard/readResponse.js';
import { decodeSamFrames } from '../../../../drivers/idcard/samFrameDecoder.js';
import { parseSamResponseBody } from '../../../../drivers/idcard/samResponse.js';
import { readReplyData, readReplyFrame, residentTextBlock, syntheticWltPhoto } from './syntheticCards.js';

const text = residentTextBlock();
const photo = syntheticWltPhoto();

describe('read reply data', () => {
  it('splits a 30 01 reply into text and photo by its declared lengths', () => {
    const result = parseReadResponseData(readReplyData(text, photo));
    expect(result).toEqual({ ok: true, value: { form: 'text-photo', text, photo, fingerprint: null } });
  });

  it.each([
    [512, 1809],
    [1024, 2321],
  ])('splits a 30 10 reply with a %s-byte fingerprint (%s-byte frame)', (fingerprintBytes, frameBytes) => {
    const fingerprint = Uint8Array.from({ length: fingerprintBytes }, (_, i) => i & 0xff);
    const frame = readReplyFrame(text, photo, fingerprint);
    expect(frame).toHaveLength(frameBytes);
    const [event] = decodeSamFrames(frame);
    if (event?.type !== 'frame') throw new Error('expected a frame');
    const result = parseReadResponseData(parseSamResponseBody(event.frame.body)!.data);
    expect(result).toEqual({ ok: true, value: { form: 'text-photo-fingerprint', text, photo, fingerprint } });
  });

  it('reads a 30 10 reply from a card without fingerprints (fpLen 0, 1297-byte frame) as having none', () => {
    expect(readReplyFrame(text, photo, new Uint8Array(0))).toHaveLength(1297);
    expect(parseReadResponseData(readReplyData(text, photo, new Uint8Array(0)))).toMatchObject({ ok: true, value: { form: 'text-photo-fingerprint', fingerprint: null } });
  });

  it('takes the photo size from the reply, not a fixed offset', () => {
    const smallPhoto = syntheticWltPhoto(100);
    expect(parseReadResponseData(readReplyData(text, smallPhoto))).toMatchObject({ ok: true, value: { photo: smallPhoto } });
  });

  it('rejects data whose lengths do not add up, and a text block that is not 256 bytes', () => {
    const data = readReplyData(text, photo);
    expect(parseReadResponseData(data.subarray(0, -1))).toMatchObject({ ok: false, error: { code: 'read-lengths-mismatch' } });
    expect(parseReadResponseData(new Uint8Array(3))).toMatchObject({ ok: false, error: { code: 'read-lengths-mismatch' } });
    expect(parseReadResponseData(readReplyData(text.subarray(0, 254), photo))).toMatchObject({ ok: false, error: { code: 'unexpected-text-length' } });
  });
});
