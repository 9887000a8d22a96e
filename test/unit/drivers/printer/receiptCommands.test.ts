import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKioskctl } from '../../../helpers/runKioskctl.js';
import { encodeSampleEndorsementReceipt, previewSampleEndorsementReceipt } from '../../../../drivers/printer/receipts/sampleEndorsementReceipt.js';

const run = runKioskctl;

describe('kioskctl receipt sample', () => {
  it('--out writes the ESC/POS bytes of the sample receipt', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'sample.bin');
    const result = await run(['receipt', 'sample', '--out', file]);
    expect(result.code).toBe(0);
    const written = readFileSync(file);
    const expected = encodeSampleEndorsementReceipt();
    expect(expected.ok && Buffer.from(expected.bytes).equals(written)).toBe(true);
    expect(written.subarray(0, 2).toString('hex')).toBe('1b40');
    expect(result.out).toContain(`wrote ${written.length} bytes`);
  });

  it('--text prints the plain-text preview instead', async () => {
    const result = await run(['receipt', 'sample', '--text']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(previewSampleEndorsementReceipt());
    expect(result.out).toContain('￥15.00');
  });

  it('--paper 58mm lays the receipt out for 32 columns', async () => {
    const result = await run(['receipt', 'sample', '--text', '--paper', '58mm']);
    expect(result.out).toBe(previewSampleEndorsementReceipt('58mm'));
    expect((await run(['receipt', 'sample', '--text', '--paper', '76mm'])).code).not.toBe(0);
  });

  it('asks for --out or --text when given neither', async () => {
    const result = await run(['receipt', 'sample']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--out FILE');
  });

  it('answers --help', async () => {
    for (const path of [['receipt'], ['receipt', 'sample']]) {
      const result = await run([...path, '--help']);
      expect(result.code).toBe(0);
      expect(result.out).toContain('Usage: kioskctl receipt');
    }
    expect((await run(['receipt', 'sample', '--help'])).out).toContain('--text');
  });
});
