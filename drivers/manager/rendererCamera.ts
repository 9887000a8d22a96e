import { DeviceStatusTracker, type Device } from '../model/device.js';
import type { DeviceStatus } from '../model/deviceStatus.js';

/**
 * The camera is opened by the renderer (getUserMedia, allowed for our origin only); the
 * runtime has no handle on it. It is listed so staff see it; the face-verification flow
 * reports camera failures when it uses it.
 */
export class RendererCamera implements Device {
  readonly kind = 'camera' as const;
  private readonly tracker: DeviceStatusTracker;

  constructor(readonly id: string, simulated: boolean) {
    this.tracker = new DeviceStatusTracker({
      id,
      kind: 'camera',
      binding: simulated ? 'simulated' : 'renderer (getUserMedia)',
      simulated,
      capabilities: ['video'],
    });
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }
  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }
  async open(): Promise<void> {
    this.tracker.set('ready');
  }
  async close(): Promise<void> {
    this.tracker.set('offline');
  }
  async checkHealth(): Promise<DeviceStatus> {
    return this.status();
  }
}
