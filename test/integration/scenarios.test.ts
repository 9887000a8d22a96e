import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../electron/runtime/scenarios/runScenario.js';
import { runKioskctl } from '../helpers/runKioskctl.js';

/**
 * Every scripted citizen from the CLI: the real runtime and bridge, simulated devices, the
 * platform simulator over HTTP. Each must end exactly as its scenario says.
 */

interface Outcome {
  ok: boolean;
  problems: string[];
  payment: { state: string; amount: number } | null;
  receipt: string | null;
  caseId: string | null;
  steps: string[];
  rating: { stars: number; deliveredToPlatform: boolean } | null;
}

/** What a paid case of each service costs with the sample config's fees (the property scenario orders one extra certificate). */
const paidAmount = (name: string) => (name.startsWith('property-transfer') ? { fen: 9_000, printed: '￥90.00' } : { fen: 1_500, printed: '￥15.00' });

describe('kioskctl scenario run', () => {
  it.each(SCENARIO_NAMES)('%s', async (name) => {
    const run = await runKioskctl(['scenario', 'run', name]);
    const result = JSON.parse(run.out) as Outcome;
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(run.code).toBe(0);
    if (result.payment) {
      expect(result.payment.amount).toBe(paidAmount(name).fen);
      // The receipt names the case and the amount, and never a full ID number or payment code.
      if (result.receipt) {
        expect(result.receipt).toContain(result.caseId);
        expect(result.receipt).toContain(paidAmount(name).printed);
        expect(result.receipt).not.toMatch(/\d{17}[\dX]/);
        expect(result.receipt).not.toMatch(/\d{16,}/);
      }
    }
  }, 60_000);

  it('endorsement-qr-happy: the QR code is shown, the simulated phone pays it, issued; the receipt says it was paid by QR code', async () => {
    const result = JSON.parse((await runKioskctl(['scenario', 'run', 'endorsement-qr-happy'])).out) as Outcome;
    expect(result).toMatchObject({ ok: true, payment: { state: 'delivered', amount: 1_500 }, rating: { stars: 5 } });
    // Busy screens in between (the order going out) are caught or not, depending on timing.
    const paying = result.steps.slice(result.steps.indexOf('choose-payment')).filter((screen) => screen !== 'busy');
    expect(paying.slice(0, 2)).toEqual(['choose-payment', 'show-qr']);
    expect(paying).not.toContain('scan-code');
    expect(result.receipt).toContain('扫码支付 QR code');
  }, 60_000);

  it('property-transfer-happy: three parties sign, the case is accepted, the certificate is printed here and the rating reaches the platform', async () => {
    const result = JSON.parse((await runKioskctl(['scenario', 'run', 'property-transfer-happy'])).out) as Outcome;
    expect(result).toMatchObject({ ok: true, caseId: 'BDC2026000101', payment: { state: 'delivered', amount: 9_000 }, rating: { stars: 5, deliveredToPlatform: true } });
    expect(result.steps.filter((step) => step === 'sign')).toHaveLength(3);
    expect(result.receipt).toMatch(/受理号 Acceptance No\. +SL\d{11}/);
    expect(result.receipt).toContain('不动产权证书 粤(');
    expect(result.receipt).toContain('440106********0110');
  }, 60_000);

  it('property-transfer-party-missing: the visit ends before payment, nothing charged, no receipt', async () => {
    const result = JSON.parse((await runKioskctl(['scenario', 'run', 'property-transfer-party-missing'])).out) as Outcome;
    expect(result).toMatchObject({ ok: true, payment: null, receipt: null, rating: null });
    expect(result.steps.filter((step) => step === 'sign')).toHaveLength(1);
    expect(result.steps.at(-1)).toBe('result');
  }, 60_000);

  it('says which scenarios exist when the name is unknown', async () => {
    const run = await runKioskctl(['scenario', 'run', 'nope']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('endorsement-happy');
    expect(run.err).toContain('property-transfer-happy');
  });
});
