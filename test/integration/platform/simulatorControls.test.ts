import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient } from '../../../electron/platform/platformClient.js';
import { type PlatformHarness, heartbeat, okValue, registered, startHarness } from './platformTestKit.js';

/**
 * The simulator's own surface beyond the contract: the update feed hook, the fleet page, and
 * the /sim/ controls tests and demos use (settle a payment, read records, add credentials).
 */

let h: PlatformHarness;
let terminal: PlatformClient;
const TERMINAL = 'GZ-SIM-0001';
const hookCalls: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    maxEventBatchSize: 2,
    qrPaidOnQuery: 0,
    // What createUpdateFeedHandler(dir) will be: answer what it serves, pass on the rest.
    updateFeedHandler: (req, res) => {
      hookCalls.push(req.url ?? '');
      if (req.url !== '/updates/latest.yml') return false;
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end('version: 0.2.0\n');
      return true;
    },
  });
  terminal = h.client(TERMINAL);
  await registered(terminal, TERMINAL);
});

afterAll(async () => {
  expect(h.allViolations()).toEqual([]);
  await h.close();
});

const sim = (path: string, init: RequestInit = {}) =>
  fetch(`${h.sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${h.sim.adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('the update feed hook', () => {
  it('gets every request under /updates/ first; what it passes on is a 404 in the error shape', async () => {
    const served = await fetch(`${h.sim.url}/updates/latest.yml`);
    expect([served.status, await served.text()]).toEqual([200, 'version: 0.2.0\n']);
    const missing = await fetch(`${h.sim.url}/updates/kiosk-0.2.0.exe`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not-found');
    expect(hookCalls).toEqual(['/updates/latest.yml', '/updates/kiosk-0.2.0.exe']);
  });
});

describe('the fleet page', () => {
  it('needs the admin token and shows each terminal with its devices, escaped', async () => {
    okValue(
      await terminal.sendHeartbeat(
        heartbeat(1, { devices: [{ id: '<b>printer</b>', kind: 'receipt-printer', state: 'fault', faultCode: 'paper-out', counters: {} }] }),
      ),
    );
    expect((await fetch(`${h.sim.url}/`)).status).toBe(401);
    const page = await (await fetch(`${h.sim.url}/?token=${encodeURIComponent(h.sim.adminToken)}`)).text();
    expect(page).toContain('<h1>Fleet (1 terminal)</h1>');
    expect(page).toContain(TERMINAL);
    expect(page).toContain('&lt;b&gt;printer&lt;/b&gt;: fault (paper-out)');
    expect(page).not.toContain('<b>printer</b>');
  });
});

describe('/sim/ controls', () => {
  it('settles a pending order as the payer would, once', async () => {
    const idempotencyKey = 'pay-settle-0001';
    const created = okValue(
      await terminal.createPaymentOrder({ idempotencyKey, caseNumber: 'CJ2026000555', service: 'exit-entry-endorsement', method: 'qr', amountFen: 1500, items: [{ code: 'endorsement-single', amountFen: 1500 }] }),
    );
    expect(created.order.state).toBe('pending');
    expect(okValue(await terminal.queryPaymentOrder(idempotencyKey)).state).toBe('pending');
    const settle = () => sim('/sim/payments/settle', { method: 'POST', body: JSON.stringify({ terminalId: TERMINAL, idempotencyKey, outcome: 'paid' }) });
    expect((await settle()).status).toBe(200);
    expect(okValue(await terminal.queryPaymentOrder(idempotencyKey)).state).toBe('paid');
    const twice = await settle();
    expect([twice.status, ((await twice.json()) as { code: string }).code]).toEqual([409, 'order-not-pending']);
  });

  it('serves its records, and refuses without the admin token', async () => {
    okValue(
      await terminal.postEventBatch({
        batchId: 'batch-records-01',
        sentAt: new Date().toISOString(),
        events: [{ eventId: 'ev-records-0001', type: 'case', occurredAt: new Date().toISOString(), payload: { caseNumber: 'CJ2026000555', service: 'exit-entry-endorsement', status: 'started' } }],
      }),
    );
    const events = (await (await sim('/sim/records/events')).json()) as { events: { eventId: string }[] };
    expect(events.events.map((e) => e.eventId)).toEqual(['ev-records-0001']);
    expect((await fetch(`${h.sim.url}/sim/records/events`)).status).toBe(401);
    expect((await sim('/sim/records/secrets')).status).toBe(404);
  });

  it('refuses a batch larger than the platform allows', async () => {
    const event = (n: number) => ({ eventId: `ev-large-000${n}`, type: 'case' as const, occurredAt: new Date().toISOString(), payload: { caseNumber: 'CJ2026000555', service: 'exit-entry-endorsement' as const, status: 'started' as const } });
    expect(await terminal.postEventBatch({ batchId: 'batch-large-01', sentAt: new Date().toISOString(), events: [event(1), event(2), event(3)] })).toMatchObject({
      kind: 'rejected',
      error: { code: 'invalid-request' },
    });
  });

  it('adds a credential over HTTP, after which that key signs for its terminal', async () => {
    const secret = 'a-per-terminal-secret-added-over-http';
    const added = await sim('/sim/credentials', { method: 'POST', body: JSON.stringify({ keyId: 'key-sim-0002', terminalId: 'GZ-SIM-0002', secret }) });
    expect(added.status).toBe(200);
    await registered(h.client('GZ-SIM-0002', { credential: { keyId: 'key-sim-0002', secret, algorithm: 'hmac-sm3' } }), 'GZ-SIM-0002');
    const refused = await sim('/sim/credentials', { method: 'POST', body: JSON.stringify({ keyId: 'k', terminalId: 'x', secret: 'short' }) });
    expect(refused.status).toBe(400);
  });
});
