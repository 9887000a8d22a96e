import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes, CanonicalJsonError } from '../../../../config/bundles/canonicalJson.js';

describe('canonicalJson', () => {
  it('reproduces the RFC 8785 (JCS) worked example', () => {
    // RFC 8785 section 3.2.4: the input text and its canonical form.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, not by code points (RFC 8785 section 3.2.3)', () => {
    const input = { '\u20ac': 'Euro', '\r': 'CR', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Emoji', '\u0080': 'Control', '\u00f6': 'o' };
    // Code-point order would put the emoji (U+1F600) after U+FB33; UTF-16 order puts it before.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"o","\u20ac":"Euro","\ud83d\ude00":"Emoji","\ufb33":"Hebrew"}',
    );
  });

  it('does not depend on key order or layout of the source text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(reverseKeys(value), null, 3));
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        // Canonical text is JSON that reads back to the same canonical text.
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('writes -0 as 0 and refuses values JSON has no form for, naming where', () => {
    expect(canonicalJson({ a: -0 })).toBe('{"a":0}');
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, Number.POSITIVE_INFINITY] })).toThrow(/a\[1\]/);
    expect(() => canonicalJson({ a: { b: undefined } })).toThrow(/a\.b: a undefined has no JSON form/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/d: only plain objects/);
  });

  it('refuses lone surrogates in values and in keys', () => {
    expect(() => canonicalJson({ name: 'a\ud800b' })).toThrow(/name: text contains a lone UTF-16 surrogate/);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(CanonicalJsonError);
    expect(canonicalJson({ ok: '\ud83d\ude00' })).toBe('{"ok":"😀"}');
  });

  it('encodes as UTF-8 without a byte-order mark', () => {
    const bytes = canonicalJsonBytes({ 名称: '政务' });
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from('{"名称":"政务"}', 'utf8').toString('hex'));
    expect(bytes.length).toBe(7 + 4 * 3);
    expect(bytes[0]).toBe(0x7b);
  });

  it('keeps a "__proto__" key as an ordinary member', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"x":2}}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":2},"z":1}');
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reverseKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
