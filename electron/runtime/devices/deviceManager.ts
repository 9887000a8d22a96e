import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';

/**
 * What the runtime needs from the device layer. The driver layer (drivers/) provides the
 * real manager; until then PlaceholderDeviceManager reports the configured bindings.
 */
export interface DeviceManager {
  list(): DeviceStatus[];
  /** Closes and re-opens every device (staff "reset terminal"). */
  reopenAll(): Promise<void>;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}
