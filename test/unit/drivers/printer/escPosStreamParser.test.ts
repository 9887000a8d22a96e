import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosStreamParser, type EscPosToken } from '../../../../drivers/printer/escpos/escPosStreamParser.js';
import { sampleReceiptBytes } from './device/printerRig.js';

/** Text runs may be split where the chunks were split; join them so tokens compare by meaning. */
function normalise(tokens: EscPosToken[]): unknown[] {
  const out: EscPosToken[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (token.kind === 'text' && last?.kind === 'text') {
      out[out.length - 1] = { kind: 'text', bytes: Uint8Array.from([...last.bytes, ...token.bytes]), length: last.length + token.length };
    } else out.push(token);
  }
  return out.map((token) => ('bytes' in token ? { ...token, bytes: [...token.bytes] } : 'params' in token ? { ...token, params: [...token.params] } : token));
}

function parseInChunks(bytes: Uint8Array, cuts: number[]): { tokens: EscPosToken[]; pending: number } {
  const parser = new EscPosStreamParser();
  const tokens: EscPosToken[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    tokens.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  tokens.push(...parser.push(bytes.subarray(from)));
  return { tokens, pending: parser.pendingLength };
}

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

describe('ESC/POS stream parser (simulator side)', () => {
  it('reads the sample receipt as the commands the encoder wrote', () => {
    const tokens = new EscPosStreamParser().push(sampleReceiptBytes());
    const kinds = tokens.map((token) => token.kind);
    expect(kinds[0]).toBe('initialise');
    expect(kinds.at(-1)).toBe('cut');
    expect(kinds.filter((kind) => kind === 'qr-function')).toHaveLength(5);
    expect(kinds).not.toContain('unknown');
    expect(tokens.at(-1)).toEqual({ kind: 'cut', cut: 'partial', feedMotionUnits: 0, length: 4 });
  });

  it('gives the same commands however the stream is chunked', () => {
    const bytes = sampleReceiptBytes();
    const whole = normalise(new EscPosStreamParser().push(bytes));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        const { tokens, pending } = parseInChunks(bytes, cuts);
        expect(pending).toBe(0);
        expect(normalise(tokens)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('feeding one byte at a time still finds a QR store command whole', () => {
    const bytes = hex('1d 28 6b 06 00 31 50 30 41 42 43');
    const { tokens } = parseInChunks(bytes, [...bytes.keys()]);
    expect(normalise(tokens)).toEqual([{ kind: 'qr-function', fn: 0x50, params: [0x30, 0x41, 0x42, 0x43], length: 11 }]);
  });

  it('knows every cut form: GS V 0/1/48/49 and GS V 65/66 n', () => {
    const tokens = new EscPosStreamParser().push(hex('1d5600 1d5601 1d5630 1d5631 1d564105 1d564200'));
    expect(tokens.map((token) => (token.kind === 'cut' ? `${token.cut}:${token.feedMotionUnits ?? '-'}` : token.kind))).toEqual([
      'full:-',
      'partial:-',
      'full:-',
      'partial:-',
      'full:5',
      'partial:0',
    ]);
  });

  it('takes DLE EOT inside another command as that command’s parameter, as a printer does', () => {
    // ESC 3 n swallows the 0x10; 04 and 01 are then stray control bytes, not a status request.
    const tokens = new EscPosStreamParser().push(hex('1b3310 04 01 100404'));
    expect(tokens.map((token) => token.kind)).toEqual(['ignored', 'unknown', 'unknown', 'real-time-status-request']);
  });

  it('waits for the rest of a command and holds nothing back after it', () => {
    const parser = new EscPosStreamParser();
    expect(parser.push(hex('1b'))).toEqual([]);
    expect(parser.pendingLength).toBe(1);
    expect(parser.push(hex('61'))).toEqual([]);
    expect(parser.push(hex('01'))).toEqual([{ kind: 'align', value: 1, length: 3 }]);
    expect(parser.pendingLength).toBe(0);
  });

  it('never throws on arbitrary bytes and accounts for every byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 8 }), (bytes, cuts) => {
        const { tokens, pending } = parseInChunks(bytes, cuts.filter((cut) => cut <= bytes.length));
        const consumed = tokens.reduce((sum, token) => sum + token.length, 0);
        expect(consumed + pending).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});
