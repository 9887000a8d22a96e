import type { Command } from 'commander';
import type { DeviceOperation } from '../../drivers/host/deviceOperation.js';
import type { DeviceStatus } from '../../drivers/model/deviceStatus.js';
import { systemClock } from '../../electron/runtime/clock.js';
import { createDriverDeviceManager } from '../../electron/runtime/devices/createDriverDeviceManager.js';
import type { DeviceManager } from '../../electron/runtime/devices/deviceManager.js';
import { silentLogger } from '../../electron/runtime/logger.js';
import { formatConfigProblem } from '../configProblem.js';
import { loadTerminalConfig } from '../loadTerminalConfig.js';
import type { TerminalConfig } from '../terminalConfigSchema.js';
import type { CliContext } from './cliContext.js';

interface CommonOptions {
  config?: string;
  dataDir?: string;
  json?: boolean;
}

const SETTLE_MS = 5_000;
const SETTLING: ReadonlySet<DeviceStatus['state']> = new Set(['connecting']);

/**
 * `kioskctl devices …`: the field engineer's view of the terminal's hardware. The commands open
 * the configured devices themselves (stop the kiosk first: a serial port has one owner), so
 * they work on a terminal whose kiosk will not start. Simulated devices are driven like a
 * citizen would (a synthetic card placed, a code shown) and say so.
 */
export function registerDeviceCommands(program: Command, context: CliContext): void {
  const devices = program
    .command('devices')
    .description('the configured devices: list their states, self-test one, watch live events')
    .addHelpText('after', '\nThe commands open the devices themselves: stop the kiosk first (systemctl stop gov-kiosk), since a serial port has one owner.');

  withCommonOptions(devices.command('list').description('list the configured devices and their states'))
    .option('--wait <MS>', 'how long to let devices connect before reporting', String(SETTLE_MS))
    .addHelpText('after', '\nExit status 0 when every required device is ready, 1 otherwise.')
    .action(async (options: CommonOptions & { wait: string }) => {
      await withDevices(context, options, async (manager, config) => {
        await settle(manager, Number(options.wait));
        const statuses = manager.list();
        const required = new Set(config.devices.filter((d) => d.required).map((d) => d.id));
        const notReady = statuses.filter((s) => required.has(s.id) && s.state !== 'ready');
        if (options.json) context.out(`${JSON.stringify(statuses.map((s) => ({ ...s, required: required.has(s.id) })), null, 2)}\n`);
        else context.out(renderTable(statuses, required));
        if (notReady.length > 0) {
          context.err(`${notReady.length} required device(s) not ready: ${notReady.map((s) => s.id).join(', ')}\n`);
          context.setExitCode(1);
        }
      });
    });

  withCommonOptions(devices.command('test').description('self-test one device: read a card, print a test page, scan a code, or ask the card terminal'))
    .argument('<ID>', 'device id from the config (see `kioskctl devices list`)')
    .option('--timeout <SECONDS>', 'how long to wait for a card or a code', '20')
    .addHelpText('after', '\nExit status 0 when the self-test passed. Output never shows a full ID number, name or payment code.')
    .action(async (id: string, options: CommonOptions & { timeout: string }) => {
      await withDevices(context, options, async (manager, config) => {
        const device = config.devices.find((d) => d.id === id);
        if (!device) {
          context.err(`no device "${id}" in the config; configured: ${config.devices.map((d) => d.id).join(', ') || 'none'}\n`);
          context.setExitCode(1);
          return;
        }
        await settle(manager, SETTLE_MS, id);
        const simulated = device.binding.transport === 'simulated';
        const timeoutMs = Math.max(1, Number(options.timeout)) * 1_000;
        const prompt = simulated ? simulatedCitizen(device.kind) : null;
        if (device.kind === 'id-card-reader' && !simulated) context.err(`place an ID card on ${id} (within ${options.timeout} s)…\n`);
        if (device.kind === 'payment-code-scanner' && !simulated) context.err(`show a payment code to ${id} (within ${options.timeout} s)…\n`);
        const testing = manager.perform(id, { op: 'self-test', timeoutMs, terminalId: config.terminalId });
        if (prompt) {
          context.err(`simulated device: ${prompt.says}\n`);
          // A scanner only takes a code while it is listening: wait for the self-test to start it.
          if (device.kind === 'payment-code-scanner' || device.kind === 'permit-reader') await settle(manager, 2_000, id, 'busy');
          await manager.perform(id, prompt.operation);
        }
        const reply = await testing;
        const state = manager.list().find((s) => s.id === id);
        const report = reply.ok
          ? { ok: reply.result.ok, device: id, summary: reply.result.summary.en, details: reply.result.details, state: state?.state ?? null }
          : { ok: false, device: id, summary: reply.failure.message.en, details: { reason: reply.failure.reason }, state: state?.state ?? null };
        if (options.json) context.out(`${JSON.stringify(report, null, 2)}\n`);
        else {
          context.out(`${id}: ${report.ok ? 'PASS' : 'FAIL'} — ${report.summary}\n`);
          for (const [key, value] of Object.entries(report.details)) context.out(`  ${key}: ${String(value)}\n`);
        }
        if (!report.ok) context.setExitCode(1);
      });
    });

  withCommonOptions(devices.command('watch').description('print every device status change and event as JSON lines until interrupted'))
    .option('--duration <SECONDS>', 'stop after this long instead of waiting for Ctrl-C')
    .action(async (options: CommonOptions & { duration?: string }) => {
      await withDevices(context, options, async (manager) => {
        const line = (record: Record<string, unknown>) => context.out(`${JSON.stringify({ t: new Date().toISOString(), ...record })}\n`);
        let last = new Map<string, string>();
        const onChange = () => {
          const next = new Map<string, string>();
          for (const status of manager.list()) {
            const key = `${status.state}|${status.fault?.code ?? ''}`;
            next.set(status.id, key);
            if (last.get(status.id) !== key) line({ type: 'status', id: status.id, kind: status.kind, state: status.state, fault: status.fault?.code ?? null });
          }
          last = next;
        };
        onChange();
        const stopStatus = manager.onChange(onChange);
        const stopEvents = manager.onDeviceEvent((event) => line({ type: 'event', id: event.deviceId, event: event.event.kind, jobId: event.event.jobId }));
        await new Promise<void>((resolve) => {
          const timer = options.duration !== undefined ? setTimeout(done, Math.max(0, Number(options.duration)) * 1_000) : null;
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
          function done() {
            if (timer) clearTimeout(timer);
            process.off('SIGINT', done);
            process.off('SIGTERM', done);
            resolve();
          }
        });
        stopStatus();
        stopEvents();
      });
    });
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--config <FILE>', 'terminal config file (default: the file the kiosk would load)')
    .option('--data-dir <DIR>', 'data directory used to find the default config file')
    .option('--json', 'machine-readable output');
}

