// npm run bench (part): 10,000 events queued in a kiosk's outbox, drained to the platform
// simulator on loopback by the real OutboxDeliveryAgent (signed requests, SQLite removal of
// acknowledged events). Target: under 10 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatformClient } from '../electron/platform/platformClient.js';
import { systemClock } from '../electron/runtime/clock.js';
import { silentLogger } from '../electron/runtime/logger.js';
import { OutboxStore } from '../electron/runtime/outbox/outboxStore.js';
import { OutboxWriter } from '../electron/runtime/outbox/outboxWriter.js';
import { openKioskStore } from '../electron/runtime/store/openKioskStore.js';
import { OutboxDeliveryAgent } from '../electron/runtime/sync/outboxDeliveryAgent.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator } from '../test/platform-sim/platformSimulator.js';

const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 10_000);
const TARGET_MS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-outbox-'));
const sim = await startPlatformSimulator({ dataDir: join(dir, 'sim') });
const store = openKioskStore({ file: join(dir, 'kiosk.db'), clock: systemClock, logger: silentLogger });
const client = createPlatformClient({ baseUrl: sim.url, credential: { keyId: 'BENCH-0001', secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' }, timeoutMs: 10_000 });
await client.registerTerminal({ terminalId: 'BENCH-0001', groups: [], versions: { app: 'bench' }, configVersion: null, devices: [] });
const writer = new OutboxWriter(store.db, systemClock);
store.db.transaction(() => {
  for (let i = 0; i < EVENTS; i++) writer.append('device-fault', { deviceId: `printer-${i % 4}`, kind: 'receipt-printer', state: 'fault', faultCode: 'paper-end', cleared: false });
})();
const outbox = new OutboxStore(store.db, systemClock);
const agent = new OutboxDeliveryAgent({ outbox, platform: client, clock: systemClock, logger: silentLogger, settings: { batchSize: 200 } });
const started = performance.now();
let batches = 0;
for (;;) {
  const round = await agent.deliverOnce();
  if (round.kind === 'idle') break;
  if (round.kind === 'failed') throw new Error(`delivery failed: ${round.detail}`);
  batches++;
}
const ms = performance.now() - started;
const stored = sim.records.events({ terminalId: 'BENCH-0001' }).length;
console.log(
  `outbox drain: ${EVENTS} events in ${batches} batches of ≤200 to the simulator on loopback: ${ms.toFixed(0)} ms ` +
    `(${Math.round((EVENTS / ms) * 1000)} events/s), ${stored} stored, target < ${TARGET_MS} ms: ${ms < TARGET_MS && stored === EVENTS ? 'within target' : 'OVER TARGET'}`,
);
client.close();
store.close();
await sim.close();
rmSync(dir, { recursive: true, force: true });
