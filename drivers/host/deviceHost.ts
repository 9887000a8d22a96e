import type { DeviceConfig } from '../../config/terminalConfigSchema.js';
import { createConfiguredDevices } from '../manager/createConfiguredDevices.js';
import { DriverDeviceManager, type ManagerTimers } from '../manager/driverDeviceManager.js';
import type { Device } from '../model/device.js';
import { parseRuntimeMessage, type HostToRuntimeMessage } from './deviceHostProtocol.js';

/** The IPC channel to the runtime, as the host sees it (process.send / process.on in the child). */
export interface HostChannel {
  send(message: HostToRuntimeMessage): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** The runtime went away (exited, crashed or closed the channel). */
  onDisconnect(listener: () => void): void;
}

export type HostLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface DeviceHostOptions {
  configs: DeviceConfig[];
  channel: HostChannel;
  exit(code: number): void;
  log: HostLog;
  timers?: ManagerTimers;
  /** Status changes within this window go out as one `statuses` message. */
  coalesceMs?: number;
  /** How long closing the devices may take before the host exits anyway. */
  closeTimeoutMs?: number;
  createDevices?: (configs: DeviceConfig[]) => Promise<Device[]>;
  healthIntervalMs?: number;
}

const realTimers: ManagerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The device host: builds the configured devices, runs a DriverDeviceManager over them and
 * reports every device's status to the runtime, which supervises this process. It obeys
 * `reopen-all` and `shutdown`, and exits when the runtime disconnects so that no orphan
 * keeps a serial port or USB device open.
 */
export async function runDeviceHost(options: DeviceHostOptions): Promise<void> {
  const { channel, log } = options;
  const timers = options.timers ?? realTimers;
  const coalesceMs = options.coalesceMs ?? 20;
  let stopping = false;
  let manager: DriverDeviceManager | null = null;
  let flushTimer: unknown = null;

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'device host stopping', { reason });
    if (flushTimer !== null) timers.clearTimeout(flushTimer);
    const guard = timers.setTimeout(() => {
      log('warn', 'closing devices timed out; exiting anyway', { reason });
      options.exit(0);
    }, options.closeTimeoutMs ?? 3_000);
    void (manager?.close() ?? Promise.resolve())
      .catch((error: unknown) => log('error', 'closing devices failed', { error: errorText(error) }))
      .then(() => {
        timers.clearTimeout(guard);
        options.exit(0);
      });
  };

  const send = (message: HostToRuntimeMessage) => {
    if (stopping) return;
    try {
      channel.send(message);
    } catch (error) {
      log('warn', 'sending to runtime failed', { type: message.type, error: errorText(error) });
    }
  };

  const flush = () => {
    flushTimer = null;
    if (manager) send({ type: 'statuses', statuses: manager.list() });
  };
  const scheduleFlush = () => {
    if (flushTimer === null && !stopping) flushTimer = timers.setTimeout(flush, coalesceMs);
  };

  // Listen before the (possibly slow) device set-up, so a shutdown or disconnect that
  // arrives early is not lost.
  let pendingReopen = false;
  channel.onDisconnect(() => stop('runtime disconnected'));
  channel.onMessage((raw) => {
    const message = parseRuntimeMessage(raw, (m, f) => log('warn', m, f));
    if (!message || stopping) return;
    if (message.type === 'shutdown') stop('shutdown requested');
    else if (manager) void reopen(manager);
    else pendingReopen = true;
  });

  const reopen = async (m: DriverDeviceManager) => {
    try {
      await m.reopenAll();
    } catch (error) {
      log('error', 'reopening devices failed', { error: errorText(error) });
    }
    flush();
    send({ type: 'reopened' });
  };

  let devices: Device[];
  try {
    devices = options.createDevices ? await options.createDevices(options.configs) : (await createConfiguredDevices(options.configs)).devices;
  } catch (error) {
    // Building drivers does not touch hardware; a throw here is a bug. Exit non-zero so
    // the supervisor restarts the host (and, past its crash budget, shows the fault).
    log('error', 'building devices failed', { error: errorText(error) });
    options.exit(1);
    return;
  }
  if (stopping) {
    await Promise.all(devices.map((d) => d.close().catch(() => undefined)));
    return;
  }
  manager = new DriverDeviceManager({
    devices,
    timers,
    healthIntervalMs: options.healthIntervalMs,
    log: (message, fields) => log('warn', message, fields),
  });
  manager.onChange(scheduleFlush);
  send({ type: 'ready' });
  flush();
  if (pendingReopen) {
    await reopen(manager);
  } else {
    await manager.openAll().catch((error: unknown) => log('error', 'opening devices failed', { error: errorText(error) }));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
