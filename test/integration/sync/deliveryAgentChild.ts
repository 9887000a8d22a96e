/**
 * A delivery agent in a process of its own, for the "killed mid-delivery" test: opens the kiosk
 * database, delivers the outbox to the simulator given on the command line, and keeps going
 * until it is killed. Argv: DB_FILE PLATFORM_URL TERMINAL_ID SECRET.
 */
import { createPlatformClient } from '../../../electron/platform/platformClient.js';
import { systemClock } from '../../../electron/runtime/clock.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { OutboxStore } from '../../../electron/runtime/outbox/outboxStore.js';
import { openKioskStore } from '../../../electron/runtime/store/openKioskStore.js';
import { OutboxDeliveryAgent } from '../../../electron/runtime/sync/outboxDeliveryAgent.js';

const [file, url, terminalId, secret] = process.argv.slice(2) as [string, string, string, string];
const store = openKioskStore({ file, clock: systemClock, logger: silentLogger });
const client = createPlatformClient({ baseUrl: url, credential: { keyId: terminalId, secret, algorithm: 'hmac-sha256' }, timeoutMs: 30_000 });
const agent = new OutboxDeliveryAgent({ outbox: new OutboxStore(store.db, systemClock), platform: client, clock: systemClock, logger: silentLogger, settings: { batchSize: 50 } });
process.stdout.write('started\n');
agent.start();
// The kiosk's timers are unref'd (they never hold a shutting-down kiosk up); this process has
// nothing else to live for, so hold it open until it is killed.
setInterval(() => undefined, 1 << 30);
