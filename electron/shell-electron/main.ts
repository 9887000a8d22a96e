import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session, utilityProcess } from 'electron';
import { autoUpdater } from 'electron-updater';
import { join } from 'node:path';
import { systemClock } from '../runtime/clock.js';
import { createKioskRuntime } from '../runtime/createKioskRuntime.js';
import { createConsoleLogger } from '../runtime/logger.js';
import type { KioskRuntime } from '../runtime/kioskRuntime.js';
import { resolveDataDir } from '../runtime/resolveDataDir.js';
import { startSystemdWatchdog } from '../runtime/systemdWatchdog.js';
import { createStagedInstaller } from '../runtime/updates/stagedInstaller.js';
import { createFileUpdateJournalStore, UPDATE_JOURNAL_FILE } from '../runtime/updates/updateJournalStore.js';
import { DEFAULT_UPDATE_SETTINGS } from '../runtime/updates/updateSettings.js';
import { quitAndInstallInstaller, UpdateService } from './updateService.js';
import { runKioskctlCli } from '../../config/cli/runKioskctlCli.js';
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

/** The kiosk itself: shell, runtime, watchdog and updates. */
function startKiosk(): void {
  // Under systemd (config/os/linux/gov-kiosk.service) the unit's watchdog restarts a hung kiosk.
  startSystemdWatchdog({ env: process.env, clock: systemClock, logger });
  let runtime: KioskRuntime | undefined;

  const shell = startElectronShell({
    electron: { app, BrowserWindow, protocol, session, ipcMain, Menu, powerSaveBlocker },
    // utilityProcess.fork (the device host) is only allowed once the app is ready.
    createRuntime: async () => {
      await app.whenReady();
      return (runtime = await createKioskRuntime({
        dataDir,
        sampleConfigFile: paths.sampleConfigFile,
        logger,
        appVersion: app.getVersion(),
        shell: 'electron',
        forkDeviceHost: utilityProcessForker(utilityProcess),
        versions: { electron: process.versions.electron ?? 'unknown', chrome: process.versions.chrome ?? 'unknown' },
      }));
    },
    paths,
    dataDir,
    logger,
    clock: systemClock,
    isPackaged: app.isPackaged,
    restartViaSupervisor: isSupervisedBySystemd(process.env),
  });

  // Software updates: downloaded in the background, installed only in the quiet window or when
  // staff choose, never during a session; a version that does not come up healthy is rolled back.
  const stagingDir = process.env.KIOSK_UPDATE_STAGING_DIR;
  const fetchSignature = async (url: string): Promise<Uint8Array> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const updates = new UpdateService({
    autoUpdater,
    currentVersion: app.getVersion(),
    clock: systemClock,
    logger,
    settings: () =>
      runtime && {
        updates: runtime.config.updates ?? DEFAULT_UPDATE_SETTINGS,
        quietWindow: runtime.config.quietWindow,
        terminalId: runtime.config.terminalId,
        platformBaseUrl: runtime.config.platform.baseUrl,
      },
    isSessionActive: () => runtime?.isSessionActive() ?? false,
    journal: createFileUpdateJournalStore(join(dataDir, UPDATE_JOURNAL_FILE)),
    installer: stagingDir
      ? createStagedInstaller({ stagingDir, ...(process.platform === 'linux' ? { fetchSignature } : {}) })
      : quitAndInstallInstaller(autoUpdater, { restartViaSupervisor: isSupervisedBySystemd(process.env) }),
    report: (outcome) => logger.warn('update outcome', { ...outcome }),
  });
  if (app.isPackaged) updates.start();
  shell.started.then(() => {
    if (runtime) updates.reportHealthy();
  }, () => undefined);

  shell.started.catch((error: unknown) => {
    logger.error('kiosk shell failed to start', { error: error instanceof Error ? error.message : String(error) });
    void shell.shutdown.exit(1);
  });
}

// `gov-kiosk --kioskctl …` runs the field engineer's CLI inside the packaged app (its fuses
// forbid running the binary as plain Node); config/os/linux/kioskctl is the wrapper.
const kioskctlAt = process.argv.indexOf('--kioskctl');
if (kioskctlAt >= 0) {
  void runKioskctlCli(process.argv.slice(kioskctlAt + 1), `${app.getAppPath()}/`).then((code) => app.exit(code));
} else {
  startKiosk();
}
