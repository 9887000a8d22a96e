import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultInput } from '../platform-sim/faultPlan.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type RunningPlatformSimulator } from '../platform-sim/platformSimulator.js';
import { BridgeTestClient, startKiosk } from '../helpers/kioskProcess.js';

/**
 * Crash tests of the payment path against the real platform simulator: a kiosk process on
 * simulated devices pays for an endorsement, is killed with SIGKILL at a point of the payment
 * path (a request in flight, or the platform's work done and its answer not yet back), and
 * is started again on the same data directory. Whatever the point, the case must end in
 * exactly one of delivered, reversed, refunded or handed to staff (or, when no money moved,
 * nothing charged), the platform's orders must agree with the ledger (`kioskctl ledger
 * check`), and the citizen is charged at most once.
 */

const execFileAsync = promisify(execFile);
const SERVICE_ID = 'hk-macau-endorsement';
const STAFF_PIN = '135790';
const DEMO_PERMIT = 'C00000001';

let sim: RunningPlatformSimulator;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-crash-'));
  sim = await startPlatformSimulator({ dataDir: join(root, 'sim') });
  writeFileSync(join(root, 'platform.secret'), `${DEMO_TERMINAL_SECRET}\n`, { mode: 0o600 });
});

afterAll(async () => {
  await sim?.close();
});

