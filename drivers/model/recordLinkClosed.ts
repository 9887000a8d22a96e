import type { TransportCloseReason } from '../transport/byteTransport.js';
import type { DeviceStatusTracker } from './device.js';
import type { DeviceFault } from './deviceStatus.js';

/** A link that ended without our asking: unplugged, or failed. */
export type LostLinkReason = Exclude<TransportCloseReason, { kind: 'closed-by-us' }>;

/**
 * How a driver's status follows the end of its link: a close we asked for leaves the device
 * plainly `offline`; any other end is counted in `disconnects` and shown with the driver's
 * disconnected fault, so the maintenance screen tells an unplug from a shutdown.
 */
export function recordLinkClosed(
  tracker: DeviceStatusTracker,
  reason: TransportCloseReason,
  disconnectedFault: (lost: LostLinkReason) => DeviceFault,
): void {
  if (reason.kind === 'closed-by-us') {
    tracker.set('offline');
    return;
  }
  tracker.count('disconnects');
  tracker.set('offline', disconnectedFault(reason));
}
