import type { DeviceEvent } from '../../../drivers/host/deviceEvent.js';
import type {
  DeviceOperation,
  DeviceOperationProgress,
  DeviceOperationReply,
} from '../../../drivers/host/deviceOperation.js';
import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';

export interface PerformOptions {
  /** Aborts a read or a scan; payments and prints always run to their end. */
  signal?: AbortSignal;
  onProgress?: (progress: DeviceOperationProgress) => void;
}

/**
 * What the runtime needs from the device layer: the device host behind DeviceHostSupervisor
 * (the drivers in a child process) or the drivers in-process (createDriverDeviceManager), and
 * a fake in tests.
 */
export interface DeviceManager {
  list(): DeviceStatus[];
  /** Closes and re-opens every device (staff "reset terminal"). */
  reopenAll(): Promise<void>;
  onChange(listener: () => void): () => void;
  /**
   * Runs one operation on one device. Resolves, never rejects: failures to reach the driver
   * are `{ ok: false, failure }`, the driver's own failures are in `result`.
   */
  perform<Op extends DeviceOperation>(deviceId: string, operation: Op, options?: PerformOptions): Promise<DeviceOperationReply<Op['op']>>;
  onDeviceEvent(listener: (event: DeviceEvent) => void): () => void;
  close(): Promise<void>;
}
