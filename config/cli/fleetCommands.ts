import { readFileSync } from 'node:fs';
import { Argument, type Command } from 'commander';
import { type FleetAdminClient, createFleetAdminClient } from '../../electron/platform/fleetAdminClient.js';
import { COMMAND_KINDS, type CommandKind, type SignedConfigBundleDocument, type TerminalSummary } from '../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../electron/platform/platformOutcome.js';
import { PlatformSetupError } from '../../electron/platform/platformSetupError.js';
import type { PlatformTransport } from '../../electron/platform/platformTransport.js';
import type { CliContext } from './cliContext.js';
import { ADMIN_TOKEN_ENV } from './platformSimCommand.js';

/**
 * The remote admin's commands against a platform (or the simulator): fleet status, a command
 * for one terminal, and `config push` to publish a signed bundle. `push` joins the existing
 * `config` command (registered by configCheckCommand.ts), which must be registered first.
 */

export interface FleetCommandDependencies {
  /** Injected in tests; default node:http(s). */
  transport?: PlatformTransport;
}

interface PlatformOptions {
  platform: string;
  adminToken?: string;
  timeout: string;
  json?: boolean;
}

function addPlatformOptions(command: Command): Command {
  return command
    .requiredOption('--platform <URL>', 'platform base URL, e.g. http://127.0.0.1:8420 or https://platform.example.gov.cn')
    .option('--admin-token <TOKEN>', `admin token (default: $${ADMIN_TOKEN_ENV})`)
    .option('--timeout <SECONDS>', 'give up after this long', '10')
    .option('--json', 'print the platform answer as JSON');
}

function connect(context: CliContext, options: PlatformOptions, dependencies: FleetCommandDependencies): FleetAdminClient | null {
  const adminToken = options.adminToken ?? process.env[ADMIN_TOKEN_ENV];
  if (!adminToken) {
    context.err(`give the admin token with --admin-token or $${ADMIN_TOKEN_ENV}\n`);
    context.setExitCode(1);
    return null;
  }
  const timeoutSeconds = Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    context.err(`--timeout must be a positive number of seconds, not "${options.timeout}"\n`);
    context.setExitCode(1);
    return null;
  }
  try {
    return createFleetAdminClient({
      baseUrl: options.platform,
      adminToken,
      timeoutMs: timeoutSeconds * 1000,
      ...(dependencies.transport ? { transport: dependencies.transport } : {}),
    });
  } catch (error) {
    context.err(`${error instanceof PlatformSetupError ? error.message : String(error)}\n`);
    context.setExitCode(1);
    return null;
  }
}

/** Prints why a call did not succeed and sets exit status 1; returns the value otherwise. */
function valueOf<T>(context: CliContext, outcome: PlatformOutcome<T>): T | null {
  switch (outcome.kind) {
    case 'ok':
      return outcome.value;
    case 'rejected':
      context.err(`the platform refused: ${outcome.error.code}: ${outcome.error.message.en}${outcome.error.details ? ` ${JSON.stringify(outcome.error.details)}` : ''}\n`);
      break;
    case 'unavailable':
      context.err(`the platform is unavailable (${outcome.reason}): ${outcome.detail}\n`);
      break;
    case 'unknown':
      context.err(`no clear answer from the platform (${outcome.reason}): ${outcome.detail}; check before repeating\n`);
      break;
  }
  context.setExitCode(1);
  return null;
}

function describeTerminal(t: TerminalSummary): string {
  const heartbeat = t.secondsSinceHeartbeat === null ? 'never' : `${Math.round(t.secondsSinceHeartbeat)} s ago`;
  const faults = t.devices.filter((d) => d.state === 'fault' || d.state === 'offline' || d.paper === 'near-end' || d.paper === 'out');
  const devices = t.devices.length === 0 ? '-' : faults.length === 0 ? `${t.devices.length} ok` : faults.map((d) => `${d.id}:${d.faultCode ?? d.paper ?? d.state}`).join(',');
  return [
    t.terminalId.padEnd(16),
    (t.online ? 'online' : 'OFFLINE').padEnd(8),
    heartbeat.padEnd(12),
    (t.serviceState ?? '-').padEnd(15),
    `app ${t.versions.app}`.padEnd(14),
    `config ${t.configVersion ?? '-'}`.padEnd(11),
    `outbox ${t.outbox ? t.outbox.depth : '-'}`.padEnd(11),
    `devices ${devices}`,
  ].join(' ');
}

