import { describe, expect, it } from 'vitest';
import { EscPosEncoder } from '../../../../drivers/printer/escpos/escPosEncoder.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function encodedHex(encoder: EscPosEncoder): string {
  const result = encoder.encode();
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return hex(result.bytes);
}

describe('EscPosEncoder', () => {
  it('chains commands into the exact bytes, in order', () => {
    const encoder = new EscPosEncoder()
      .initialise()
      .align('center')
      .bold()
      .chineseCharacterSize({ doubleWidth: true, doubleHeight: true })
      .characterSize({ width: 2, height: 2 })
      .line('政务')
      .bold(false)
      .cut('full');
    expect(encodedHex(encoder)).toBe('1b40' + '1b6101' + '1b4501' + '1c210c' + '1d2111' + '1c26d5fecef11c2e0a' + '1b4500' + '1d5600');
    expect(encoder.commands().map((c) => c.name)).toEqual([
      'initialise',
      'align',
      'bold',
      'chinese-character-size',
      'character-size',
      'chinese-mode-on',
      'text',
      'chinese-mode-off',
      'newline',
      'bold',
      'full-cut',
    ]);
  });

  it('sends ASCII text without FS & and Chinese text between FS & and FS .', () => {
    expect(encodedHex(new EscPosEncoder().text('No.1'))).toBe('4e6f2e31');
    expect(encodedHex(new EscPosEncoder().text('费用 ￥15'))).toBe('1c26' + 'b7d1d3c320a3a43135' + '1c2e');
  });

  it('does not wrap text while the caller holds Chinese mode on', () => {
    expect(encodedHex(new EscPosEncoder().chineseModeOn().text('签注').text('注').chineseModeOff())).toBe('1c26' + 'c7a9d7a2' + 'd7a2' + '1c2e');
  });

  it('uses GB18030 when asked, where GBK and GB18030 differ', () => {
    expect(encodedHex(new EscPosEncoder({ chineseEncoding: 'gb18030' }).text('€'))).toBe('1c26a2e31c2e');
  });

  it('emits a native QR code as model, size, error correction, store, print', () => {
    const encoder = new EscPosEncoder().qrCode('https://a.cn/1', { model: 2, moduleSize: 6, errorCorrection: 'M' });
    expect(encodedHex(encoder)).toBe(
      '1d286b040031413200' + '1d286b0300314306' + '1d286b0300314531' + '1d286b1100315030' + hex(Buffer.from('https://a.cn/1')) + '1d286b0300315130',
    );
  });

  it('offers every cut form', () => {
    expect(encodedHex(new EscPosEncoder().cut())).toBe('1d5601');
    expect(encodedHex(new EscPosEncoder().cut('full'))).toBe('1d5600');
    expect(encodedHex(new EscPosEncoder().cut('partial', 0))).toBe('1d564200');
    expect(encodedHex(new EscPosEncoder().cut('full', 10))).toBe('1d56410a');
  });

  it('emits several line feeds at once', () => expect(encodedHex(new EscPosEncoder().newline(3))).toBe('0a0a0a'));

  it('collects every error and refuses to encode, instead of printing "?"', () => {
    const result = new EscPosEncoder()
      .initialise()
      .line('收费 ¥15')
      .qrCode('https://例子.cn')
      .qrCode('')
      .qrCode('x', { model: 2, moduleSize: 17, errorCorrection: 'L' })
      .characterSize({ width: 9 as 8, height: 1 })
      .cut('partial', 256)
      .newline(0)
      .encode();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        kind: 'unmappable-characters',
        text: '收费 ¥15',
        characters: [{ character: '¥', codePoint: 'U+00A5', index: 3, reason: 'not-in-character-set', suggestion: '￥' }],
      },
      { kind: 'qr-payload-not-ascii', payload: 'https://例子.cn', characters: [{ character: '例', index: 8 }, { character: '子', index: 9 }] },
      { kind: 'qr-payload-length', length: 0, min: 1, max: 7089 },
      { kind: 'argument-out-of-range', command: 'qr-code', argument: 'moduleSize', value: 17, min: 1, max: 16 },
      { kind: 'argument-out-of-range', command: 'character-size', argument: 'width', value: 9, min: 1, max: 8 },
      { kind: 'argument-out-of-range', command: 'cut', argument: 'feedMotionUnits', value: 256, min: 0, max: 255 },
      { kind: 'argument-out-of-range', command: 'newline', argument: 'count', value: 0, min: 1, max: 255 },
    ]);
  });

  it('accepts the longest QR payload the length field allows and refuses one byte more', () => {
    expect(new EscPosEncoder().qrCode('9'.repeat(7089)).encode().ok).toBe(true);
    expect(new EscPosEncoder().qrCode('9'.repeat(7090)).encode()).toMatchObject({ ok: false, errors: [{ kind: 'qr-payload-length', length: 7090 }] });
  });
});
