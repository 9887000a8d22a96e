import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Clock, TimerHandle } from '../../../electron/runtime/clock.js';
import type { Logger } from '../../../electron/runtime/logger.js';
import { openKioskStore, type KioskStore } from '../../../electron/runtime/store/openKioskStore.js';

/** 2026-11-23T09:45:01.000Z */
export const START_MS = Date.UTC(2026, 10, 23, 9, 45, 1);

/** A clock the test moves by hand; timers are not needed by the store. */
export function manualClock(startMs = START_MS): Clock & { advance(ms: number): void } {
  let now = startMs;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    setTimeout: () => {
      throw new Error('the store must not schedule timers');
    },
    clearTimeout: (_handle: TimerHandle) => {},
  };
}

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function recordingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

const tempDirs: string[] = [];
const openStores: KioskStore[] = [];

afterEach(() => {
  for (const store of openStores.splice(0)) if (store.db.open) store.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-'));
  tempDirs.push(dir);
  return dir;
}

/** Opens a store that is closed after the test if the test did not close it. */
export function openTestStore(file: string, clock: Clock = manualClock(), logger: Logger = recordingLogger()) {
  const store = openKioskStore({ file, clock, logger });
  openStores.push(store);
  return store;
}
