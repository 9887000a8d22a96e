import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../../electron/runtime/scenarios/runScenario.js';
import { runKioskctl } from '../helpers/runKioskctl.js';

/**
 * Every scripted citizen from the CLI: the real runtime and bridge, simulated devices, the
 * platform simulator over HTTP. Each must end exactly as its scenario says.
 */
describe('kioskctl scenario run', () => {
  it.each(SCENARIO_NAMES)('%s', async (name) => {
    const run = await runKioskctl(['scenario', 'run', name]);
    const result = JSON.parse(run.out) as { ok: boolean; problems: string[]; payment: { state: string; amount: number } | null; receipt: string | null; caseId: string | null };
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(run.code).toBe(0);
    if (result.payment) {
      expect(result.payment.amount).toBe(1500);
      // The receipt names the case and the amount, and never a full ID number or payment code.
      if (result.receipt) {
        expect(result.receipt).toContain(result.caseId);
        expect(result.receipt).toContain('￥15.00');
        expect(result.receipt).not.toMatch(/\d{17}[\dX]/);
        expect(result.receipt).not.toMatch(/\d{16,}/);
      }
    }
  }, 60_000);

  it('says which scenarios exist when the name is unknown', async () => {
    const run = await runKioskctl(['scenario', 'run', 'nope']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('endorsement-happy');
  });
});
