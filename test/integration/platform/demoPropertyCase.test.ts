import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startPlatformSimulator } from '../../platform-sim/platformSimulator.js';
import { DEMO_PROPERTY_CASE_NUMBER, reopenDemoPropertyCase } from '../../platform-sim/seedData.js';

describe('the demo property case on a demo terminal', () => {
  it('is open for an application again after a restart reopens it, and other cases are left alone', async () => {
    const sim = await startPlatformSimulator({ dataDir: mkdtempSync(join(tmpdir(), 'sim-demo-case-')) });
    onTestFinished(() => sim.close());
    const status = (caseNumber: string) =>
      (sim.store.stmt('SELECT status, acceptance_number AS acceptance FROM property_cases WHERE case_number = ?').get(caseNumber) as { status: string; acceptance: string | null });
    sim.store.stmt("UPDATE property_cases SET status = 'accepted', acceptance_number = 'SL20260000001'").run();
    reopenDemoPropertyCase(sim.store);
    expect(status(DEMO_PROPERTY_CASE_NUMBER)).toEqual({ status: 'awaiting-application', acceptance: null });
    expect(status('BDC2026000103')).toEqual({ status: 'accepted', acceptance: 'SL20260000001' });
  });
});
