import { fork as nodeFork } from 'node:child_process';
import type { DeviceConfig } from '../../../config/terminalConfigSchema.js';
import {
  DEVICE_HOST_CONFIG_ENV,
  parseHostMessage,
  type HostToRuntimeMessage,
  type RuntimeToHostMessage,
} from '../../../drivers/host/deviceHostProtocol.js';
import type { DeviceEvent } from '../../../drivers/host/deviceEvent.js';
import {
  deviceOperationSchema,
  operationFailure,
  type DeviceOperation,
  type DeviceOperationProgress,
  type DeviceOperationReply,
} from '../../../drivers/host/deviceOperation.js';
import { placeholderStatuses } from '../../../drivers/host/placeholderStatuses.js';
import type { DeviceFault, DeviceStatus } from '../../../drivers/model/deviceStatus.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DeviceManager, PerformOptions } from './deviceManager.js';

/** The part of a ChildProcess the supervisor uses; tests pass an EventEmitter with send/kill. */
export interface DeviceHostChild {
  readonly pid?: number | undefined;
  readonly connected: boolean;
  send(message: RuntimeToHostMessage, callback?: (error: Error | null) => void): boolean;
  kill(signal?: NodeJS.Signals | number): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export type ForkDeviceHost = (entry: string, options: { execArgv: string[]; env: NodeJS.ProcessEnv }) => DeviceHostChild;

export const forkDeviceHost: ForkDeviceHost = (entry, options) =>
  nodeFork(entry, [], {
    execArgv: options.execArgv,
    env: options.env,
    serialization: 'json',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

export interface DeviceHostSupervisorOptions {
  configs: DeviceConfig[];
  clock: Clock;
  logger: Logger;
  /** The host's entry module: out/host/device-host.mjs when built, drivers/host/deviceHostMain.ts under tsx. */
  entry: string;
  /** Node flags for the host, e.g. ['--import', 'tsx'] to run the TypeScript entry. */
  execArgv?: string[];
  fork?: ForkDeviceHost;
  env?: NodeJS.ProcessEnv;
  restart?: Partial<RestartPolicy>;
  /** How long close() waits for the host to exit after `shutdown` before killing it. */
  closeTimeoutMs?: number;
  /** How long reopenAll() waits for the host to report `reopened`. */
  reopenTimeoutMs?: number;
}

export interface RestartPolicy {
  /** Delay before the first restart after a crash; doubles with each consecutive crash. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A host that stays up this long after `ready` has its consecutive-crash count reset. */
  stableAfterMs: number;
  /** More than `crashes` crashes within `windowMs` exhausts the budget: devices show device-host-failed and restarts go at maxDelayMs. */
  budget: { crashes: number; windowMs: number };
}

const DEFAULT_RESTART: RestartPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  budget: { crashes: 5, windowMs: 10 * 60_000 },
};

export const DEVICE_HOST_RESTARTING: DeviceFault = {
  code: 'device-host-restarting',
  message: { 'zh-CN': '设备服务正在重新连接，请稍候', en: 'Reconnecting to the devices, please wait' },
};

export const DEVICE_HOST_FAILED: DeviceFault = {
  code: 'device-host-failed',
  message: { 'zh-CN': '设备服务多次异常退出，正在重试，请联系工作人员', en: 'The device service keeps failing and is being retried; please contact staff' },
};

type Phase = 'idle' | 'running' | 'waiting-restart' | 'closing' | 'closed';

interface PendingRequest {
  resolve(reply: DeviceOperationReply): void;
  onProgress?: (progress: DeviceOperationProgress) => void;
  stopAbortListener(): void;
}

/**
 * The runtime's DeviceManager over a device host running in a child process. It keeps the
 * host's last reported statuses; when the host dies it marks every device `offline` with
 * the device-host-restarting fault at once (a citizen mid-read sees "reconnecting") and
 * restarts the host with backoff, within a crash budget. Device operations go to the host
 * as requests and come back as replies by id; a request in flight when the host dies ends
 * with `device-host-restarted` (for a card payment: outcome unknown, query by reference).
 * close() asks the host to shut down and kills it if it does not.
 */
export class DeviceHostSupervisor implements DeviceManager {
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: DeviceEvent) => void>();
  private readonly pending = new Map<string, PendingRequest>();
  private requestCounter = 0;
  private readonly policy: RestartPolicy;
  private readonly fork: ForkDeviceHost;
  private statuses: DeviceStatus[];
  private phase: Phase = 'idle';
  private child: DeviceHostChild | null = null;
  private restartTimer: TimerHandle | null = null;
  private stableTimer: TimerHandle | null = null;
  private consecutiveCrashes = 0;
  private crashTimes: number[] = [];
  private reopenWaiters: Array<() => void> = [];
  private exitWaiters: Array<() => void> = [];
  private starts = 0;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: DeviceHostSupervisorOptions) {
    this.policy = { ...DEFAULT_RESTART, ...options.restart };
    this.fork = options.fork ?? forkDeviceHost;
    this.statuses = placeholderStatuses(options.configs, 'connecting', null, options.clock.now());
  }

