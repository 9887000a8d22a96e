import type { TerminalConfig } from '../../../config/terminalConfigSchema.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { HealthReport } from './healthProbe.js';

/**
 * The health a new config must keep: every required device ready (or busy serving). The
 * renderer and platform checks join this when the sync agent reports platform reachability.
 */
export function requiredDevicesHealth(config: TerminalConfig, devices: DeviceManager): HealthReport {
  const required = new Set(config.devices.filter((d) => d.required).map((d) => d.id));
  const problems = devices
    .list()
    .filter((s) => required.has(s.id) && s.state !== 'ready' && s.state !== 'busy')
    .map((s) => `device ${s.id} is ${s.state}${s.fault ? ` (${s.fault.code})` : ''}`);
  const missing = [...required].filter((id) => !devices.list().some((s) => s.id === id));
  return { healthy: problems.length === 0 && missing.length === 0, problems: [...problems, ...missing.map((id) => `device ${id} is not running (restart needed to add it)`)] };
}
