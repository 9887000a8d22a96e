import type { DeviceConfig } from '../../../config/terminalConfigSchema.js';
import { createConfiguredDevices, type DeviceSimulators } from '../../../drivers/manager/createConfiguredDevices.js';
import { DriverDeviceManager } from '../../../drivers/manager/driverDeviceManager.js';
import { CallerKeptPrintJournal } from '../../../drivers/printer/device/callerKeptPrintJournal.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DeviceManager } from './deviceManager.js';
import { InProcessDeviceManager } from './inProcessDeviceManager.js';

export interface DriverBackedDevices {
  manager: DeviceManager;
  simulators: DeviceSimulators;
}

/**
 * The runtime's device manager on the real driver layer, in this process. Devices open in the
 * background: the kiosk is ready to serve its screens at once, and each device turns `ready`
 * (or shows its fault) on the maintenance screen as it comes up. Printers journal through the
 * runtime's print journal, which records every job before it is sent.
 */
export async function createDriverDeviceManager(
  configs: DeviceConfig[],
  clock: Clock,
  logger: Logger,
  options: { open?: boolean } = {},
): Promise<DriverBackedDevices> {
  const configured = await createConfiguredDevices(configs, { printJournal: new CallerKeptPrintJournal() });
  const drivers = new DriverDeviceManager({
    devices: configured.devices,
    timers: {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle as TimerHandle),
    },
    log: (message, fields) => logger.warn(message, fields),
  });
  if (options.open !== false) {
    void drivers.openAll().catch((error: unknown) =>
      logger.error('opening devices failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
  return { manager: new InProcessDeviceManager(drivers, configured), simulators: configured.simulators };
}
