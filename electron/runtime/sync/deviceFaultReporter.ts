import type { DeviceFaultEventPayload } from '../../platform/platformApiTypes.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { OutboxWriter } from '../outbox/outboxWriter.js';

/**
 * Writes a device-fault fact to the outbox whenever a device enters a fault (or goes offline
 * with a reason) and when it leaves it again, so the platform's fleet view sees what staff see.
 * Only changes are written; the first report of each device is its state at start-up when that
 * is a fault.
 */
export function reportDeviceFaults(devices: DeviceManager, outbox: Pick<OutboxWriter, 'append'>, wake: () => void): () => void {
  const last = new Map<string, string | null>();
  const check = () => {
    let wrote = false;
    for (const status of devices.list()) {
      const code = status.state === 'fault' || (status.state === 'offline' && status.fault) ? (status.fault?.code ?? status.state) : null;
      const before = last.has(status.id) ? last.get(status.id)! : null;
      last.set(status.id, code);
      if (code === before) continue;
      const payload: DeviceFaultEventPayload = {
        deviceId: status.id,
        kind: status.kind,
        state: status.state,
        faultCode: code ?? before,
        message: code ? (status.fault?.message ?? null) : null,
        cleared: code === null,
      };
      outbox.append('device-fault', { ...payload });
      wrote = true;
    }
    if (wrote) wake();
  };
  check();
  return devices.onChange(check);
}
