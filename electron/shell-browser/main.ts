import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKioskRuntime } from '../runtime/createKioskRuntime.js';
import { createConsoleLogger } from '../runtime/logger.js';
import { resolveDataDir } from '../runtime/resolveDataDir.js';
import { startBrowserShell } from './browserShellServer.js';
import { findChromium, hasDisplay, launchChromium } from './chromiumLauncher.js';

const HELP = `Usage: browser-shell [--port N] [--no-open] [--config FILE] [--data-dir DIR]

Runs the kiosk runtime and serves the kiosk screens on http://127.0.0.1:PORT/.
  --port N        port on 127.0.0.1 (0 = any free port; default 8787)
  --no-open       do not open Chromium in kiosk mode
  --config FILE   terminal config file (default: KIOSK_CONFIG, <data dir>/terminal.json, or the sample)
  --data-dir DIR  data directory (default: KIOSK_DATA_DIR or the user's data location)
`;

// This file sits two levels below the app root both as source and when bundled (out/browser/).
const appRoot = fileURLToPath(new URL('../../', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      'no-open': { type: 'boolean', default: false },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }

  const logger = createConsoleLogger();
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const appVersion = (JSON.parse(readFileSync(`${appRoot}package.json`, 'utf8')) as { version: string }).version;
  const runtime = await createKioskRuntime({
    dataDir,
    sampleConfigFile: `${appRoot}config/terminal.sample.json`,
    configFile: values.config,
    logger,
    appVersion,
    shell: 'browser',
  });
  const shell = await startBrowserShell({
    runtime,
    rendererDir: `${appRoot}out/renderer`,
    port,
    token: randomBytes(24).toString('base64url'),
    logger,
  });
  process.stdout.write(`kiosk ready at ${shell.url}\n`);

  let chromium: ReturnType<typeof launchChromium> | null = null;
  if (!values['no-open']) {
    const executable = findChromium();
    if (!executable) logger.info('no Chromium installed: open the URL above in a browser');
    else if (!hasDisplay()) logger.info('no display available: not opening Chromium');
    else {
      chromium = launchChromium(executable, shell.url, dataDir);
      chromium.on('error', (error) => logger.warn('could not start Chromium', { error: error.message }));
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    chromium?.kill('SIGTERM');
    await shell.close();
    await runtime.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// A kiosk must not die of one stray promise: log it and keep serving. A thrown exception
// leaves state unknown, so log it and exit non-zero for the supervisor to restart us.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', message: 'unhandled rejection', error: reason instanceof Error ? reason.message : String(reason) })}\n`);
});
process.on('uncaughtException', (error) => {
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', message: 'uncaught exception', error: error.message })}\n`);
  process.exit(1);
});

main().catch((error: unknown) => {
  process.stderr.write(`browser shell failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
