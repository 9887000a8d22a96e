import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeChineseText } from '../../../../drivers/printer/escpos/chineseTextEncoding.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** Node's own GB18030 decoder as an independent oracle (research §8: not the 'gbk' label). */
const oracle = new TextDecoder('gb18030', { fatal: true });

describe('encodeChineseText', () => {
  it('encodes Chinese as GBK double-byte codes and round-trips through an independent decoder', () => {
    const text = '示例市政务服务中心 出入境自助签注 ￥15.00 · — … ㎡ № 䶮镕堃喆';
    for (const encoding of ['gbk', 'gb18030'] as const) {
      const result = encodeChineseText(text, { encoding });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.hasNonAscii).toBe(true);
      expect(oracle.decode(result.bytes)).toBe(text);
    }
  });

  it('gives the bytes the research tables list', () => {
    const bytesOf = (text: string) => {
      const result = encodeChineseText(text, { encoding: 'gbk' });
      return result.ok ? hex(result.bytes) : 'error';
    };
    expect(bytesOf('政务')).toBe('d5fecef1');
    expect(bytesOf('￥')).toBe('a3a4');
    expect(bytesOf('䶮')).toBe('fe9f');
    expect(bytesOf('堃')).toBe('88d2');
    expect(bytesOf('Fee 15')).toBe(Buffer.from('Fee 15').toString('hex'));
  });

  it('reports pure ASCII as such so the encoder can skip FS &', () => {
    const result = encodeChineseText('Case No. 123', { encoding: 'gbk' });
    expect(result).toMatchObject({ ok: true, hasNonAscii: false });
  });

  it("refuses '¥' U+00A5: iconv-lite writes '?' for GBK, and GB18030 needs a four-byte code", () => {
    expect(iconv.encode('¥', 'gbk')[0]).toBe(0x3f); // the silent substitution this module guards against
    expect(encodeChineseText('收费 ¥15', { encoding: 'gbk' })).toEqual({
      ok: false,
      text: '收费 ¥15',
      unmappable: [{ character: '¥', codePoint: 'U+00A5', index: 3, reason: 'not-in-character-set', suggestion: '￥' }],
    });
    expect(hex(iconv.encode('¥', 'gb18030'))).toBe('81308436');
    expect(encodeChineseText('¥', { encoding: 'gb18030' })).toMatchObject({
      ok: false,
      unmappable: [{ character: '¥', reason: 'four-byte-code', suggestion: '￥' }],
    });
  });

  it('lists every unmappable character with its UTF-16 position', () => {
    const text = 'a•b©c𠀀d✓';
    const result = encodeChineseText(text, { encoding: 'gbk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unmappable.map((u) => [u.character, u.index, u.codePoint])).toEqual([
      ['•', 1, 'U+2022'],
      ['©', 3, 'U+00A9'],
      ['𠀀', 5, 'U+20000'],
      ['✓', 8, 'U+2713'],
    ]);
    for (const u of result.unmappable) expect(text.slice(u.index, u.index + u.character.length)).toBe(u.character);
  });

  it("does not confuse a real '?' in the text with a substitution", () => {
    const result = encodeChineseText('是否办理?', { encoding: 'gbk' });
    expect(result.ok).toBe(true);
  });

  it("refuses GBK's single-byte 0x80 '€', which a printer in Chinese mode reads as a lead byte", () => {
    expect(encodeChineseText('€', { encoding: 'gbk' })).toMatchObject({ ok: false, unmappable: [{ reason: 'single-byte-outside-ascii' }] });
    const gb18030 = encodeChineseText('€', { encoding: 'gb18030' });
    expect(gb18030.ok && hex(gb18030.bytes)).toBe('a2e3');
  });

  it('allows four-byte GB18030 codes only when the profile says the font has them', () => {
    const result = encodeChineseText('𠀀', { encoding: 'gb18030', allowFourByteCodes: true });
    expect(result.ok && hex(result.bytes)).toBe('95328236');
    expect(encodeChineseText('𠀀', { encoding: 'gbk', allowFourByteCodes: true }).ok).toBe(false);
  });

  it('refuses control characters so text cannot carry a printer command', () => {
    const result = encodeChineseText('A\x1bB\nC\x7f', { encoding: 'gbk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unmappable.map((u) => [u.index, u.reason])).toEqual([
      [1, 'control-character'],
      [3, 'control-character'],
      [5, 'control-character'],
    ]);
  });

  it('refuses a lone surrogate', () => {
    expect(encodeChineseText('a\ud800', { encoding: 'gb18030' })).toMatchObject({ ok: false, unmappable: [{ index: 1, reason: 'not-in-character-set' }] });
  });

  const mixedText = fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)),
        fc.constantFrom('￥', '¥', '€', '•', '·', '?', ' '),
      ),
      { maxLength: 15 },
    )
    .map((parts) => parts.join(''));

  it('property: any text either encodes to bytes that decode back to it, or names exactly the characters that would not', () => {
    fc.assert(
      fc.property(mixedText, fc.constantFrom('gbk' as const, 'gb18030' as const), (text, encoding) => {
        const result = encodeChineseText(text, { encoding });
        if (result.ok) {
          expect(iconv.decode(Buffer.from(result.bytes), encoding)).toBe(text);
          expect(result.bytes.some((byte) => byte < 0x20 || byte === 0x7f)).toBe(false);
          return;
        }
        const reported = new Set(result.unmappable.map((u) => u.index));
        let kept = '';
        let index = 0;
        for (const character of text) {
          if (reported.has(index)) expect(encodeChineseText(character, { encoding }).ok).toBe(false);
          else kept += character;
          index += character.length;
        }
        expect(reported.size).toBe(result.unmappable.length);
        expect(encodeChineseText(kept, { encoding }).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
