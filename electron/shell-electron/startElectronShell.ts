import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  Protocol,
  WebContents,
} from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, APP_SCHEME, BRIDGE_IPC_EVENT_CHANNEL, BRIDGE_IPC_REQUEST_CHANNEL } from '../bridge/bridgeChannels.js';
import type { Clock } from '../runtime/clock.js';
import type { BridgeEndpoint, KioskRuntime } from '../runtime/kioskRuntime.js';
import type { Logger } from '../runtime/logger.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, type ReadRendererFile } from './appProtocol.js';
import { createBridgeIpcHandler } from './bridgeIpcHandler.js';
import { DailyRestartScheduler } from './dailyRestartPolicy.js';
import { DisplaySleepBlocker, type PowerSaveBlockerApi } from './displaySleepBlocker.js';
import { createFileFlagStore, SOFTWARE_RENDERING_FLAG_FILE } from './fileFlagStore.js';
import { installNavigationGuards } from './navigationPolicy.js';
import { installPermissionPolicy, type PermissionSession } from './permissionPolicy.js';
import {
  applySoftwareRenderingFlag,
  FALLBACK_RECOVERY_SETTINGS,
  GpuRecoveryPolicy,
  RendererRecoveryPolicy,
  type FlagStore,
} from './rendererRecoveryPolicy.js';
import { runtimeUnavailableBridge } from './runtimeUnavailableBridge.js';
import { blockedShortcut } from './shortcutPolicy.js';
import { ShutdownSequence } from './shutdownSequence.js';
import { kioskWindowOptions } from './windowOptions.js';

/** What the shell uses of the kiosk window's webContents. */
export type KioskWebContents = Pick<
  WebContents,
  'on' | 'send' | 'reload' | 'forcefullyCrashRenderer' | 'setVisualZoomLevelLimits' | 'isDestroyed'
>;

/** What the shell uses of the kiosk window. */
export type KioskWindow = Pick<BrowserWindow, 'on' | 'once' | 'show' | 'focus' | 'restore' | 'isMinimized' | 'loadURL'> & {
  readonly webContents: KioskWebContents;
};

/**
 * The slice of the electron module the shell needs. The real module satisfies it (main.ts
 * passes it); tests pass EventEmitter fakes. Only main.ts imports 'electron' at runtime.
 */
export interface ShellElectron {
  app: Pick<
    App,
    'enableSandbox' | 'requestSingleInstanceLock' | 'disableHardwareAcceleration' | 'whenReady' | 'on' | 'exit' | 'relaunch'
  >;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => KioskWindow;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { readonly defaultSession: PermissionSession };
  ipcMain: Pick<IpcMain, 'handle'>;
  Menu: { setApplicationMenu(menu: null): void };
  powerSaveBlocker: PowerSaveBlockerApi;
}

/** Process-level events the shell listens to (process itself in production). */
export interface ProcessEvents {
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export interface ElectronShellOptions {
  electron: ShellElectron;
  /** Creates the kiosk runtime; started at once, in parallel with app 'ready'. */
  createRuntime: () => Promise<KioskRuntime>;
  paths: {
    /** The built renderer (out/renderer), served on app://kiosk/. */
    rendererDir: string;
    /** The bundled preload (out/preload/preload.cjs). */
    preloadPath: string;
  };
  /** The data dir; holds the software-rendering flag, read before the runtime exists. */
  dataDir: string;
  logger: Logger;
  clock: Clock;
  isPackaged: boolean;
  /** See ShutdownSequenceOptions.restartViaSupervisor. */
  restartViaSupervisor?: boolean;
  /**
   * When the runtime cannot be created, the window still shows the renderer ("reconnecting")
   * and the app exits after this delay so the supervisor retries. Default 60 s.
   */
  runtimeFailureExitDelayMs?: number;
  processEvents?: ProcessEvents;
  softwareRenderingFlag?: FlagStore;
  readRendererFile?: ReadRendererFile;
}

export interface ElectronShell {
  /** 'secondary' when another instance holds the single-instance lock; this one exits. */
  readonly role: 'primary' | 'secondary';
  /** Settles when the window is up and the runtime is either wired or known to have failed. */
  readonly started: Promise<void>;
  window(): KioskWindow | undefined;
  readonly shutdown: ShutdownSequence;
}

export const KIOSK_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const RUNTIME_UNAVAILABLE_EXIT_CODE = 1;
const DEFAULT_RUNTIME_FAILURE_EXIT_DELAY_MS = 60_000;
const UNCAUGHT_EXCEPTION_EXIT_CODE = 1;

/**
 * Starts the hardened kiosk shell. Must be called before app 'ready': the sandbox, the
 * privileged scheme and the GPU flag only take effect then. Every decision is delegated to
 * a policy module; this function only connects them to Electron's events.
 */
export function startElectronShell(options: ElectronShellOptions): ElectronShell {
  const { electron, logger, clock } = options;
  const { app } = electron;
  const startedAtMs = clock.now();
  let runtime: KioskRuntime | undefined;
  let kioskWindow: KioskWindow | undefined;
  const shutdown = new ShutdownSequence({
    app,
    runtime: () => runtime,
    clock,
    logger,
    restartViaSupervisor: options.restartViaSupervisor ?? false,
  });

  // Before ready: every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    logger.warn('another kiosk instance holds the lock; exiting');
    app.exit(0);
    return { role: 'secondary', started: Promise.resolve(), window: () => undefined, shutdown };
  }
  app.on('second-instance', () => {
    if (kioskWindow) bringToFront(kioskWindow);
  });
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // No menu means no File/View/Window accelerators (reload, devtools, zoom, close).
  electron.Menu.setApplicationMenu(null);

