import type { DeviceConfig, DeviceBinding } from '../../../config/terminalConfigSchema.js';
import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';
import type { Clock } from '../clock.js';
import { ChangeSignal } from '../changeSignal.js';
import type { DeviceManager } from './deviceManager.js';

/**
 * Stand-in for the driver layer's device manager: it reports every configured device.
 * Simulated bindings are `ready`; real bindings are `offline` with an honest fault, because
 * this build has no driver to open them yet.
 */
export class PlaceholderDeviceManager implements DeviceManager {
  private readonly changed = new ChangeSignal();
  private statuses: DeviceStatus[];
  private reopenCount = 0;

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

export function describeBinding(binding: DeviceBinding): string {
  switch (binding.transport) {
    case 'simulated':
      return 'simulated';
    case 'serial':
      return `serial ${binding.path} @${binding.baudRate}`;
    case 'usb':
    case 'hid':
      return `${binding.transport} ${binding.vendorId}:${binding.productId}`;
  }
}
