import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBatchRequest, EventBatchResponse } from '../../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../../electron/platform/platformOutcome.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { OutboxStore } from '../../../../electron/runtime/outbox/outboxStore.js';
import { OutboxWriter } from '../../../../electron/runtime/outbox/outboxWriter.js';
import { PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { OutboxDeliveryAgent } from '../../../../electron/runtime/sync/outboxDeliveryAgent.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { openTestStore, tempDir } from '../../store/storeTestKit.js';

/**
 * A platform that keeps events by id (as the real one must) and can be told to fail the next
 * calls in the ways a network fails: unavailable (nothing stored), or unknown after storing.
 */
class RecordingPlatform {
  readonly received = new Map<string, number>();
  readonly batchIds: string[] = [];
  plan: Array<'ok' | 'unavailable' | 'lose-response' | { refuse: string[] }> = [];
  async postEventBatch(body: EventBatchRequest): Promise<PlatformOutcome<EventBatchResponse>> {
    this.batchIds.push(body.batchId);
    const step = this.plan.shift() ?? 'ok';
    if (step === 'unavailable') return { kind: 'unavailable', reason: 'network', detail: 'connection refused' };
    const refuse = typeof step === 'object' ? new Set(step.refuse) : new Set<string>();
    const acknowledged: string[] = [];
    const refused: EventBatchResponse['refused'] = [];
    for (const event of body.events) {
      if (refuse.has(event.eventId)) refused.push({ eventId: event.eventId, error: { code: 'invalid-event', message: { 'zh-CN': '无效', en: 'invalid' }, retryable: false } });
      else {
        this.received.set(event.eventId, (this.received.get(event.eventId) ?? 0) + 1);
        acknowledged.push(event.eventId);
      }
    }
    if (step === 'lose-response') return { kind: 'unknown', reason: 'connection-lost-after-send', detail: 'reset' };
    return { kind: 'ok', status: 200, value: { batchId: body.batchId, acknowledged, refused, duplicateBatch: false } };
  }
  /** What the platform holds, each event once however often it arrived. */
  uniqueEvents(): number {
    return this.received.size;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(batchSize = 3) {
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
  const store = openTestStore(path.join(tempDir(), 'kiosk.db'), clock);
  stores.push(store);
  const writer = new OutboxWriter(store.db, clock);
  const outbox = new OutboxStore(store.db, clock);
  const platform = new RecordingPlatform();
  const agent = new OutboxDeliveryAgent({ outbox, platform, clock, logger: silentLogger, settings: { batchSize, backoff: { baseMs: 1_000, maxMs: 60_000 }, idleCheckMs: 30_000 }, random: () => 0.5 });
  const add = (n: number) => Array.from({ length: n }, (_, i) => writer.append('device-fault', { deviceId: `d${i}`, kind: 'receipt-printer', state: 'fault', faultCode: 'paper-end', cleared: false }));
  return { clock, store, writer, outbox, platform, agent, add };
}

describe('OutboxDeliveryAgent', () => {
  it('delivers in order, in batches, and removes only what was acknowledged', async () => {
    const { agent, add, outbox, platform } = setup();
    add(7);
    expect(await agent.deliverOnce()).toEqual({ kind: 'delivered', acknowledged: 3, refused: 0, remaining: 4 });
    await agent.deliverOnce();
    await agent.deliverOnce();
    expect(await agent.deliverOnce()).toEqual({ kind: 'idle' });
    expect(platform.uniqueEvents()).toBe(7);
    expect(outbox.health()).toEqual({ depth: 0, oldestAgeSeconds: null, deadLetters: 0 });
  });

  it('a partition keeps everything queued; the retry is the same batch', async () => {
    const { agent, add, outbox, platform } = setup();
    add(3);
    platform.plan = ['unavailable'];
    expect(await agent.deliverOnce()).toMatchObject({ kind: 'failed', outcome: 'unavailable' });
    expect(outbox.health().depth).toBe(3);
    await agent.deliverOnce();
    expect(platform.batchIds[0]).toBe(platform.batchIds[1]);
    expect(outbox.health().depth).toBe(0);
  });

  it('a response lost after the platform stored the batch: resent, stored once', async () => {
    const { agent, add, platform, outbox } = setup();
    add(3);
    platform.plan = ['lose-response'];
    expect(await agent.deliverOnce()).toMatchObject({ kind: 'failed', outcome: 'unknown' });
    await agent.deliverOnce();
    expect([...platform.received.values()]).toEqual([2, 2, 2]); // arrived twice each…
    expect(platform.uniqueEvents()).toBe(3); // …kept once each, by event id
    expect(outbox.health().depth).toBe(0);
  });

  it('sets refused and unreadable events aside instead of blocking the queue', async () => {
    const { agent, add, platform, outbox, store } = setup(10);
    const ids = add(3);
    store.db.prepare("INSERT INTO outbox_events (event_id, kind, payload, created_at) VALUES ('bad-payment', 'payment', '{}', 0)").run();
    platform.plan = [{ refuse: [ids[1]!] }];
    expect(await agent.deliverOnce()).toEqual({ kind: 'delivered', acknowledged: 2, refused: 2, remaining: 0 });
    expect(outbox.health()).toMatchObject({ depth: 0, deadLetters: 2 });
    const dead = store.db.prepare('SELECT event_id AS id, error FROM outbox_dead_letters ORDER BY event_id').all();
    expect(dead).toEqual([
      { id: 'bad-payment', error: 'payment fact without paymentId, method, amountFen or state' },
      { id: ids[1], error: 'invalid-event: invalid' },
    ]);
  });

  it('sends payment facts in the contract vocabulary', async () => {
    const { agent, store, clock, platform } = setup(10);
    const ledger = new PaymentLedger(store.db, clock);
    const entry = ledger.create({ caseId: 'CASE-9', serviceKind: 'exit-entry-endorsement', method: 'bank-card', amountFen: 1500 });
    ledger.move(entry.paymentId, 'pending', 'charge requested');
    const sent: unknown[] = [];
    const post = platform.postEventBatch.bind(platform);
    platform.postEventBatch = async (body) => (sent.push(...body.events), post(body));
    await agent.deliverOnce();
    expect(sent[1]).toMatchObject({ type: 'payment', payload: { idempotencyKey: entry.paymentId, caseNumber: 'CASE-9', method: 'card', amountFen: 1500, state: 'pending' } });
  });

  it('runs by itself: backs off with jitter after a failure, drains, and wakes for new facts', async () => {
    const { agent, add, platform, outbox, clock } = setup();
    add(5);
    platform.plan = ['unavailable', 'unavailable'];
    agent.start();
    clock.advance(0);
    await vi.waitFor(() => expect(platform.batchIds).toHaveLength(1));
    await settle(); // let the agent schedule its retry
    clock.advance(1_499); // first retry after base + jitter (random 0.5 → 1 500 ms)
    expect(platform.batchIds).toHaveLength(1);
    clock.advance(1);
    await vi.waitFor(() => expect(platform.batchIds).toHaveLength(2));
    await settle();
    clock.advance(4_000);
    await vi.waitFor(() => expect(outbox.health().depth).toBe(0));
    add(1);
    agent.wake();
    clock.advance(0);
    await vi.waitFor(() => expect(platform.uniqueEvents()).toBe(6));
    await agent.stop();
  });
});
