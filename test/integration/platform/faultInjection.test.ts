import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformClient } from '../../../electron/platform/platformClient.js';
import type { EventBatchRequest } from '../../../electron/platform/platformApiTypes.js';
import { type PlatformHarness, heartbeat, okValue, registered, startHarness } from './platformTestKit.js';

/**
 * Each fault the simulator can inject, and the outcome the terminal's client must report for
 * it: the distinction between "unavailable" (nothing happened) and "unknown" (it may have
 * happened) is what the outbox and the payments ledger build on.
 */

let h: PlatformHarness;
let client: PlatformClient;
let impatient: PlatformClient;
const TERMINAL = 'GZ-FLT-0001';
const key = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

const batch = (): EventBatchRequest => ({
  batchId: key('batch'),
  sentAt: new Date().toISOString(),
  events: [{ eventId: key('ev'), type: 'case', occurredAt: new Date().toISOString(), payload: { caseNumber: 'CJ2026000777', service: 'exit-entry-endorsement', status: 'completed' } }],
});
const storedCount = (eventId: string) => h.sim.records.events().filter((e) => e.eventId === eventId).length;
const heartbeatsSoFar = () => h.sim.records.heartbeats().find((x) => x.terminalId === TERMINAL)?.count ?? 0;

beforeAll(async () => {
  h = await startHarness();
  client = h.client(TERMINAL);
  impatient = h.client(TERMINAL, { timeoutMs: 400 });
  await registered(client, TERMINAL);
});

afterAll(async () => {
  expect(h.allViolations()).toEqual([]);
  await h.close();
});

