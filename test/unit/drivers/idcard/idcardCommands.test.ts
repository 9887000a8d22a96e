import { describe, expect, it } from 'vitest';
import { parseHexBytes } from '../../../../config/cli/idcardCommands.js';
import { runKioskctl } from '../../../helpers/runKioskctl.js';
import { encodeSamResponse } from '../../../../drivers/idcard/samResponse.js';
import {
  RESIDENT_ID_NUMBER,
  foreigner2023TextBlock,
  readReplyFrame,
  residentTextBlock,
  statusFrame,
  syntheticWltPhoto,
  toHex,
} from './syntheticCards.js';

const kioskctl = runKioskctl;

const decode = (frame: Uint8Array) => kioskctl(['idcard', 'decode', '--hex', toHex(frame)]);

describe('kioskctl idcard decode', () => {
  it('prints the card, the check-digit verdict, the status words and the photo size for a read reply', async () => {
    const result = await decode(readReplyFrame(residentTextBlock({ validTo: '长期' })));
    expect(result.code).toBe(0);
    const json = result.json();
    expect(json).toMatchObject({
      ok: true,
      kind: 'card',
      sw: '000090',
      status: { code: 'success' },
      idNumberValid: true,
      photoBytes: 1024,
      fingerprintBytes: 0,
      card: {
        type: 'resident',
        name: '张示例',
        idNumber: RESIDENT_ID_NUMBER,
        sex: { value: 'male' },
        nation: { code: '01', name: '汉' },
        birthDate: { iso: '1990-01-01' },
        address: '北京市东城区示例街道1号',
        issuingAuthority: '北京市公安局东城分局',
        validFrom: { iso: '2020-01-01' },
        validTo: { kind: 'long-term' },
      },
    });
    expect(result.out).not.toContain('WLf'); // the photo's bytes are never printed
  });

  it('decodes a read-with-fingerprint reply of another card type and flags a bad check digit', async () => {
    const block = residentTextBlock({ idNumber: '110101199001011236' });
    const json = (await decode(readReplyFrame(block, syntheticWltPhoto(), new Uint8Array(512)))).json();
    expect(json).toMatchObject({ ok: true, idNumberValid: false, photoBytes: 1024, fingerprintBytes: 512 });
    expect((await decode(readReplyFrame(foreigner2023TextBlock()))).json()).toMatchObject({ card: { type: 'foreigner-2023' }, idNumberValid: true });
  });

  it('accepts hex with spaces and colons as sniffers print it', async () => {
    const spaced = toHex(statusFrame(0x90, new Uint8Array(8))).match(/../g)!.join(' ');
    expect((await kioskctl(['idcard', 'decode', '--hex', spaced])).code).toBe(0);
    expect(parseHexBytes('aa:AA:aa 96-69')).toEqual(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69));
    expect(parseHexBytes('0xAA 0x01')).toEqual(Uint8Array.of(0xaa, 0x01));
  });

  it.each([
    ['find card OK', statusFrame(0x9f, new Uint8Array(4)), 'card-found', 4],
    ['select card OK', statusFrame(0x90, new Uint8Array(8)), 'success', 8],
    ['reset SAM OK', statusFrame(0x90), 'success', 0],
    ['no appended address', statusFrame(0x91), 'no-content', 0],
  ])('decodes a status-only frame (%s) to its status', async (_name, frame, code, dataBytes) => {
    const result = await decode(frame);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ ok: true, kind: 'status', sw: toHex(frame.subarray(7, 10)), status: expect.objectContaining({ code }), dataBytes });
  });

  it.each([
    ['no card', statusFrame(0x80), 'no-card', '寻找证/卡失败'],
    ['select failed', statusFrame(0x81), 'select-failed', '选取证/卡失败'],
    ['read failed with card SW1 SW2', statusFrame(0x41, new Uint8Array(0), 0x62, 0x83), 'read-failed', '读证/卡操作失败'],
  ])('prints a failing status (%s) as an error and exits 1', async (_name, frame, code, zh) => {
    const result = await decode(frame);
    expect(result.code).toBe(1);
    expect(result.json()).toEqual({ ok: false, sw: toHex(frame.subarray(7, 10)), error: { code, message: { 'zh-CN': zh, en: expect.any(String) } } });
  });

  it('reports a checksum mismatch, a truncated frame, bad hex and trailing bytes with exit status 1', async () => {
    const corrupted = readReplyFrame(residentTextBlock());
    corrupted[100] = corrupted[100]! ^ 0xff;
    const cases: [string, string][] = [
      [toHex(corrupted), 'checksum-mismatch'],
      [toHex(statusFrame(0x90)).slice(0, -2), 'incomplete-frame'],
      ['AAAAAA9669FFFF', 'length-out-of-range'],
      ['AAAAAA96690', 'invalid-hex'],
      ['zz', 'invalid-hex'],
      [`${toHex(statusFrame(0x90))}00`, 'garbage-skipped'],
      [toHex(statusFrame(0x90)).repeat(2), 'multiple-frames'],
      ['0102', 'garbage-skipped'],
    ];
    for (const [hex, code] of cases) {
      const result = await kioskctl(['idcard', 'decode', '--hex', hex]);
      expect(result.code, hex).toBe(1);
      expect(result.json(), hex).toMatchObject({ ok: false, error: { code, message: { 'zh-CN': expect.any(String), en: expect.any(String) } } });
    }
  });

  it('decodes an appended-address reply and a SAM id reply', async () => {
    const address = new Uint8Array(70).fill(0);
    Buffer.from('示例省示例市示例路3号'.padEnd(35, ' '), 'utf16le').copy(address);
    expect((await decode(statusFrame(0x90, address))).json()).toMatchObject({ ok: true, kind: 'appended-address', appendedAddress: '示例省示例市示例路3号' });

    const samId = new Uint8Array(16);
    const view = new DataView(samId.buffer);
    [5, 1].forEach((v, i) => view.setUint16(i * 2, v, true));
    [20101010, 1, 1234567890].forEach((v, i) => view.setUint32(4 + i * 4, v, true));
    expect((await decode(statusFrame(0x90, samId))).json()).toMatchObject({ kind: 'sam-id', samId: '05.01-20101010-0000000001-1234567890' });
  });

  it('reports a read reply whose lengths do not add up and one with an unknown card type', async () => {
    const data = readReplyFrame(residentTextBlock()).subarray(10, -1);
    const short = encodeSamResponse({ sw1: 0, sw2: 0, sw3: 0x90, data: data.subarray(0, -3) });
    expect((await decode(short)).json()).toMatchObject({ ok: false, sw: '000090', error: { code: 'read-lengths-mismatch' } });
    const block = residentTextBlock();
    block[248] = 0x5a;
    expect((await decode(readReplyFrame(block))).json()).toMatchObject({ ok: false, error: { code: 'unknown-card-type' } });
  });

  it('answers --help with the usage, the output shape and an example', async () => {
    const result = await kioskctl(['idcard', 'decode', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: kioskctl idcard decode [options]');
    expect(result.out).toContain('--hex <HEX>');
    expect(result.out).toContain('exits with status 1');
    expect((await kioskctl(['idcard', '--help'])).out).toContain('decode');
  });

  it('requires --hex', async () => {
    const result = await kioskctl(['idcard', 'decode']);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('--hex');
  });
});
