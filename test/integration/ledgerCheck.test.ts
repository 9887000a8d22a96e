import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runKioskctl } from '../helpers/runKioskctl.js';
import { startPlatformSimulator, type RunningPlatformSimulator } from '../platform-sim/platformSimulator.js';

describe('kioskctl ledger check', () => {
  let sim: RunningPlatformSimulator | null = null;
  afterEach(async () => sim?.close());

  async function afterScenario(name: string) {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-ledger-'));
    sim = await startPlatformSimulator({ dataDir: join(dir, 'sim') });
    const run = await runKioskctl(['scenario', 'run', name, '--data-dir', dir, '--platform', sim.url]);
    expect(JSON.parse(run.out).ok).toBe(true);
    const args = ['ledger', 'check', '--data-dir', join(dir, 'kiosk'), '--config', join(dir, 'terminal.json'), '--platform', sim.url];
    return { dir, args };
  }

  it('finds a delivered payment in agreement with the platform (exit 0)', async () => {
    const { args } = await afterScenario('endorsement-happy');
    const check = await runKioskctl(args);
    const summary = JSON.parse(check.out);
    expect(check.code).toBe(0);
    expect(summary).toMatchObject({ ok: true, chargedTwice: [], paidWithoutDeliveryRefundOrHandOff: [], platformMismatches: [] });
    expect(summary.byState.delivered).toEqual({ count: 1, amountFen: 1500 });
  }, 60_000);

  it('fails (exit 1) on a case charged twice, and reports a ledger that disagrees with the platform', async () => {
    const { dir, args } = await afterScenario('endorsement-happy');
    const db = new Database(join(dir, 'kiosk', 'kiosk.db'));
    const first = db.prepare('SELECT * FROM payments LIMIT 1').get() as Record<string, unknown>;
    db.prepare(
      `INSERT INTO payments (payment_id, case_id, service_kind, method, amount_fen, state, detail, created_at, updated_at)
       VALUES ('pay-duplicate-1', ?, ?, ?, ?, 'delivered', '{}', ?, ?)`,
    ).run(first.case_id, first.service_kind, first.method, first.amount_fen, first.created_at, first.updated_at);
    db.close();
    const check = await runKioskctl(args);
    const summary = JSON.parse(check.out);
    expect(check.code).toBe(1);
    expect(summary.chargedTwice).toEqual([first.case_id]);
    expect(summary.platformMismatches).toEqual([{ paymentId: 'pay-duplicate-1', ledger: 'delivered', platform: 'none' }]);
  }, 60_000);
});
