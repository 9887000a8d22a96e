import { join } from 'node:path';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type RunningPlatformSimulator } from '../../../test/platform-sim/platformSimulator.js';
import { reopenDemoPropertyCase } from '../../../test/platform-sim/seedData.js';
import type { TerminalCredential } from '../../platform/platformClient.js';
import type { Logger } from '../logger.js';

export interface EmbeddedPlatform {
  /** The demo credential the simulator accepts for this terminal. */
  credential(terminalId: string): TerminalCredential;
  close(): Promise<void>;
}

/**
 * Demo and training only (platform.embeddedSimulator): the platform simulator inside the kiosk
 * on the loopback port of platform.baseUrl, with its data under <dataDir>/platform-sim. When the
 * port is taken (another kiosk's simulator, or `kioskctl platform-sim` already running) the
 * kiosk talks to that one: the demo secret is accepted by every simulator. The demo property
 * case is reopened at each start, so the transfer can be demonstrated again after a restart.
 */
export async function startEmbeddedPlatform(baseUrl: string, dataDir: string, logger: Logger): Promise<EmbeddedPlatform> {
  const url = new URL(baseUrl);
  let running: RunningPlatformSimulator | null = null;
  try {
    // The demo phone pays a QR on the fourth query (about 12 s): long enough to see the code.
    running = await startPlatformSimulator({ dataDir: join(dataDir, 'platform-sim'), port: Number(url.port || 80), host: '127.0.0.1', qrPaidOnQuery: 4 });
    reopenDemoPropertyCase(running.store);
    logger.warn('embedded platform simulator running (demo only)', { url: running.url });
  } catch (error) {
    logger.warn('embedded platform simulator not started; using what answers at the address', { baseUrl, error: error instanceof Error ? error.message : String(error) });
  }
  return {
    credential: (terminalId) => ({ keyId: terminalId, secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' }),
    close: async () => {
      await running?.close();
    },
  };
}
