import type { Device } from '../model/device.js';
import { ReceiptPrinter } from '../printer/device/receiptPrinter.js';

/**
 * An unsolicited event of one device for staff and logs (XFS4IoT "unsolicited events"): the
 * printer's paper is near its end, a job failed, the journal could not be written. Status
 * changes travel separately as DeviceStatus.
 */
export interface DeviceEvent {
  deviceId: string;
  event: { kind: string } & Record<string, unknown>;
}

/** Subscribes to the events of every device that has them; returns the unsubscribe function. */
export function subscribeDeviceEvents(devices: readonly Device[], listener: (event: DeviceEvent) => void): () => void {
  const unsubscribes = devices.flatMap((device) =>
    device instanceof ReceiptPrinter ? [device.onEvent((event) => listener({ deviceId: device.id, event: { ...event } }))] : [],
  );
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
