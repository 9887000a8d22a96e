import type { DeviceConfig } from '../../config/terminalConfigSchema.js';
import type { DeviceEvent } from '../../drivers/host/deviceEvent.js';
import { operationFailure, type DeviceOperation, type DeviceOperationReply } from '../../drivers/host/deviceOperation.js';
import { bindingLabel as describeBinding } from '../../drivers/model/bindingLabel.js';
import type { DeviceStatus } from '../../drivers/model/deviceStatus.js';
import type { Clock } from '../../electron/runtime/clock.js';
import { ChangeSignal } from '../../electron/runtime/changeSignal.js';
import type { DeviceManager } from '../../electron/runtime/devices/deviceManager.js';

/**
 * A device manager fake for runtime tests: reports every configured device without drivers.
 * Simulated bindings are `ready`; real bindings are `offline` with a "no driver" fault.
 * Operations are answered by `performHandler` (tests set it; by default: no driver) and
 * recorded in `performed`; `emitDeviceEvent` plays an unsolicited device event.
 */
export class ConfiguredDevicesFake implements DeviceManager {
  private readonly changed = new ChangeSignal();
  private statuses: DeviceStatus[];
  private reopenCount = 0;
  private readonly eventListeners = new Set<(event: DeviceEvent) => void>();
  readonly performed: Array<{ deviceId: string; operation: DeviceOperation }> = [];
  performHandler: (deviceId: string, operation: DeviceOperation) => DeviceOperationReply | Promise<DeviceOperationReply> = (deviceId) =>
    operationFailure('no-driver', `fake: ${deviceId}`);

  constructor(
    private readonly devices: DeviceConfig[],
    private readonly clock: Clock,
  ) {
    this.statuses = this.snapshot();
  }

  list(): DeviceStatus[] {
    return this.statuses;
  }

  async reopenAll(): Promise<void> {
    this.reopenCount += 1;
    this.statuses = this.snapshot();
    this.changed.emit();
  }

  onChange(listener: () => void): () => void {
    return this.changed.subscribe(listener);
  }

  async perform<Op extends DeviceOperation>(deviceId: string, operation: Op): Promise<DeviceOperationReply<Op['op']>> {
    this.performed.push({ deviceId, operation });
    return (await this.performHandler(deviceId, operation)) as DeviceOperationReply<Op['op']>;
  }

  onDeviceEvent(listener: (event: DeviceEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  emitDeviceEvent(event: DeviceEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  async close(): Promise<void> {
    this.statuses = this.statuses.map((s) => ({ ...s, state: 'offline', updatedAt: this.clock.now() }));
  }

  private snapshot(): DeviceStatus[] {
    const now = this.clock.now();
    return this.devices.map((device) => {
      const simulated = device.binding.transport === 'simulated';
      return {
        id: device.id,
        kind: device.kind,
        binding: describeBinding(device.binding),
        simulated,
        state: simulated ? 'ready' : 'offline',
        fault: simulated
          ? null
          : {
              code: 'driver-not-installed',
              message: {
                'zh-CN': '此版本尚未包含该设备的驱动程序',
                en: 'This version has no driver for this device yet',
              },
            },
        capabilities: [],
        statistics: { reconnects: this.reopenCount },
        updatedAt: now,
      };
    });
  }
}
