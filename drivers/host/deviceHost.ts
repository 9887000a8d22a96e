import type { DeviceConfig } from '../../config/terminalConfigSchema.js';
import { createConfiguredDevices, type ConfiguredDevices } from '../manager/createConfiguredDevices.js';
import { DriverDeviceManager, type ManagerTimers } from '../manager/driverDeviceManager.js';
import { CallerKeptPrintJournal } from '../printer/device/callerKeptPrintJournal.js';
import { subscribeDeviceEvents } from './deviceEvent.js';
import { parseRuntimeMessage, type HostToRuntimeMessage, type RuntimeToHostMessage } from './deviceHostProtocol.js';
import { deviceOperationSchema, operationFailure, type DeviceOperationReply } from './deviceOperation.js';
import { performDeviceOperation } from './performDeviceOperation.js';

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
  /** Builds the devices; by default every configured device gets its driver (printers journal in the runtime). */
  createDevices?: (configs: DeviceConfig[]) => Promise<ConfiguredDevices>;
  healthIntervalMs?: number;
}

const realTimers: ManagerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The device host: builds the configured devices, runs a DriverDeviceManager over them and
 * reports every device's status and event to the runtime, which supervises this process. It
 * runs the runtime's device operations (one reply per request, by id), obeys `reopen-all`,
 * `cancel` and `shutdown`, and exits when the runtime disconnects so that no orphan keeps a
 * serial port or USB device open.
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
  let configured: ConfiguredDevices | null = null;
  const running = new Map<string, AbortController>();
  const early: Extract<RuntimeToHostMessage, { type: 'request' }>[] = [];
  channel.onDisconnect(() => stop('runtime disconnected'));
  channel.onMessage((raw) => {
    const message = parseRuntimeMessage(raw, (m, f) => log('warn', m, f));
    if (!message || stopping) return;
    switch (message.type) {
      case 'shutdown':
        stop('shutdown requested');
        return;
      case 'reopen-all':
        if (manager) void reopen(manager);
        else pendingReopen = true;
        return;
      case 'cancel':
        running.get(message.requestId)?.abort();
        return;
      case 'request':
        if (configured) void perform(configured, message);
        else early.push(message);
        return;
    }
  });

  const perform = async (devices: ConfiguredDevices, request: Extract<RuntimeToHostMessage, { type: 'request' }>) => {
    const operation = deviceOperationSchema.safeParse(request.operation);
    let reply: DeviceOperationReply;
    if (!operation.success) {
      reply = operationFailure('invalid-operation', operation.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    } else {
      const abort = new AbortController();
      running.set(request.requestId, abort);
      try {
        reply = await performDeviceOperation(request.deviceId, operation.data, {
          devices: devices.devices,
          simulators: devices.simulators,
          signal: abort.signal,
          onProgress: (progress) => send({ type: 'progress', requestId: request.requestId, progress: { ...progress } }),
        });
      } finally {
        running.delete(request.requestId);
      }
    }
    send({ type: 'reply', requestId: request.requestId, reply: reply as Extract<HostToRuntimeMessage, { type: 'reply' }>['reply'] });
  };

  const reopen = async (m: DriverDeviceManager) => {
    try {
      await m.reopenAll();
    } catch (error) {
      log('error', 'reopening devices failed', { error: errorText(error) });
    }
    flush();
    send({ type: 'reopened' });
  };

  try {
    configured = options.createDevices
      ? await options.createDevices(options.configs)
      : await createConfiguredDevices(options.configs, { printJournal: new CallerKeptPrintJournal() });
  } catch (error) {
    // Building drivers does not touch hardware; a throw here is a bug. Exit non-zero so
    // the supervisor restarts the host (and, past its crash budget, shows the fault).
    log('error', 'building devices failed', { error: errorText(error) });
    options.exit(1);
    return;
  }
  const { devices } = configured;
  if (stopping) {
    await Promise.all(devices.map((d) => d.close().catch(() => undefined)));
    return;
  }
  subscribeDeviceEvents(devices, (event) => send({ type: 'device-event', deviceId: event.deviceId, event: event.event }));
  manager = new DriverDeviceManager({
    devices,
    timers,
    healthIntervalMs: options.healthIntervalMs,
    log: (message, fields) => log('warn', message, fields),
  });
  manager.onChange(scheduleFlush);
  send({ type: 'ready' });
  flush();
  for (const request of early.splice(0)) void perform(configured, request);
  if (pendingReopen) {
    await reopen(manager);
  } else {
    await manager.openAll().catch((error: unknown) => log('error', 'opening devices failed', { error: errorText(error) }));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