  const softwareRenderingFlag =
    options.softwareRenderingFlag ?? createFileFlagStore(join(options.dataDir, SOFTWARE_RENDERING_FLAG_FILE));
  applySoftwareRenderingFlag(app, softwareRenderingFlag, logger);
  const recoverySettings = () => runtime?.config.recovery ?? FALLBACK_RECOVERY_SETTINGS;
  const gpuRecovery = new GpuRecoveryPolicy({
    settings: recoverySettings,
    clock,
    softwareRenderingFlag,
    relaunch: () => void shutdown.restart(),
    logger,
  });
  app.on('child-process-gone', (_event, details) => gpuRecovery.childProcessGone(details));
  // Every webContents, not just ours: a stray one must not navigate or open windows either.
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, logger));
  app.on('before-quit', (event) => {
    // Quitting always goes through the shutdown sequence, which ends in app.exit.
    event.preventDefault();
    void shutdown.exit(0);
  });
  const processEvents = options.processEvents ?? process;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    processEvents.on(signal, () => {
      logger.info('signal received', { signal });
      void shutdown.exit(0);
    });
  }
  // Electron's default is a modal error dialog, which nobody at a kiosk can dismiss.
  processEvents.on('uncaughtException', (error: Error) => {
    logger.error('uncaught exception in the main process', { error: error.message });
    void shutdown.exit(UNCAUGHT_EXCEPTION_EXIT_CODE);
  });

  const runtimeCreated = options.createRuntime().then(
    (created) => {
      runtime = created;
      return created;
    },
    (error: unknown) => {
      logger.error('kiosk runtime could not be created', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    },
  );
  const bridge: Promise<BridgeEndpoint> = runtimeCreated.then((created) => created?.bridge ?? runtimeUnavailableBridge);

  const started = (async () => {
    await app.whenReady();
    electron.protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rendererDir: options.paths.rendererDir,
        logger,
        ...(options.readRendererFile ? { readFile: options.readRendererFile } : {}),
      }),
    );
    installPermissionPolicy(electron.session.defaultSession, logger);
    electron.ipcMain.handle(
      BRIDGE_IPC_REQUEST_CHANNEL,
      createBridgeIpcHandler({ bridge: () => bridge, kioskWebContents: () => kioskWindow?.webContents, logger }),
    );

    const window = new electron.BrowserWindow(
      kioskWindowOptions({ preloadPath: options.paths.preloadPath, isPackaged: options.isPackaged }),
    );
    kioskWindow = window;
    const contents = window.webContents;
    // Pinch zoom stays off (Electron's default); set explicitly so nothing can raise it.
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
    contents.on('before-input-event', (event, input) => {
      const blocked = blockedShortcut(input, { allowDevTools: !options.isPackaged });
      if (blocked === null) return;
      event.preventDefault();
      logger.info('shortcut blocked', { shortcut: blocked });
    });
    window.on('close', (event) => {
      if (shutdown.quitting) return;
      event.preventDefault();
      logger.warn('window close prevented');
    });
    window.once('ready-to-show', () => window.show());

    const rendererRecovery = new RendererRecoveryPolicy({
      settings: recoverySettings,
      clock,
      renderer: contents,
      exitApp: (exitCode) => void shutdown.exit(exitCode),
      logger,
    });
    contents.on('render-process-gone', (_event, details) => rendererRecovery.renderProcessGone(details));
    contents.on('unresponsive', () => rendererRecovery.unresponsive());
    contents.on('responsive', () => rendererRecovery.responsive());
    window.on('closed', () => {
      rendererRecovery.dispose();
      kioskWindow = undefined;
    });
    window.loadURL(KIOSK_ENTRY_URL).catch((error: unknown) => {
      // A failed first load is answered by render-process-gone or the runtime's reload.
      logger.error('kiosk page failed to load', { error: error instanceof Error ? error.message : String(error) });
    });

    new DisplaySleepBlocker(electron.powerSaveBlocker).start();

    const created = await runtimeCreated;
    if (created) {
      connectRuntime(created);
    } else {
      const delayMs = options.runtimeFailureExitDelayMs ?? DEFAULT_RUNTIME_FAILURE_EXIT_DELAY_MS;
      logger.error('running without a runtime; exiting later for the supervisor to retry', { delayMs });
      clock.setTimeout(() => void shutdown.exit(RUNTIME_UNAVAILABLE_EXIT_CODE), delayMs);
    }
  })();

  function connectRuntime(created: KioskRuntime): void {
    created.bridge.subscribe((message) => {
      const contents = kioskWindow?.webContents;
      if (!contents || contents.isDestroyed()) return;
      // Reloading from the main side also works when the page itself is wedged.
      if (message.event.type === 'reload') {
        contents.reload();
        return;
      }
      contents.send(BRIDGE_IPC_EVENT_CHANNEL, message);
    });
    new DailyRestartScheduler({
      clock,
      startedAtMs,
      settings: () => ({ quietWindow: created.config.quietWindow, dailyRestart: created.config.recovery.dailyRestart }),
      isSessionActive: () => created.isSessionActive(),
      restart: () => void shutdown.restart(),
      logger,
    }).start();
  }

  return { role: 'primary', started, window: () => kioskWindow, shutdown };
}

function bringToFront(window: KioskWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
