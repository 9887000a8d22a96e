import type { ByteTransport } from '../transport/byteTransport.js';
import type { DeviceStatusTracker } from './device.js';
import type { DeviceFault } from './deviceStatus.js';

/**
 * The first step of a driver's open(): `connecting`, then open the link. When the link
 * cannot be opened the device is left `offline` with `notFound` and false is returned;
 * the device manager retries it later.
 */
export async function openDeviceTransport(
  transport: ByteTransport,
  tracker: DeviceStatusTracker,
  notFound: DeviceFault,
): Promise<boolean> {
  tracker.set('connecting');
  try {
    await transport.open();
    return true;
  } catch {
    tracker.set('offline', notFound);
    return false;
  }
}
