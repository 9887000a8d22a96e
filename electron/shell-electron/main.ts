import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { systemClock } from '../runtime/clock.js';
import { createKioskRuntime } from '../runtime/createKioskRuntime.js';
import { createConsoleLogger } from '../runtime/logger.js';
import { resolveDataDir } from '../runtime/resolveDataDir.js';
import { startElectronShell } from './startElectronShell.js';
import { utilityProcessForker } from './utilityProcessDeviceHost.js';

/**
 * Electron entry, bundled to out/main/electron-main.cjs; the only file that imports
 * 'electron' at runtime. Paths are taken from app.getAppPath() (the directory holding
 * package.json, or app.asar when packaged), so they hold in development and packaged.
 *
 * If the runtime cannot be created, the shell still shows the window with the renderer
 * ("reconnecting") and exits non-zero a minute later for the supervisor to retry. Exiting
 * at once would loop restarts with the bare compositor or the desktop on screen between
 * them; staying up forever would never heal a transient failure (a disk not mounted yet,
 * a locked database). See startElectronShell's runtimeFailureExitDelayMs.
 */

export interface ElectronMainPaths {
  rendererDir: string;
  preloadPath: string;
  /** Shipped sample terminal config, used when the data dir has none. */
  sampleConfigFile: string;
}

export function resolveBundlePaths(appPath: string): ElectronMainPaths {
  return {
    rendererDir: join(appPath, 'out', 'renderer'),
    preloadPath: join(appPath, 'out', 'preload', 'preload.cjs'),
    sampleConfigFile: join(appPath, 'config', 'terminal.sample.json'),
  };
}

/** systemd sets INVOCATION_ID for every service it starts; then it owns restarts. */
export function isSupervisedBySystemd(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.INVOCATION_ID);
}

const logger = createConsoleLogger();
// KIOSK_DATA_DIR, else the same per-user location the browser shell and kioskctl use, so
// staff tools find this shell's database (app.getPath('userData') would differ on Linux).
const dataDir = resolveDataDir();
const paths = resolveBundlePaths(app.getAppPath());

const shell = startElectronShell({
  electron: { app, BrowserWindow, protocol, session, ipcMain, Menu, powerSaveBlocker },
  // utilityProcess.fork (the device host) is only allowed once the app is ready.
  createRuntime: async () => {
    await app.whenReady();
    return createKioskRuntime({
      dataDir,
      sampleConfigFile: paths.sampleConfigFile,
      logger,
      appVersion: app.getVersion(),
      shell: 'electron',
      forkDeviceHost: utilityProcessForker(utilityProcess),
      versions: { electron: process.versions.electron ?? 'unknown', chrome: process.versions.chrome ?? 'unknown' },
    });
  },
  paths,
  dataDir,
  logger,
  clock: systemClock,
  isPackaged: app.isPackaged,
  restartViaSupervisor: isSupervisedBySystemd(process.env),
});

shell.started.catch((error: unknown) => {
  logger.error('kiosk shell failed to start', { error: error instanceof Error ? error.message : String(error) });
  void shell.shutdown.exit(1);
});
