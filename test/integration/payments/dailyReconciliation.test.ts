import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createPlatformClient, type PlatformClient } from '../../../electron/platform/platformClient.js';
import type { PlatformEvent, ReconciliationEventPayload } from '../../../electron/platform/platformApiTypes.js';
import { systemClock, type Clock } from '../../../electron/runtime/clock.js';
import { createKioskRuntime } from '../../../electron/runtime/createKioskRuntime.js';
import type { KioskRuntime } from '../../../electron/runtime/kioskRuntime.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { RECONCILIATION_NOTICE } from '../../../electron/runtime/payments/dailyReconciliation.js';
import { PaymentLedger } from '../../../electron/runtime/payments/paymentLedger.js';
import { localDayOf } from '../../../electron/runtime/payments/reconciliationDays.js';
import { openKioskStore } from '../../../electron/runtime/store/openKioskStore.js';
import { runKioskctl } from '../../helpers/runKioskctl.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator } from '../../platform-sim/platformSimulator.js';

const SAMPLE = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8')) as Record<string, any>;
const TERMINAL = SAMPLE.terminalId as string;
const wait = { timeout: 20_000, interval: 100 };
/** A WeChat payment code whose last digit makes the simulated payer pay at once. */
const PAY_NOW_CODE = '134567890123456781';

const yesterdayNoon = () => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12).getTime();
};
/**
 * The runtime works out "yesterday" again from the real clock a few seconds after the seeding:
 * a test started in the last minute of the day would seed one day and reconcile the next.
 * So such a run first waits for the new day (at most a minute, on one run in 1,440).
 */
async function awayFromMidnight(): Promise<void> {
  const now = new Date();
  const untilMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
  if (untilMidnight < 60_000) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
}

const fixedClock = (at: number): Clock => ({ now: () => at, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout });

