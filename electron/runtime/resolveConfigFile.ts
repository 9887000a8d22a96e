import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which terminal config file to load: an explicit path (flag or KIOSK_CONFIG), else
 * <dataDir>/terminal.json when a field engineer has put one there, else the shipped sample.
 */
export function resolveConfigFile(dataDir: string, sampleFile: string, explicit?: string): string {
  if (explicit) return explicit;
  if (process.env.KIOSK_CONFIG) return process.env.KIOSK_CONFIG;
  const local = join(dataDir, 'terminal.json');
  return existsSync(local) ? local : sampleFile;
}
