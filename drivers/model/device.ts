import type { DeviceFault, DeviceKind, DeviceState, DeviceStatus } from './deviceStatus.js';

/**
 * What every driver exposes (after UnifiedPOS open/close/checkHealth and XFS4IoT status
 * events). Failures are states, not exceptions: open() resolves even when the device is
 * missing, leaving it `offline` or `fault` with a fault code the maintenance screen shows.
 */
export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  status(): DeviceStatus;
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  open(): Promise<void>;
  close(): Promise<void>;
  /** A quick internal check (status query); updates and returns the status. */
  checkHealth(): Promise<DeviceStatus>;
}

/**
 * Keeps one device's DeviceStatus and statistics and tells listeners about changes; every
 * driver uses it instead of keeping its own copy of the status shape.
 */
export class DeviceStatusTracker {
  private current: DeviceStatus;
  private readonly listeners = new Set<(status: DeviceStatus) => void>();

  constructor(
    init: { id: string; kind: DeviceKind; binding: string; simulated: boolean; capabilities: string[] },
    private readonly now: () => number = Date.now,
  ) {
    this.current = { ...init, state: 'offline', fault: null, statistics: {}, updatedAt: now() };
  }

  status(): DeviceStatus {
    return this.current;
  }

  onChange(listener: (status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves to a state; a fault is kept only in the `fault` state (and may describe `offline`). */
  set(state: DeviceState, fault: DeviceFault | null = null): void {
    if (this.current.state === state && sameFault(this.current.fault, fault)) return;
    this.current = { ...this.current, state, fault, updatedAt: this.now() };
    this.emit();
  }

  /** Adds to a named counter: operations, errors, reconnects, cuts, paperNearEnd, … */
  count(name: string, by = 1): void {
    const statistics = { ...this.current.statistics, [name]: (this.current.statistics[name] ?? 0) + by };
    this.current = { ...this.current, statistics, updatedAt: this.now() };
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.current);
  }
}

function sameFault(a: DeviceFault | null, b: DeviceFault | null): boolean {
  return a === b || (a !== null && b !== null && a.code === b.code && a.message.en === b.message.en);
}