async function withDevices(context: CliContext, options: CommonOptions, work: (manager: DeviceManager, config: TerminalConfig) => Promise<void>): Promise<void> {
  const file = options.config ?? context.defaultConfigFile(options.dataDir);
  const loaded = loadTerminalConfig(file);
  if (!loaded.ok) {
    context.err(`${file}: INVALID — fix it first (kioskctl config check)\n`);
    for (const problem of loaded.problems) context.err(`  ${formatConfigProblem(problem)}\n`);
    context.setExitCode(1);
    return;
  }
  const { manager } = await createDriverDeviceManager(loaded.config.devices, systemClock, silentLogger);
  try {
    await work(manager, loaded.config);
  } finally {
    await manager.close();
  }
}

/** Waits until the devices (or one) have finished connecting (or reached `state`), at most `ms`. */
function settle(manager: DeviceManager, ms: number, id?: string, state?: DeviceStatus['state']): Promise<void> {
  const done = (s: DeviceStatus) => (state ? s.state === state : !SETTLING.has(s.state));
  const settled = () => manager.list().every((s) => (id !== undefined && s.id !== id) || done(s));
  // A device that starts `offline` may be about to connect: give every device a first chance.
  const minimum = new Promise<void>((resolve) => setTimeout(resolve, state ? 0 : Math.min(ms, 300)));
  return minimum.then(
    () =>
      new Promise<void>((resolve) => {
        if (settled()) return resolve();
        const timer = setTimeout(finish, Math.max(0, ms - 300));
        const stop = manager.onChange(() => settled() && finish());
        function finish() {
          clearTimeout(timer);
          stop();
          resolve();
        }
      }),
  );
}

function simulatedCitizen(kind: string): { says: string; operation: DeviceOperation } | null {
  if (kind === 'id-card-reader') return { says: 'placing the synthetic test card', operation: { op: 'simulate', action: { action: 'idcard.place-card' } } };
  if (kind === 'permit-reader') return { says: 'placing the synthetic HK/Macau permit', operation: { op: 'simulate', action: { action: 'permit.present', document: 'hk-macau-permit' } } };
  if (kind === 'payment-code-scanner') return { says: 'showing a synthetic WeChat Pay code', operation: { op: 'simulate', action: { action: 'scanner.present-code', wallet: 'wechat' } } };
  return null;
}

function renderTable(statuses: DeviceStatus[], required: ReadonlySet<string>): string {
  const rows = [
    ['ID', 'KIND', 'BINDING', 'STATE', 'REQUIRED', 'FAULT'],
    ...statuses.map((s) => [s.id, s.kind, s.binding, s.state, required.has(s.id) ? 'yes' : 'no', s.fault ? `${s.fault.code}: ${s.fault.message.en}` : '-']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n') + '\n';
}