function configure(config: Record<string, any>): void {
  config.platform = {
    baseUrl: `${sim.url}/`,
    requestTimeoutSeconds: 5,
    heartbeatSeconds: 30,
    credential: { keyId: config.terminalId, secretFile: join(root, 'platform.secret') },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads the kiosk's database (it survives SIGKILL; a WAL reader does not block the kiosk). */
function readKioskDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The kiosk's own record of its flow. */
function flowRow(dataDir: string): { flowId: string; step: string; status: string } | null {
  return readKioskDb(
    dataDir,
    (db) => (db.prepare('SELECT flow_id AS flowId, step, status FROM flows ORDER BY created_at DESC LIMIT 1').get() as { flowId: string; step: string; status: string } | undefined) ?? null,
  );
}

function ledgerStates(dataDir: string): string[] {
  return readKioskDb(dataDir, (db) => (db.prepare('SELECT state FROM payments ORDER BY created_at').all() as { state: string }[]).map((row) => row.state));
}

function ledgerPaymentIds(dataDir: string): string[] {
  return readKioskDb(dataDir, (db) => (db.prepare('SELECT payment_id AS id FROM payments').all() as { id: string }[]).map((row) => row.id));
}

function platformOrders(): { state: string; charges: number }[] {
  return sim.store.stmt("SELECT state, charges FROM payment_orders WHERE service = 'exit-entry-endorsement' ORDER BY created_at").all() as {
    state: string;
    charges: number;
  }[];
}

async function screenStep(client: BridgeTestClient): Promise<string | null> {
  const screen = (await client.snapshot()).screen;
  return screen.name === 'flow' ? screen.flow.view.step : null;
}

/** A citizen on the demo documents, verified by staff, pays the first offered option by payment code. */
async function payForEndorsement(client: BridgeTestClient, fault: FaultInput): Promise<void> {
  const step = (name: string) => until(`step ${name}`, async () => ((await screenStep(client)) === name ? name : null));
  await client.intent({ type: 'session.start' });
  await client.intent({ type: 'menu.selectService', serviceId: SERVICE_ID });
  // The service opens once the terminal has registered with the platform.
  await until('the service to be available', async () => ((await client.intent({ type: 'service.start', serviceId: SERVICE_ID })).ok ? true : null));
  await step('read-permit');
  await client.intent({ type: 'demo.simulate', deviceId: 'permit-reader', action: { action: 'permit.present', document: 'hk-macau-permit' } });
  await step('read-id-card');
  await client.intent({ type: 'demo.simulate', deviceId: 'id-reader', action: { action: 'idcard.place-card', persona: 'permit-holder' } });
  await step('capture-face');
  await client.intent({ type: 'flow.verifyByStaff' });
  await client.intent({ type: 'flow.staffVerified', pin: STAFF_PIN });
  await step('choose');
  const screen = (await client.snapshot()).screen;
  if (screen.name !== 'flow' || screen.flow.kind !== 'exit-entry-endorsement' || screen.flow.view.screen !== 'choose-endorsement') throw new Error('not choosing');
  const choice = screen.flow.view.choices[0]!;
  await client.intent({ type: 'flow.choose', kind: choice.kind, destination: choice.destination, optionCode: choice.options[0]!.optionCode });
  await step('choose-payment');
  await client.intent({ type: 'flow.pay', method: 'payment-code' });
  await step('scan-code');
  expect(sim.faults.add(fault)).toMatchObject({ ok: true });
  await client.intent({ type: 'demo.simulate', deviceId: 'code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' } });
}

interface CrashCase {
  name: string;
  fault: FaultInput;
  /** The flow step the kiosk is in when it is killed. */
  killIn: string;
  /** True once the platform has done (or has not started) the work the kill must interrupt. */
  platformReady: () => boolean;
  before?: () => void;
  expected: { ledger: string[]; platform: string[]; flowEndsIn: readonly string[] };
}

const slowAnswer = (path: string): FaultInput => ({ kind: 'slow-body', bytesPerSecond: 1, path, method: 'POST', count: 1 });

const CASES: CrashCase[] = [
  {
    name: 'charge: killed while the order request waits at the platform (nothing taken yet); nothing is charged',
    fault: { kind: 'latency', latencyMs: 4_000, path: '/v1/payment-orders', method: 'POST', count: 1 },
    killIn: 'charge',
    // The fault is used up once the request has arrived (and is being held).
    platformReady: () => sim.faults.list().length === 0,
    // The order arrives after the kill (the latency was before the work), so the platform still
    // takes it: the restart's query finds it and the flow goes on with the money it took.
    expected: { ledger: ['delivered'], platform: ['paid'], flowEndsIn: ['rate', 'record-rating', 'done'] },
  },
  {
    name: 'charge: killed after the platform took the money, its answer still on the wire; the restart queries and delivers',
    fault: slowAnswer('/v1/payment-orders'),
    killIn: 'charge',
    platformReady: () => platformOrders().some((o) => o.state === 'paid'),
    expected: { ledger: ['delivered'], platform: ['paid'], flowEndsIn: ['rate', 'record-rating', 'done'] },
  },
  {
    name: 'issue: killed after the platform issued, its answer still on the wire; the repeat is answered from the first issue',
    fault: slowAnswer('/v1/endorsement/issuances'),
    killIn: 'issue',
    platformReady: () => (sim.store.stmt("SELECT COUNT(*) AS n FROM idempotent_responses WHERE scope = 'issuance'").get() as { n: number }).n > 0,
    expected: { ledger: ['delivered'], platform: ['paid'], flowEndsIn: ['rate', 'record-rating', 'done'] },
  },
  {
    name: 'refund: issuing failed, killed after the platform refunded, its answer still on the wire; refunded exactly once',
    before: () => sim.store.stmt('UPDATE holders SET issue_fails = 1 WHERE permit_number = ?').run(DEMO_PERMIT),
    fault: slowAnswer('/v1/payment-orders/*/refunds'),
    killIn: 'refund',
    platformReady: () => platformOrders().some((o) => o.state === 'refunded'),
    expected: { ledger: ['refunded'], platform: ['refunded'], flowEndsIn: ['rate', 'record-rating', 'done-refunded'] },
  },
];

describe('payment path: SIGKILL at each point, restart, the platform agrees', () => {
  it.each(CASES)('$name', async (crash) => {
    sim.faults.clear();
    sim.store.stmt('UPDATE holders SET issue_fails = 0 WHERE permit_number = ?').run(DEMO_PERMIT);
    sim.store.stmt("DELETE FROM payment_orders WHERE service = 'exit-entry-endorsement'").run();
    crash.before?.();
    const dataDir = mkdtempSync(join(root, 'kiosk-'));

    const first = await startKiosk({ dataDir, config: configure });
    const client = await BridgeTestClient.connect(first);
    await payForEndorsement(client, crash.fault);
    await until(`the kiosk in ${crash.killIn}`, () => (flowRow(dataDir)?.step === crash.killIn ? true : null));
    await until('the platform at the kill point', () => (crash.platformReady() ? true : null));
    client.close();
    await first.stop('SIGKILL');

    const second = await startKiosk({ dataDir, config: configure });
    // The citizen is most likely still at the terminal: the restarted kiosk puts their visit back on the screen, in a session.
    const watcher = await BridgeTestClient.connect(second);
    const shown = await watcher.snapshot();
    watcher.close();
    expect(shown.session).not.toBeNull();
    expect(shown.screen).toMatchObject({ name: 'flow', flow: { flowId: flowRow(dataDir)?.flowId } });
    const row = await until('the flow to settle', () => {
      const current = flowRow(dataDir);
      return current && crash.expected.flowEndsIn.includes(current.step) ? current : null;
    }, 25_000);
    expect(crash.expected.flowEndsIn).toContain(row.step);
    await until('the ledger to settle', () => (ledgerStates(dataDir).every((s) => !['created', 'pending', 'paid', 'refunding'].includes(s)) ? true : null));
    expect(ledgerStates(dataDir)).toEqual(crash.expected.ledger);
    expect(platformOrders().map((o) => o.state)).toEqual(crash.expected.platform);
    // One charge at the payer's wallet, whatever was repeated.
    expect(platformOrders().every((o) => o.charges <= 1)).toBe(true);
    // The ledger's facts reach the platform (the outbox survived the kill too), the final state among them.
    const finalState = crash.expected.ledger.at(-1)!;
    const paymentIds = new Set(ledgerPaymentIds(dataDir));
    await until('the final payment fact at the platform', () =>
      sim.records
        .events({ type: 'payment' })
        .some((e) => {
          const payload = e.payload as { idempotencyKey?: string; state?: string };
          return paymentIds.has(payload.idempotencyKey ?? '') && payload.state === finalState;
        })
        ? true
        : null,
    );
    // The case's milestones reach the platform too: paid, and what became of it after.
    const caseNumber = (sim.store.stmt("SELECT case_number AS n FROM payment_orders WHERE service = 'exit-entry-endorsement'").get() as { n: string }).n;
    const milestone = crash.expected.ledger[0] === 'refunded' ? 'issue-failed' : 'issued';
    await until(`case ${caseNumber} ${milestone} at the platform`, () => {
      const statuses = sim.records.events({ type: 'case' }).map((e) => e.payload as { caseNumber?: string; status?: string }).filter((p) => p.caseNumber === caseNumber).map((p) => p.status);
      return statuses.includes('paid') && statuses.includes(milestone) ? true : null;
    });
    await second.stop();

    const { stdout } = await execFileAsync(process.execPath, ['bin/kioskctl.mjs', 'ledger', 'check', '--data-dir', dataDir, '--platform', sim.url, '--config', join(dataDir, 'terminal.json')]);
    const summary = JSON.parse(stdout) as { ok: boolean; chargedTwice: string[]; platformMismatches: unknown[] | null };
    expect(summary).toMatchObject({ ok: true, chargedTwice: [], platformMismatches: [] });
  });
});
