import type { Clock } from './clock.js';
import type { KioskRuntime } from './kioskRuntime.js';
import type { Logger } from './logger.js';

export interface KioskRuntimeOptions {
  /** Where the database, flags and logs live (see resolveDataDir). */
  dataDir: string;
  /** Terminal config file; when absent, <dataDir>/terminal.json, else the shipped sample. */
  configFile?: string;
  logger: Logger;
  clock?: Clock;
  appVersion: string;
  shell: 'electron' | 'browser';
  /** Extra version lines for the maintenance screen, e.g. { electron: '41.10.0' }. */
  versions?: Record<string, string>;
}

/** The composition root. (Being written: the services are composed in the next commit.) */
export async function createKioskRuntime(_options: KioskRuntimeOptions): Promise<KioskRuntime> {
  throw new Error('createKioskRuntime: not composed yet');
}