describe('faults and outcomes', () => {
  it('latency within the timeout is only slow; beyond it a POST is unknown (and was done) and a GET is unavailable', async () => {
    h.sim.faults.add({ kind: 'latency', latencyMs: 50, path: '/v1/heartbeats' });
    expect(okValue(await client.sendHeartbeat(heartbeat(1))).commands).toEqual([]);

    const before = heartbeatsSoFar();
    h.sim.faults.add({ kind: 'latency', latencyMs: 1500, path: '/v1/heartbeats' });
    expect(await impatient.sendHeartbeat(heartbeat(2))).toMatchObject({ kind: 'unknown', reason: 'timeout-after-send' });
    await expect.poll(heartbeatsSoFar, { timeout: 5000 }).toBe(before + 1);

    h.sim.faults.add({ kind: 'latency', latencyMs: 1500, path: '/v1/config-bundles/latest' });
    expect(await impatient.fetchLatestConfigBundle()).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });

  it('a 5xx is unavailable and nothing was stored; the retry goes through', async () => {
    h.sim.faults.add({ kind: 'server-error', status: 500, path: '/v1/event-batches' });
    const events = batch();
    expect(await client.postEventBatch(events)).toMatchObject({ kind: 'unavailable', reason: 'server-error', status: 500, error: { code: 'unavailable', retryable: true } });
    expect(storedCount(events.events[0]?.eventId ?? '')).toBe(0);
    expect(okValue(await client.postEventBatch(events)).acknowledged).toHaveLength(1);
  });

  it('a dropped connection is unknown for a POST, unavailable for a GET; the platform did nothing, and the retry stores the events once', async () => {
    h.sim.faults.add({ kind: 'drop-connection', path: '/v1/event-batches' });
    const events = batch();
    expect(await client.postEventBatch(events)).toMatchObject({ kind: 'unknown', reason: 'connection-lost-after-send' });
    expect(storedCount(events.events[0]?.eventId ?? '')).toBe(0);
    expect(okValue(await client.postEventBatch(events))).toMatchObject({ duplicateBatch: false });
    expect(storedCount(events.events[0]?.eventId ?? '')).toBe(1);

    h.sim.faults.add({ kind: 'drop-connection', path: '/v1/config-bundles/*', method: 'GET' });
    expect(await client.fetchLatestConfigBundle()).toMatchObject({ kind: 'unavailable', reason: 'network' });
  });

  it('a response lost after the work was done is unknown; the retry finds the work done, exactly once', async () => {
    h.sim.faults.add({ kind: 'lose-response', path: '/v1/event-batches' });
    const events = batch();
    expect(await client.postEventBatch(events)).toMatchObject({ kind: 'unknown', reason: 'connection-lost-after-send' });
    expect(storedCount(events.events[0]?.eventId ?? '')).toBe(1);
    expect(okValue(await client.postEventBatch(events))).toMatchObject({ duplicateBatch: true, acknowledged: [events.events[0]?.eventId] });
    expect(h.sim.records.events().filter((e) => e.eventId === events.events[0]?.eventId)).toHaveLength(1);
  });

  it('a payment whose answer was lost is found by its key and never charged twice', async () => {
    h.sim.faults.add({ kind: 'lose-response', path: '/v1/payment-orders', method: 'POST' });
    const order = {
      idempotencyKey: key('pay'),
      caseNumber: 'CJ2026000777',
      service: 'exit-entry-endorsement' as const,
      method: 'payment-code' as const,
      amountFen: 1500,
      items: [{ code: 'endorsement-single', amountFen: 1500 }],
      paymentCode: '134567890123456781',
    };
    expect(await client.createPaymentOrder(order)).toMatchObject({ kind: 'unknown' });
    expect(okValue(await client.queryPaymentOrder(order.idempotencyKey)).state).toBe('paid');
    expect(okValue(await client.createPaymentOrder(order))).toMatchObject({ replayed: true, order: { state: 'paid' } });
    expect(h.sim.records.paymentOrders().find((o) => o.idempotencyKey === order.idempotencyKey)).toMatchObject({ charges: 1, createRequests: 2 });
  });

  it('a body that trickles in past the timeout is unknown for a POST (the work was done); a fast enough one is fine', async () => {
    h.sim.faults.add({ kind: 'slow-body', bytesPerSecond: 20, path: '/v1/event-batches' });
    const events = batch();
    expect(await impatient.postEventBatch(events)).toMatchObject({ kind: 'unknown', reason: 'timeout-after-send' });
    expect(storedCount(events.events[0]?.eventId ?? '')).toBe(1);
    h.sim.faults.add({ kind: 'slow-body', bytesPerSecond: 1_000_000, path: '/v1/heartbeats' });
    expect(okValue(await client.sendHeartbeat(heartbeat(3))).commands).toEqual([]);
  });

  it('clock skew makes the platform refuse timestamps as stale; the client takes the platform time from the refusal and gets through', async () => {
    const skewed = () => h.sim.faults.list().find((f) => f.kind === 'clock-skew')?.hits ?? 0;
    // The platform's clock ten minutes behind, past its five-minute window, until cleared.
    h.sim.faults.add({ kind: 'clock-skew', skewMs: -600_000, path: '/v1/heartbeats', count: null });
    const behind = okValue(await client.sendHeartbeat(heartbeat(4)));
    expect(Date.parse(behind.serverTime) - Date.now()).toBeLessThan(-500_000);
    expect(skewed()).toBe(2); // refused as stale, then signed again with the platform's time
    okValue(await client.sendHeartbeat(heartbeat(5)));
    expect(skewed()).toBe(3); // right the first time from then on
    // The platform clock moves on by two minutes, still within the window of the corrected time: accepted at once.
    h.sim.faults.clear();
    h.sim.faults.add({ kind: 'clock-skew', skewMs: 120_000 - 600_000, path: '/v1/heartbeats' });
    const ahead = okValue(await client.sendHeartbeat(heartbeat(6)));
    // Answered by the skewed platform: the first attempt went through (a retry would have met the unskewed one).
    expect(Date.parse(ahead.serverTime) - Date.now()).toBeLessThan(-400_000);
  });

  it('faults keep to their path and count, and can be set and cleared over the admin API', async () => {
    const simUrl = (path: string) => `${h.sim.url}${path}`;
    const auth = { authorization: `Bearer ${h.sim.adminToken}`, 'content-type': 'application/json' };
    expect((await fetch(simUrl('/sim/faults'), { method: 'POST', body: '{}' })).status).toBe(401);
    const added = await fetch(simUrl('/sim/faults'), { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'server-error', path: '/v1/payment-orders/*', count: 2 }) });
    expect(added.status).toBe(200);
    expect(okValue(await client.sendHeartbeat(heartbeat(7))).commands).toEqual([]);
    expect(await client.queryPaymentOrder('never-used-0002')).toMatchObject({ kind: 'unavailable' });
    const listed = (await (await fetch(simUrl('/sim/faults'), { headers: auth })).json()) as { faults: { count: number; hits: number }[] };
    expect(listed.faults).toMatchObject([{ count: 1, hits: 1 }]);
    expect(await client.queryPaymentOrder('never-used-0002')).toMatchObject({ kind: 'unavailable' });
    expect(await client.queryPaymentOrder('never-used-0002')).toMatchObject({ kind: 'rejected', error: { code: 'payment-order-not-found' } });

    await fetch(simUrl('/sim/faults'), { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'drop-connection', path: '*', count: null }) });
    const cleared = await fetch(simUrl('/sim/faults'), { method: 'DELETE', headers: auth });
    expect(((await cleared.json()) as { faults: unknown[] }).faults).toEqual([]);
    expect(okValue(await client.sendHeartbeat(heartbeat(8))).commands).toEqual([]);
    const bad = await fetch(simUrl('/sim/faults'), { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'meteor' }) });
    expect(bad.status).toBe(400);
  });
});

describe('a platform that is not there', () => {
  it('is unavailable, for a POST as much as a GET: nothing can have been received', async () => {
    const gone = await startHarness();
    const url = gone.sim.url;
    await gone.close();
    const orphan = h.client(TERMINAL, { baseUrl: url });
    expect(await orphan.postEventBatch(batch())).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(await orphan.fetchLatestConfigBundle()).toMatchObject({ kind: 'unavailable', reason: 'network' });
  });
});
