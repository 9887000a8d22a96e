import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FlagStore } from './rendererRecoveryPolicy.js';

/** Name of the file in the data dir that switches the next starts to software rendering. */
export const SOFTWARE_RENDERING_FLAG_FILE = 'gpu-software-rendering.flag';

/**
 * A flag that is a file: present means set. Synchronous on purpose, because it is read
 * before app 'ready' and written just before the process exits. Staff or an admin clear
 * it by deleting the file (e.g. after a graphics driver fix).
 */
export function createFileFlagStore(filePath: string, now: () => Date = () => new Date()): FlagStore {
  return {
    isSet: () => existsSync(filePath),
    set: () => {
      mkdirSync(dirname(filePath), { recursive: true });
      writeFileSync(filePath, `set ${now().toISOString()}\n`);
    },
  };
}
