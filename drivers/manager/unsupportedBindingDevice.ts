import type { LocalizedText } from '../../config/localizedText.js';
import { DeviceStatusTracker, type Device } from '../model/device.js';
import type { DeviceKind, DeviceStatus } from '../model/deviceStatus.js';

/**
 * Stands in for a device whose kind/transport combination this build cannot drive (a USB
 * printer-class printer, a camera outside the renderer): it reports why, as a fault, so the
 * maintenance screen says so instead of pretending the device works.
 */
export class UnsupportedBindingDevice implements Device {
  private readonly tracker: DeviceStatusTracker;

  constructor(
    readonly id: string,
    readonly kind: DeviceKind,
    binding: string,
    private readonly reason: LocalizedText,
  ) {
    this.tracker = new DeviceStatusTracker({ id, kind, binding, simulated: false, capabilities: [] });
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }
  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }
  async open(): Promise<void> {
    this.tracker.set('fault', { code: 'binding-not-supported', message: this.reason });
  }
  async close(): Promise<void> {}
  async checkHealth(): Promise<DeviceStatus> {
    return this.status();
  }
}