function terminalClient(url: string): PlatformClient {
  return createPlatformClient({ baseUrl: url, credential: { keyId: TERMINAL, secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' }, timeoutMs: 5_000 });
}

async function register(client: PlatformClient): Promise<void> {
  const outcome = await client.registerTerminal({ terminalId: TERMINAL, groups: [], versions: { app: '0.0.0-test' }, configVersion: null, devices: [] });
  expect(outcome.kind).toBe('ok');
}

async function paidOrder(client: PlatformClient, idempotencyKey: string): Promise<void> {
  const outcome = await client.createPaymentOrder({
    idempotencyKey,
    caseNumber: 'CASE-RECON-0001',
    service: 'exit-entry-endorsement',
    method: 'payment-code',
    amountFen: 1500,
    items: [{ code: 'endorsement-single', amountFen: 1500 }],
    paymentCode: PAY_NOW_CODE,
  });
  expect(outcome).toMatchObject({ kind: 'ok', value: { order: { state: 'paid' } } });
}

/**
 * A platform simulator and a terminal data directory that disagree about yesterday: three paid
 * orders at the platform, one reversed behind the terminal's back, one the ledger never recorded.
 */
async function yesterdayWithDifferences() {
  await awayFromMidnight();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-reconcile-'));
  const sim = await startPlatformSimulator({ dataDir: join(dir, 'sim'), heartbeatIntervalSeconds: 5 });
  const seeder = terminalClient(sim.url);
  onTestFinished(async () => {
    seeder.close();
    await sim.close();
  });

  const noon = yesterdayNoon();
  const keys = { agrees: 'pay-recon-agrees', reversed: 'pay-recon-reversed', unknown: 'pay-recon-unknown' };
  await register(seeder);
  for (const key of Object.values(keys)) await paidOrder(seeder, key);
  const moveToYesterday = sim.store.stmt('UPDATE payment_orders SET created_at = ?, updated_at = ?, paid_at = ? WHERE terminal_id = ? AND idempotency_key = ?');
  Object.values(keys).forEach((key, i) => moveToYesterday.run(noon + i * 60_000, noon + i * 60_000, noon + i * 60_000, TERMINAL, key));
  sim.store.stmt("UPDATE payment_orders SET state = 'reversed' WHERE terminal_id = ? AND idempotency_key = ?").run(TERMINAL, keys.reversed);

  // Yesterday in the terminal's ledger: two delivered payments; the third order it never recorded.
  const dataDir = join(dir, 'kiosk');
  mkdirSync(dataDir, { recursive: true });
  const seedStore = openKioskStore({ file: join(dataDir, 'kiosk.db'), clock: fixedClock(noon - 30_000), logger: silentLogger });
  const ledger = new PaymentLedger(seedStore.db, fixedClock(noon - 30_000));
  for (const key of [keys.agrees, keys.reversed]) {
    ledger.create({ paymentId: key, caseId: `CASE-${key.toUpperCase()}`, serviceKind: 'exit-entry-endorsement', method: 'payment-code', amountFen: 1500 });
    for (const step of ['pending', 'paid', 'delivered'] as const) ledger.move(key, step, 'seeded');
  }
  seedStore.close();

  writeFileSync(join(dir, 'platform.secret'), `${DEMO_TERMINAL_SECRET}\n`, { mode: 0o600 });
  const config = structuredClone(SAMPLE);
  config.platform = { baseUrl: `${sim.url}/`, requestTimeoutSeconds: 5, heartbeatSeconds: 10, credential: { keyId: TERMINAL, secretFile: join(dir, 'platform.secret') } };
  // A quiet window starting at midnight: yesterday is due whenever the test runs.
  config.quietWindow = { start: '00:00', end: '01:00' };
  writeFileSync(join(dir, 'terminal.json'), JSON.stringify(config));
  return { sim, dir, dataDir, keys, noon };
}

describe('the daily payment reconciliation against the platform simulator', () => {
  it('reports yesterday’s differences once to staff and to the platform, and not again after a restart', async () => {
    const { sim, dir, dataDir, keys, noon } = await yesterdayWithDifferences();
    const runtimes: KioskRuntime[] = [];
    onTestFinished(async () => {
      for (const r of runtimes) await r.shutdown();
    });
    const start = async () => {
      const runtime = await createKioskRuntime({
        dataDir,
        sampleConfigFile: 'config/terminal.sample.json',
        configFile: join(dir, 'terminal.json'),
        logger: silentLogger,
        appVersion: '0.0.0-test',
        shell: 'browser',
        deviceHost: 'in-process',
      });
      runtimes.push(runtime);
      return runtime;
    };
    const reconciliationEvents = () => sim.records.events({ type: 'reconciliation', terminalId: TERMINAL });
    const beats = () => sim.records.heartbeats().find((h) => h.terminalId === TERMINAL)?.count ?? 0;

    const first = await start();
    await vi.waitFor(() => expect(reconciliationEvents()).toHaveLength(1), wait);
    const payload = reconciliationEvents()[0]!.payload as unknown as ReconciliationEventPayload;
    expect(payload).toMatchObject({ date: localDayOf(noon), ledgerEntryCount: 2, platformOrderCount: 3, differenceCount: 2, cardPaymentsNotCompared: 0 });
    expect(payload.ledgerByState.delivered).toEqual({ count: 2, amountFen: 3000 });
    expect(payload.differences).toEqual([
      { kind: 'ledger-kept-platform-not', idempotencyKey: keys.reversed, method: 'payment-code', ledgerState: 'delivered', platformState: 'reversed', ledgerAmountFen: 1500, platformAmountFen: 1500, platformRefundedFen: 0 },
      { kind: 'platform-kept-ledger-not', idempotencyKey: keys.unknown, method: 'payment-code', ledgerState: 'none', platformState: 'paid', ledgerAmountFen: null, platformAmountFen: 1500, platformRefundedFen: 0 },
    ]);

    // Staff see one notice on the maintenance screen, naming the day, the counts and the payment ids.
    const origin = { transport: 'websocket' as const, peer: 'test' };
    await first.bridge.handle({ kind: 'intent', id: 1, intent: { type: 'staff.openLogin' } }, origin);
    expect(await first.bridge.handle({ kind: 'intent', id: 2, intent: { type: 'staff.submitPin', pin: '135790' } }, origin)).toMatchObject({ ok: true });
    const notices = async (runtime: KioskRuntime) => {
      const snapshot = (await runtime.bridge.handle({ kind: 'query', id: 3, query: { type: 'snapshot.get' } }, origin)) as { ok: true; result: { screen: { info: { notices: Array<{ code: string; message: string }> } } } };
      return snapshot.result.screen.info.notices.filter((n) => n.code === RECONCILIATION_NOTICE);
    };
    const [notice, ...more] = await notices(first);
    expect(more).toEqual([]);
    expect(notice?.message).toContain(`Payment reconciliation ${localDayOf(noon)}: 2 differences`);
    expect(notice?.message).toContain(`platform kept money the ledger did not: 1 (${keys.unknown})`);
    expect(notice?.message).toContain(`ledger kept money the platform did not: 1 (${keys.reversed})`);

    // More heartbeats (each one a chance to run) and a restart: the day is not reconciled twice.
    const seen = beats();
    await vi.waitFor(() => expect(beats()).toBeGreaterThanOrEqual(seen + 2), wait);
    await first.shutdown();
    const second = await start();
    const afterRestart = beats();
    await vi.waitFor(() => expect(beats()).toBeGreaterThanOrEqual(afterRestart + 2), wait);
    expect(reconciliationEvents()).toHaveLength(1);
    await second.bridge.handle({ kind: 'intent', id: 1, intent: { type: 'staff.openLogin' } }, origin);
    await second.bridge.handle({ kind: 'intent', id: 2, intent: { type: 'staff.submitPin', pin: '135790' } }, origin);
    expect(await notices(second)).toHaveLength(1);
  }, 120_000);

  it('kioskctl ledger check uses the same comparison, and finds the order the ledger never recorded', async () => {
    const { sim, dir, dataDir, keys } = await yesterdayWithDifferences();
    const check = await runKioskctl(['ledger', 'check', '--data-dir', dataDir, '--config', join(dir, 'terminal.json'), '--platform', sim.url]);
    const summary = JSON.parse(check.out);
    expect(summary.platformMismatches).toEqual([
      { paymentId: keys.reversed, ledger: 'delivered', platform: 'reversed' },
      { paymentId: keys.unknown, ledger: 'none', platform: 'paid' },
    ]);
    expect(summary.platformDifferences.map((d: { kind: string }) => d.kind)).toEqual(['ledger-kept-platform-not', 'platform-kept-ledger-not']);
    // Both were delivered and nobody was charged twice: the ledger's own promises hold.
    expect(summary).toMatchObject({ ok: true, chargedTwice: [] });
    expect(check.code).toBe(0);
  }, 90_000);

  it('the simulator stores a valid reconciliation event and refuses one that breaks the contract', async () => {
    const sim = await startPlatformSimulator({ dataDir: mkdtempSync(join(tmpdir(), 'platform-sim-')) });
    const client = terminalClient(sim.url);
    onTestFinished(async () => {
      client.close();
      await sim.close();
    });
    await register(client);
    const totals = Object.fromEntries(
      ['created', 'pending', 'paid', 'delivered', 'reversed', 'refunding', 'refunded', 'handed-to-staff', 'declined', 'cancelled'].map((s) => [s, { count: 0, amountFen: 0 }]),
    ) as ReconciliationEventPayload['ledgerByState'];
    const difference = { kind: 'unsettled', idempotencyKey: 'pay-recon-00001', method: 'qr', ledgerState: 'pending', platformState: 'paid', ledgerAmountFen: 800, platformAmountFen: 800, platformRefundedFen: 0 } as const;
    const payload: ReconciliationEventPayload = {
      date: '2026-11-22',
      from: '2026-11-21T16:00:00.000Z',
      to: '2026-11-22T16:00:00.000Z',
      ledgerByState: { ...totals, pending: { count: 1, amountFen: 800 } },
      ledgerEntryCount: 1,
      platformOrderCount: 1,
      cardPaymentsNotCompared: 0,
      differenceCount: 1,
      differences: [difference],
    };
    const event = (eventId: string, body: unknown) => ({ eventId, type: 'reconciliation', occurredAt: new Date().toISOString(), payload: body }) as PlatformEvent;
    const outcome = await client.postEventBatch({
      batchId: 'batch-recon-0001',
      sentAt: new Date().toISOString(),
      events: [
        event('reconciliation-ok-0001', payload),
        event('reconciliation-bad-count', { ...payload, differences: [difference, { ...difference, idempotencyKey: 'pay-recon-00002' }] }),
        event('reconciliation-bad-kind', { ...payload, differences: [{ ...difference, kind: 'looks-odd' }] }),
        event('reconciliation-bad-date', { ...payload, date: '22.11.2026' }),
      ],
    });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.value.acknowledged).toEqual(['reconciliation-ok-0001']);
    expect(outcome.value.refused.map((r) => [r.eventId, r.error.code])).toEqual([
      ['reconciliation-bad-count', 'invalid-event'],
      ['reconciliation-bad-kind', 'invalid-event'],
      ['reconciliation-bad-date', 'invalid-event'],
    ]);
    expect(sim.records.events({ type: 'reconciliation' }).map((e) => e.payload)).toEqual([payload]);
  });
});
