import type { DeviceConfig } from '../../config/terminalConfigSchema.js';
import { bindingLabel } from '../model/bindingLabel.js';
import type { DeviceFault, DeviceStatus } from '../model/deviceStatus.js';

/**
 * What the runtime shows for its configured devices while the device host is not (yet)
 * reporting: built from the config alone, so the runtime never loads a driver (or a native
 * module) to know what it has.
 */
export function placeholderStatuses(configs: readonly DeviceConfig[], state: 'connecting' | 'offline', fault: DeviceFault | null, now: number): DeviceStatus[] {
  return configs.map((c) => ({
    id: c.id,
    kind: c.kind,
    binding: bindingLabel(c.binding),
    simulated: c.binding.transport === 'simulated',
    state,
    fault,
    capabilities: [],
    statistics: {},
    updatedAt: now,
  }));
}