/** Adds `push` to the existing `config` command. */
export function registerConfigPushCommand(config: Command, context: CliContext, dependencies: FleetCommandDependencies = {}): void {
  addPlatformOptions(
    config
      .command('push')
      .description('publish a signed config bundle on the platform for the terminals and groups it targets')
      .argument('<BUNDLE>', 'the signed bundle file (made by kioskctl config sign)'),
  )
    .addHelpText('after', '\nThe platform stores the bundle as it is; terminals verify the signature. Exit status 0 when published.')
    .action(async (file: string, options: PlatformOptions) => {
      let bundle: SignedConfigBundleDocument;
      try {
        bundle = JSON.parse(readFileSync(file, 'utf8')) as SignedConfigBundleDocument;
      } catch (error) {
        context.err(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
        context.setExitCode(1);
        return;
      }
      if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
        context.err(`${file}: not a JSON object\n`);
        context.setExitCode(1);
        return;
      }
      const client = connect(context, options, dependencies);
      if (!client) return;
      try {
        const published = valueOf(context, await client.publishConfigBundle(bundle));
        if (!published) return;
        if (options.json) {
          context.out(`${JSON.stringify(published, null, 2)}\n`);
          return;
        }
        const targets = [...published.targets.terminals.map((t) => `terminal ${t}`), ...published.targets.groups.map((g) => `group ${g}`)].join(', ');
        context.out(
          `published config bundle version ${published.version} (sha256 ${published.contentSha256.slice(0, 12)}…) for ${targets}; ` +
            `registered terminals it reaches now: ${published.matchedTerminals.length === 0 ? 'none' : published.matchedTerminals.join(', ')}\n`,
        );
      } finally {
        client.close();
      }
    });
}

export function registerFleetCommands(program: Command, context: CliContext, dependencies: FleetCommandDependencies = {}): void {
  const config = program.commands.find((command) => command.name() === 'config');
  if (!config) throw new Error('register the config commands before the fleet commands: `config push` joins them');
  registerConfigPushCommand(config, context, dependencies);

  const fleet = program.command('fleet').description('the terminals of a platform: health and remote commands');

  addPlatformOptions(fleet.command('status').description('every terminal with its last heartbeat, versions, config version, outbox and devices'))
    .addHelpText('after', '\nExit status 0 when the platform answered (whatever the terminals\' health), 1 otherwise.')
    .action(async (options: PlatformOptions) => {
      const client = connect(context, options, dependencies);
      if (!client) return;
      try {
        const list = valueOf(context, await client.listTerminals());
        if (!list) return;
        if (options.json) {
          context.out(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        context.out(`${list.terminals.length} terminal${list.terminals.length === 1 ? '' : 's'} (platform time ${list.serverTime})\n`);
        for (const terminal of list.terminals) context.out(`${describeTerminal(terminal)}\n`);
      } finally {
        client.close();
      }
    });

  addPlatformOptions(
    fleet
      .command('command')
      .description('queue a command for a terminal; it runs after the terminal\'s next heartbeat')
      .argument('<ID>', 'terminal id')
      .addArgument(new Argument('<COMMAND>', 'what the terminal should do').choices(COMMAND_KINDS)),
  )
    .option('--force', 'run it even while a citizen is being served (otherwise it waits for the session to end)')
    .option('--device <DEVICE_ID>', 'for device-self-test: only this device')
    .option('--expires-in <SECONDS>', 'drop the command if the terminal has not taken it by then (60-604800)')
    .addHelpText('after', `\nCommands: ${COMMAND_KINDS.join(', ')}.\nExample: kioskctl fleet command GZ-TH-0001 restart-app --platform http://127.0.0.1:8420`)
    .action(async (terminalId: string, kind: CommandKind, options: PlatformOptions & { force?: boolean; device?: string; expiresIn?: string }) => {
      const expiresInSeconds = options.expiresIn === undefined ? undefined : Number(options.expiresIn);
      if (expiresInSeconds !== undefined && (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 60 || expiresInSeconds > 604_800)) {
        context.err('--expires-in must be a whole number of seconds, 60-604800\n');
        context.setExitCode(1);
        return;
      }
      const client = connect(context, options, dependencies);
      if (!client) return;
      try {
        const queued = valueOf(
          context,
          await client.queueTerminalCommand(terminalId, {
            kind,
            force: options.force === true,
            ...(options.device ? { parameters: { deviceId: options.device } } : {}),
            ...(expiresInSeconds !== undefined ? { expiresInSeconds } : {}),
          }),
        );
        if (!queued) return;
        if (options.json) {
          context.out(`${JSON.stringify(queued, null, 2)}\n`);
          return;
        }
        context.out(
          `queued ${queued.command.kind} for ${queued.terminalId}: command ${queued.command.commandId}` +
            `${queued.command.force ? ' (forced)' : ''}, expires ${queued.command.expiresAt ?? 'never'}\n`,
        );
      } finally {
        client.close();
      }
    });
}
