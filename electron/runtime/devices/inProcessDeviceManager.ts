import type { DeviceEvent } from '../../../drivers/host/deviceEvent.js';
import { subscribeDeviceEvents } from '../../../drivers/host/deviceEvent.js';
import { deviceOperationSchema, operationFailure, type DeviceOperation, type DeviceOperationReply } from '../../../drivers/host/deviceOperation.js';
import { performDeviceOperation } from '../../../drivers/host/performDeviceOperation.js';
import type { ConfiguredDevices } from '../../../drivers/manager/createConfiguredDevices.js';
import type { DriverDeviceManager } from '../../../drivers/manager/driverDeviceManager.js';
import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';
import type { DeviceManager, PerformOptions } from './deviceManager.js';

/**
 * The runtime's DeviceManager with the drivers in the runtime's own process (the Electron
 * shell until the device host moves to utilityProcess; kioskctl's device commands).
 */
export class InProcessDeviceManager implements DeviceManager {
  private readonly eventListeners = new Set<(event: DeviceEvent) => void>();
  private readonly stopEvents: () => void;

  constructor(
    private readonly manager: DriverDeviceManager,
    private readonly configured: ConfiguredDevices,
  ) {
    this.stopEvents = subscribeDeviceEvents(configured.devices, (event) => {
      for (const listener of [...this.eventListeners]) listener(event);
    });
  }

  list(): DeviceStatus[] {
    return this.manager.list();
  }

  reopenAll(): Promise<void> {
    return this.manager.reopenAll();
  }

  onChange(listener: () => void): () => void {
    return this.manager.onChange(listener);
  }

  async perform<Op extends DeviceOperation>(deviceId: string, operation: Op, options: PerformOptions = {}): Promise<DeviceOperationReply<Op['op']>> {
    const parsed = deviceOperationSchema.safeParse(operation);
    if (!parsed.success) return operationFailure('invalid-operation', parsed.error.issues[0]?.message ?? null);
    const reply = await performDeviceOperation(deviceId, parsed.data, {
      devices: this.configured.devices,
      simulators: this.configured.simulators,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return reply as DeviceOperationReply<Op['op']>;
  }

  onDeviceEvent(listener: (event: DeviceEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stopEvents();
    await this.manager.close();
  }
}
