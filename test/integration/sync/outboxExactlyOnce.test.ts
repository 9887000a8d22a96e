import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlatformClient } from '../../../electron/platform/platformClient.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { OutboxStore } from '../../../electron/runtime/outbox/outboxStore.js';
import { OutboxWriter } from '../../../electron/runtime/outbox/outboxWriter.js';
import { openKioskStore } from '../../../electron/runtime/store/openKioskStore.js';
import { OutboxDeliveryAgent } from '../../../electron/runtime/sync/outboxDeliveryAgent.js';
import { systemClock, type Clock } from '../../../electron/runtime/clock.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type RunningPlatformSimulator } from '../../platform-sim/platformSimulator.js';
import { FakeClock } from '../../helpers/fakeClock.js';

const TERMINAL = 'GZ-TH-0042';

/**
 * Outbox delivery against the real platform simulator over loopback HTTP, with the network
 * failing in the ways the issue names. In every case the platform must end with every event
 * exactly once (stored once, however often it arrived) and the outbox empty.
 */
describe('outbox delivery to the platform simulator: every event exactly once', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(clock: Clock = systemClock) {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-'));
    const sim = await startPlatformSimulator({ dataDir: join(dir, 'sim') });
    cleanups.push(() => sim.close());
    const file = join(dir, 'kiosk.db');
    const store = openKioskStore({ file, clock, logger: silentLogger });
    cleanups.push(() => store.close());
    const client = createPlatformClient({ baseUrl: sim.url, credential: { keyId: TERMINAL, secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' }, timeoutMs: 5_000 });
    cleanups.push(() => client.close());
    const registered = await client.registerTerminal({ terminalId: TERMINAL, groups: [], versions: { app: '0.0.0' }, configVersion: null, devices: [] });
    expect(registered.kind).toBe('ok');
    const writer = new OutboxWriter(store.db, clock);
    const outbox = new OutboxStore(store.db, clock);
    const agent = new OutboxDeliveryAgent({ outbox, platform: client, clock, logger: silentLogger, settings: { batchSize: 50, backoff: { baseMs: 1_000, maxMs: 60_000 } } });
    const write = (n: number) => Array.from({ length: n }, (_, i) => writer.append('device-fault', { deviceId: `printer-${i}`, kind: 'receipt-printer', state: 'fault', faultCode: 'paper-end', cleared: false }));
    return { dir, sim, store, file, client, outbox, agent, write };
  }

  function expectExactlyOnce(sim: RunningPlatformSimulator, ids: string[], outbox: OutboxStore) {
    const received = sim.records.events({ terminalId: TERMINAL });
    expect(received.map((e) => e.eventId).sort()).toEqual([...ids].sort());
    expect(outbox.health().depth).toBe(0);
  }

  async function drain(agent: OutboxDeliveryAgent, rounds = 20) {
    for (let i = 0; i < rounds; i++) {
      const round = await agent.deliverOnce();
      if (round.kind === 'idle') return;
    }
  }

  it('a partition in the middle of a batch (connection dropped after the request arrived)', async () => {
    const { sim, agent, write, outbox } = await setup();
    const ids = write(120);
    await agent.deliverOnce();
    sim.faults.add({ kind: 'drop-connection', path: '/v1/event-batches', count: 1 });
    expect(await agent.deliverOnce()).toMatchObject({ kind: 'failed' });
    await drain(agent);
    expectExactlyOnce(sim, ids, outbox);
  });

  it('a response lost after the platform stored the batch', async () => {
    const { sim, agent, write, outbox } = await setup();
    const ids = write(60);
    sim.faults.add({ kind: 'lose-response', path: '/v1/event-batches', count: 1 });
    expect(await agent.deliverOnce()).toMatchObject({ kind: 'failed', outcome: 'unknown' });
    await drain(agent);
    expectExactlyOnce(sim, ids, outbox);
    // The first batch arrived twice (once lost, once answered) and was stored once.
    expect(sim.records.eventBatches().filter((b) => b.terminalId === TERMINAL).map((b) => b.deliveries)).toContain(2);
  });

  it('a delivery agent killed (SIGKILL) while its batch is at the platform', async () => {
    const { sim, write, file, outbox, agent } = await setup();
    const ids = write(80);
    // The platform takes 1.5 s over the first batch; the agent is killed while it waits.
    sim.faults.add({ kind: 'latency', latencyMs: 1_500, path: '/v1/event-batches', count: 1 });
    const child = spawn(process.execPath, ['--import', 'tsx', join('test/integration/sync/deliveryAgentChild.ts'), file, sim.url, TERMINAL, DEMO_TERMINAL_SECRET], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => child.kill('SIGKILL'));
    // The latency fault is used up the moment the child's first batch arrives.
    await vi.waitFor(() => expect(sim.faults.list().filter((f) => f.kind === 'latency')).toEqual([]), { timeout: 15_000, interval: 20 });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1_700)); // the platform finishes the batch nobody waits for
    await drain(agent);
    expectExactlyOnce(sim, ids, outbox);
  }, 30_000);

  it('a 30-minute outage with events queued throughout: retried with backoff, then drained', async () => {
    const clock = new FakeClock(Date.now());
    const { sim, agent, write, outbox } = await setup(clock);
    sim.faults.add({ kind: 'server-error', status: 503, path: '/v1/event-batches', count: null });
    const ids: string[] = [];
    agent.start();
    let attempts = 0;
    const batchesBefore = () => sim.faults.list().find((f) => f.kind === 'server-error')?.hits ?? 0;
    for (let minute = 0; minute < 30; minute++) {
      ids.push(...write(10));
      agent.wake();
      clock.advance(60_000);
      // A retry due in this minute has started; wait for its answer rather than for a fixed time.
      await agent.settled();
    }
    attempts = batchesBefore();
    expect(outbox.health().depth).toBe(300);
    // Backoff keeps the retries few (capped at one a minute), not a storm.
    expect(attempts).toBeGreaterThan(5);
    expect(attempts).toBeLessThan(60);
    sim.faults.clear();
    // The platform is back: let simulated time run on until the backed-off agent has drained the queue.
    await vi.waitFor(
      () => {
        clock.advance(5_000);
        expect(outbox.health().depth).toBe(0);
      },
      { timeout: 10_000, interval: 50 },
    );
    await agent.stop();
    expectExactlyOnce(sim, ids, outbox);
  }, 30_000);
});
