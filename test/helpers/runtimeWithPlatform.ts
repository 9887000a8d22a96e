import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createKioskRuntime } from '../../electron/runtime/createKioskRuntime.js';
import type { KioskRuntime } from '../../electron/runtime/kioskRuntime.js';
import { silentLogger } from '../../electron/runtime/logger.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type PlatformSimulatorOptions, type RunningPlatformSimulator } from '../platform-sim/platformSimulator.js';

export interface RuntimeWithPlatform {
  sim: RunningPlatformSimulator;
  runtime: KioskRuntime;
  terminalId: string;
  dir: string;
}

/**
 * A real runtime (in-process drivers on their simulators, the sample config) signed in to a
 * real platform simulator on loopback with the demo secret. Both are shut down when the test
 * ends. `configure` edits the config before the runtime reads it; `beforeStart` may prepare its
 * data directory (e.g. leave what a crash would have left).
 */
export async function startRuntimeWithPlatform(
  options: { configure?: (config: Record<string, any>) => void; simulator?: Partial<PlatformSimulatorOptions>; beforeStart?: (dataDir: string) => void } = {},
): Promise<RuntimeWithPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-platform-'));
  const sim = await startPlatformSimulator({ dataDir: join(dir, 'sim'), ...options.simulator });
  let runtime: KioskRuntime | null = null;
  // The runtime stops before its platform does.
  onTestFinished(async () => {
    await runtime?.shutdown();
    await sim.close();
  });
  writeFileSync(join(dir, 'platform.secret'), `${DEMO_TERMINAL_SECRET}\n`, { mode: 0o600 });
  const config = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8')) as Record<string, any>;
  config.platform = { baseUrl: `${sim.url}/`, requestTimeoutSeconds: 5, heartbeatSeconds: 10, credential: { keyId: config.terminalId, secretFile: join(dir, 'platform.secret') } };
  options.configure?.(config);
  writeFileSync(join(dir, 'terminal.json'), JSON.stringify(config));
  mkdirSync(join(dir, 'kiosk'), { recursive: true });
  options.beforeStart?.(join(dir, 'kiosk'));
  runtime = await createKioskRuntime({
    dataDir: join(dir, 'kiosk'),
    sampleConfigFile: 'config/terminal.sample.json',
    configFile: join(dir, 'terminal.json'),
    logger: silentLogger,
    appVersion: '0.0.0-test',
    shell: 'browser',
    deviceHost: 'in-process',
  });
  return { sim, runtime, terminalId: config.terminalId as string, dir };
}
