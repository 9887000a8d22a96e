import type { DeviceConfig } from '../../../config/terminalConfigSchema.js';
import { createConfiguredDevices, type DeviceSimulators } from '../../../drivers/manager/createConfiguredDevices.js';
import { DriverDeviceManager } from '../../../drivers/manager/driverDeviceManager.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DeviceManager } from './deviceManager.js';

export interface DriverBackedDevices {
  manager: DeviceManager;
  simulators: DeviceSimulators;
}

/**
 * The runtime's device manager on the real driver layer. Devices open in the background:
 * the kiosk is ready to serve its screens at once, and each device turns `ready` (or shows
 * its fault) on the maintenance screen as it comes up.
 */
export async function createDriverDeviceManager(configs: DeviceConfig[], clock: Clock, logger: Logger): Promise<DriverBackedDevices> {
  const { devices, simulators } = await createConfiguredDevices(configs);
  const manager = new DriverDeviceManager({
    devices,
    timers: {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle as TimerHandle),
    },
    log: (message, fields) => logger.warn(message, fields),
  });
  void manager.openAll().catch((error: unknown) =>
    logger.error('opening devices failed', { error: error instanceof Error ? error.message : String(error) }),
  );
  return { manager, simulators };
}
