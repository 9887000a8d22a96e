import type { Device } from '../model/device.js';
import type { DeviceStatus } from '../model/deviceStatus.js';
import { reconnectBackoffMs } from './reconnectBackoff.js';

/** Timers the manager needs; injected so tests control time. */
export interface ManagerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DriverDeviceManagerOptions {
  devices: Device[];
  timers: ManagerTimers;
  /** How often ready devices are health-checked (UnifiedPOS checkHealth, internal). */
  healthIntervalMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * Opens the configured devices, re-opens any that drop to offline or fault with backoff
 * (unplug → replug comes back by itself), polls health, and tells the runtime about every
 * status change. Drivers never throw at it: their failures are states.
 */
export class DriverDeviceManager {
  private readonly listeners = new Set<() => void>();
  private readonly attempts = new Map<string, number>();
  private readonly retryTimers = new Map<string, unknown>();
  private healthTimer: unknown = null;
  private closed = false;

  constructor(private readonly options: DriverDeviceManagerOptions) {
    for (const device of options.devices) {
      device.onStatusChange((status) => this.onStatus(device, status));
    }
  }

  list(): DeviceStatus[] {
    return this.options.devices.map((d) => d.status());
  }

  get(id: string): Device | undefined {
    return this.options.devices.find((d) => d.id === id);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async openAll(): Promise<void> {
    this.closed = false;
    await Promise.all(this.options.devices.map((d) => this.openOne(d)));
    this.scheduleHealth();
  }

  /** Staff "reset terminal": close and open every device. */
  async reopenAll(): Promise<void> {
    this.cancelRetries();
    await Promise.all(this.options.devices.map((d) => d.close()));
    this.attempts.clear();
    await this.openAll();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelRetries();
    if (this.healthTimer !== null) this.options.timers.clearTimeout(this.healthTimer);
    this.healthTimer = null;
    await Promise.all(this.options.devices.map((d) => d.close()));
  }

  private async openOne(device: Device): Promise<void> {
    try {
      await device.open();
    } catch (error) {
      // Drivers should report failures as states; a throw is a driver bug, not a crash.
      this.options.log?.('device open threw', { id: device.id, error: error instanceof Error ? error.message : String(error) });
    }
    const state = device.status().state;
    if (state === 'offline' || state === 'fault') this.scheduleRetry(device);
    else this.attempts.set(device.id, 0);
  }

  private onStatus(device: Device, status: DeviceStatus): void {
    for (const listener of [...this.listeners]) listener();
    if (!this.closed && status.state === 'offline') this.scheduleRetry(device);
  }

  private scheduleRetry(device: Device): void {
    if (this.closed || this.retryTimers.has(device.id)) return;
    const attempt = this.attempts.get(device.id) ?? 0;
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
    const handle = this.options.timers.setTimeout(() => {
      this.retryTimers.delete(device.id);
      this.attempts.set(device.id, attempt + 1);
      void device.close().then(() => this.openOne(device));
    }, reconnectBackoffMs(attempt, initialMs, maxMs));
    this.retryTimers.set(device.id, handle);
  }

  private scheduleHealth(): void {
    if (this.closed) return;
    if (this.healthTimer !== null) this.options.timers.clearTimeout(this.healthTimer);
    this.healthTimer = this.options.timers.setTimeout(() => {
      this.healthTimer = null;
      void Promise.all(
        this.options.devices
          .filter((d) => d.status().state === 'ready')
          .map((d) => d.checkHealth().catch(() => undefined)),
      ).then(() => this.scheduleHealth());
    }, this.options.healthIntervalMs ?? 30_000);
  }

  private cancelRetries(): void {
    for (const handle of this.retryTimers.values()) this.options.timers.clearTimeout(handle);
    this.retryTimers.clear();
  }
}
