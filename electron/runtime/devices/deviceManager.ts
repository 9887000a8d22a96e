import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';

/**
 * What the runtime needs from the device layer: drivers/manager/DriverDeviceManager (see
 * createDriverDeviceManager.ts) in the kiosk, a fake in tests.
 */
export interface DeviceManager {
  list(): DeviceStatus[];
  /** Closes and re-opens every device (staff "reset terminal"). */
  reopenAll(): Promise<void>;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}