  /** Starts the host; devices come up in the background and report through onChange. */
  start(): void {
    if (this.phase !== 'idle') return;
    this.spawn();
  }

  /** How many times a host process has been started (1 + restarts). */
  get hostStarts(): number {
    return this.starts;
  }

  list(): DeviceStatus[] {
    return [...this.statuses];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  perform<Op extends DeviceOperation>(deviceId: string, operation: Op, options: PerformOptions = {}): Promise<DeviceOperationReply<Op['op']>> {
    const parsed = deviceOperationSchema.safeParse(operation);
    if (!parsed.success) return Promise.resolve(operationFailure('invalid-operation', parsed.error.issues[0]?.message ?? null));
    const child = this.child;
    if (this.phase !== 'running' || !child?.connected) {
      return Promise.resolve(operationFailure(this.phase === 'waiting-restart' ? 'device-host-restarted' : 'device-host-unavailable', `device host is ${this.phase}`));
    }
    const requestId = `r${this.starts}-${++this.requestCounter}`;
    return new Promise<DeviceOperationReply<Op['op']>>((resolve) => {
      const onAbort = () => this.post(child, { type: 'cancel', requestId });
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(requestId, {
        resolve: resolve as (reply: DeviceOperationReply) => void,
        onProgress: options.onProgress,
        stopAbortListener: () => options.signal?.removeEventListener('abort', onAbort),
      });
      this.post(child, { type: 'request', requestId, deviceId, operation: parsed.data }, (error) =>
        this.settle(requestId, operationFailure('device-host-unavailable', `sending to the device host failed: ${error}`)),
      );
      if (options.signal?.aborted) onAbort();
    });
  }

  onDeviceEvent(listener: (event: DeviceEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async reopenAll(): Promise<void> {
    if (this.phase === 'closing' || this.phase === 'closed') return;
    const child = this.child;
    if (this.phase === 'running' && child?.connected) {
      const done = new Promise<void>((resolve) => {
        const timer = this.options.clock.setTimeout(() => finish(), this.options.reopenTimeoutMs ?? 30_000);
        const finish = () => {
          this.options.clock.clearTimeout(timer);
          this.reopenWaiters = this.reopenWaiters.filter((w) => w !== finish);
          resolve();
        };
        this.reopenWaiters.push(finish);
      });
      this.post(child, { type: 'reopen-all' });
      return done;
    }
    // Staff reset while the host is down: forgive past crashes and start it now.
    this.consecutiveCrashes = 0;
    this.crashTimes = [];
    this.clearTimer('restartTimer');
    this.spawn();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const child = this.child;
    this.phase = 'closing';
    this.clearTimer('restartTimer');
    this.clearTimer('stableTimer');
    if (child) {
      const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
      this.post(child, { type: 'shutdown' });
      if (!(await this.within(exited, this.options.closeTimeoutMs ?? 5_000))) {
        this.options.logger.warn('device host did not exit after shutdown; killing it', { pid: child.pid });
        child.kill('SIGKILL');
        if (!(await this.within(exited, 2_000))) this.options.logger.error('device host did not exit after SIGKILL', { pid: child.pid });
      }
    }
    this.child = null;
    this.phase = 'closed';
    this.failPending('device-host-unavailable', 'device host closed');
    this.resolveAll('reopenWaiters');
    this.statuses = placeholderStatuses(this.options.configs, 'offline', null, this.options.clock.now());
    this.notify();
  }

  private spawn(): void {
    this.phase = 'running';
    this.starts++;
    let child: DeviceHostChild;
    try {
      child = this.fork(this.options.entry, {
        execArgv: this.options.execArgv ?? [],
        env: { ...(this.options.env ?? process.env), [DEVICE_HOST_CONFIG_ENV]: JSON.stringify(this.options.configs) },
      });
    } catch (error) {
      this.options.logger.error('starting the device host failed', { error: errorText(error) });
      this.child = null;
      this.hostGone({ code: null, signal: null, error: errorText(error) });
      return;
    }
    this.child = child;
    let gone = false;
    const onGone = (how: { code: number | null; signal: string | null; error?: string }) => {
      if (gone || this.child !== child) return;
      gone = true;
      this.child = null;
      this.hostGone(how);
    };
    child.on('message', (raw) => {
      if (this.child !== child) return;
      const message = parseHostMessage(raw, (m, f) => this.options.logger.warn(m, f));
      if (message) this.onMessage(message);
    });
    child.on('exit', (code, signal) =>
      onGone({ code: typeof code === 'number' ? code : null, signal: typeof signal === 'string' ? signal : null }),
    );
    child.on('error', (error) => {
      this.options.logger.warn('device host process error', { error: errorText(error), pid: child.pid });
      // A process that never started emits 'error' and perhaps no 'exit'.
      if (child.pid === undefined) onGone({ code: null, signal: null, error: errorText(error) });
    });
    this.options.logger.info('device host started', { pid: child.pid, start: this.starts });
  }

  private onMessage(message: HostToRuntimeMessage): void {
    switch (message.type) {
      case 'ready':
        this.clearTimer('stableTimer');
        this.stableTimer = this.options.clock.setTimeout(() => {
          this.stableTimer = null;
          this.consecutiveCrashes = 0;
        }, this.policy.stableAfterMs);
        return;
      case 'statuses':
        this.statuses = message.statuses;
        this.notify();
        return;
      case 'reopened':
        this.resolveAll('reopenWaiters');
        return;
      case 'reply':
        this.settle(message.requestId, message.reply as DeviceOperationReply);
        return;
      case 'progress':
        this.pending.get(message.requestId)?.onProgress?.(message.progress as DeviceOperationProgress);
        return;
      case 'device-event':
        for (const listener of [...this.eventListeners]) {
          try {
            listener({ deviceId: message.deviceId, event: message.event });
          } catch (error) {
            this.options.logger.error('device event listener threw', { error: errorText(error) });
          }
        }
        return;
    }
  }

  private settle(requestId: string, reply: DeviceOperationReply): void {
    const request = this.pending.get(requestId);
    if (!request) return;
    this.pending.delete(requestId);
    request.stopAbortListener();
    request.resolve(reply);
  }

  /** Every request in flight ends: the host that would have answered is gone. */
  private failPending(reason: 'device-host-restarted' | 'device-host-unavailable', detail: string): void {
    for (const requestId of [...this.pending.keys()]) this.settle(requestId, operationFailure(reason, detail));
  }

  private hostGone(how: { code: number | null; signal: string | null; error?: string }): void {
    this.clearTimer('stableTimer');
    this.resolveAll('exitWaiters');
    this.resolveAll('reopenWaiters');
    if (this.phase === 'closing' || this.phase === 'closed') {
      this.failPending('device-host-unavailable', 'device host closed');
      return;
    }
    this.failPending('device-host-restarted', `device host exited (code ${how.code ?? '-'}, signal ${how.signal ?? '-'})`);

    const now = this.options.clock.now();
    this.consecutiveCrashes++;
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.policy.budget.windowMs), now];
    const overBudget = this.crashTimes.length > this.policy.budget.crashes;
    const delay = overBudget
      ? this.policy.maxDelayMs
      : Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (this.consecutiveCrashes - 1));
    const fault = overBudget ? DEVICE_HOST_FAILED : DEVICE_HOST_RESTARTING;
    this.options.logger.error('device host exited; restarting', { ...how, restartInMs: delay, crashesInWindow: this.crashTimes.length, overBudget });

    this.statuses = this.statuses.map((s) => ({ ...s, state: 'offline', fault, updatedAt: now }));
    this.phase = 'waiting-restart';
    this.notify();
    this.restartTimer = this.options.clock.setTimeout(() => {
      this.restartTimer = null;
      if (this.phase === 'waiting-restart') this.spawn();
    }, delay);
  }

  private post(child: DeviceHostChild, message: RuntimeToHostMessage, onFailed?: (error: string) => void): void {
    const failed = (error: string) => {
      this.options.logger.warn('sending to device host failed', { type: message.type, error });
      onFailed?.(error);
    };
    try {
      child.send(message, (error) => {
        if (error) failed(error.message);
      });
    } catch (error) {
      failed(errorText(error));
    }
  }

  private within(promise: Promise<void>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.options.clock.setTimeout(() => resolve(false), ms);
      void promise.then(() => {
        this.options.clock.clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.options.logger.error('device status listener threw', { error: errorText(error) });
      }
    }
  }

  private resolveAll(which: 'reopenWaiters' | 'exitWaiters'): void {
    const waiters = this[which];
    this[which] = [];
    for (const w of waiters) w();
  }

  private clearTimer(which: 'restartTimer' | 'stableTimer'): void {
    const handle = this[which];
    if (handle !== null) this.options.clock.clearTimeout(handle);
    this[which] = null;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
