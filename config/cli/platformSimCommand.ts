import { createUpdateFeedHandler } from '../../electron/runtime/updates/updateFeedHandler.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { type SimulatorCredential, DEMO_TERMINAL_SECRET, startPlatformSimulator } from '../../test/platform-sim/platformSimulator.js';
import type { CliContext } from './cliContext.js';

/**
 * kioskctl platform-sim: the platform simulator (test/platform-sim/) as a process, for demos,
 * manual tests and the kiosk's default platform. Runs until SIGINT or SIGTERM.
 */

export const ADMIN_TOKEN_ENV = 'KIOSK_PLATFORM_ADMIN_TOKEN';

export interface PlatformSimDependencies {
  /** Resolves with the signal's name when the simulator should stop (default: SIGINT or SIGTERM). */
  waitForStop?: () => Promise<string>;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

const credentialsFileSchema = z.array(
  z.strictObject({
    keyId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/),
    secret: z.string().min(32),
  }),
);

interface PlatformSimOptions {
  port: string;
  dataDir?: string;
  adminToken?: string;
  demoSecret: boolean;
  credentials?: string;
  qrPaidOnQuery: string;
  heartbeatInterval: string;
  updatesDir?: string;
}

function readCredentials(file: string): { ok: true; credentials: SimulatorCredential[] } | { ok: false; problem: string } {
  try {
    const parsed = credentialsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { ok: true, credentials: parsed.data } : { ok: false, problem: z.prettifyError(parsed.error) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

export function registerPlatformSimCommands(program: Command, context: CliContext, dependencies: PlatformSimDependencies = {}): void {
  program
    .command('platform-sim')
    .description('run the provincial platform simulator (the whole platform API, over HTTP on 127.0.0.1) until SIGINT/SIGTERM')
    .option('--port <N>', 'port to listen on; 0 picks a free one', '0')
    .option('--data-dir <DIR>', 'where the simulator keeps platform-sim.db (default: DATA_DIR/platform-sim)')
    .option('--admin-token <TOKEN>', `admin token for fleet commands (default: $${ADMIN_TOKEN_ENV}, else a random one printed on stderr)`)
    .option('--no-demo-secret', 'accept only terminals with a credential of their own (see --credentials)')
    .option('--credentials <FILE>', 'JSON array of {"keyId","terminalId","secret"} credentials to add to the store')
    .option('--qr-paid-on-query <N>', 'a QR order is paid on the Nth query (0: only POST /sim/payments/settle)', '1')
    .option('--heartbeat-interval <SECONDS>', 'heartbeat interval the platform asks for', '30')
    .option('--updates-dir <DIR>', 'serve the software-update feed (latest*.yml, packages, versions/<v>/) from this release directory under /updates/')
    .addHelpText(
      'after',
      [
        '',
        'Prints exactly one line on stdout once it listens: "platform-sim listening on http://127.0.0.1:PORT".',
        `Terminals sign requests with their key id and secret. Unless --no-demo-secret is given, any key id that is`,
        `a valid terminal id is accepted with the demo secret "${DEMO_TERMINAL_SECRET}".`,
        'The fleet view is at /?token=ADMIN_TOKEN; test/platform-sim/README.md describes faults and records.',
      ].join('\n'),
    )
    .action(async (options: PlatformSimOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        context.err(`--port must be a whole number 0-65535, not "${options.port}"\n`);
        context.setExitCode(1);
        return;
      }
      const qrPaidOnQuery = Number(options.qrPaidOnQuery);
      const heartbeatIntervalSeconds = Number(options.heartbeatInterval);
      if (!Number.isInteger(qrPaidOnQuery) || qrPaidOnQuery < 0 || !Number.isInteger(heartbeatIntervalSeconds) || heartbeatIntervalSeconds < 1) {
        context.err('--qr-paid-on-query must be a whole number ≥ 0 and --heartbeat-interval a whole number ≥ 1\n');
        context.setExitCode(1);
        return;
      }
      let credentials: SimulatorCredential[] = [];
      if (options.credentials) {
        const read = readCredentials(options.credentials);
        if (!read.ok) {
          context.err(`${options.credentials}: ${read.problem}\n`);
          context.setExitCode(1);
          return;
        }
        credentials = read.credentials;
      }
      const givenToken = options.adminToken ?? process.env[ADMIN_TOKEN_ENV];
      const dataDir = options.dataDir ?? join(context.defaultDataDir(), 'platform-sim');
      let simulator;
      try {
        simulator = await startPlatformSimulator({
          dataDir,
          port,
          ...(givenToken ? { adminToken: givenToken } : {}),
          demoSecret: options.demoSecret ? DEMO_TERMINAL_SECRET : null,
          credentials,
          qrPaidOnQuery,
          heartbeatIntervalSeconds,
          ...(options.updatesDir ? { updateFeedHandler: createUpdateFeedHandler(options.updatesDir) } : {}),
        });
      } catch (error) {
        context.err(`platform-sim could not start: ${error instanceof Error ? error.message : String(error)}\n`);
        context.setExitCode(1);
        return;
      }
      context.out(`platform-sim listening on ${simulator.url}\n`);
      if (!givenToken) context.err(`admin token: ${simulator.adminToken}\n`);
      context.err(`data: ${dataDir}\nfleet view: ${simulator.url}/?token=${givenToken ? '<admin token>' : simulator.adminToken}\n`);
      const signal = await (dependencies.waitForStop ?? waitForSignal)();
      await simulator.close();
      context.err(`platform-sim stopped (${signal})\n`);
    });
}
