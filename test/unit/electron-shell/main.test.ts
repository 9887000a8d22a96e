import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRIDGE_IPC_REQUEST_CHANNEL } from '../../../electron/bridge/bridgeChannels.js';

/**
 * Imports the real entry with 'electron' replaced by the fakes (the real package throws
 * under Node) and the runtime factory mocked, to show main.ts wires startElectronShell
 * with the module shape Electron has.
 */
const mocks = vi.hoisted(() => ({ createKioskRuntime: vi.fn() }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fakeElectron.js');
  return createFakeElectron();
});
vi.mock('../../../electron/runtime/createKioskRuntime.js', () => ({ createKioskRuntime: mocks.createKioskRuntime }));
// electron-updater require()s the real 'electron', which vi.mock cannot reach inside a CommonJS dependency.
vi.mock('electron-updater', () => ({
  autoUpdater: {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    setFeedURL: () => undefined,
    checkForUpdates: async () => null,
    downloadUpdate: async () => [],
    quitAndInstall: () => undefined,
  },
}));

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
const processEvents = ['SIGTERM', 'SIGINT', 'uncaughtException'];
const processEmitter: NodeJS.EventEmitter = process;
const listenersBefore = new Map(processEvents.map((name) => [name, processEmitter.listeners(name)]));
const savedDataDir = process.env.KIOSK_DATA_DIR;
process.env.KIOSK_DATA_DIR = dataDir;

const { createFakeRuntime } = await import('./fakeRuntime.js');
const fakeRuntime = createFakeRuntime();
mocks.createKioskRuntime.mockImplementation(async () => fakeRuntime.runtime);

const electron = (await import('electron')) as unknown as import('./fakeElectron.js').FakeElectron;
const main = await import('../../../electron/shell-electron/main.js');

afterAll(() => {
  // main.ts registered handlers on the real process; leave it as we found it.
  for (const name of processEvents) {
    for (const listener of processEmitter.listeners(name)) {
      if (!listenersBefore.get(name)?.includes(listener)) processEmitter.removeListener(name, listener as () => void);
    }
  }
  if (savedDataDir === undefined) delete process.env.KIOSK_DATA_DIR;
  else process.env.KIOSK_DATA_DIR = savedDataDir;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron main entry', () => {
  it('hardens the app before ready', () => {
    expect(electron.app.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
    expect(electron.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.Menu.applicationMenus).toEqual([null]);
  });

  it('creates the runtime once the app is ready (the device host is a utility process), with the data dir and bundle paths', async () => {
    expect(mocks.createKioskRuntime).not.toHaveBeenCalled();
    electron.app.becomeReady();
    await vi.waitFor(() => expect(mocks.createKioskRuntime).toHaveBeenCalledOnce());
    expect(mocks.createKioskRuntime).toHaveBeenCalledWith(
      expect.objectContaining({
        dataDir,
        sampleConfigFile: join('/opt/gov-kiosk', 'config', 'terminal.sample.json'),
        appVersion: '0.1.0-test',
        shell: 'electron',
        forkDeviceHost: expect.any(Function),
        versions: { electron: expect.any(String), chrome: expect.any(String) },
      }),
    );
  });

  it('on ready, serves app://, registers the bridge and opens the kiosk window with the bundled preload', async () => {
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1));
    const window = electron.BrowserWindow.instances[0]!;
    expect(window.options.webPreferences?.preload).toBe(join('/opt/gov-kiosk', 'out', 'preload', 'preload.cjs'));
    expect(window.options.webPreferences?.devTools).toBe(false);
    expect(window.loadedUrls).toEqual(['app://kiosk/index.html']);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(electron.ipcMain.handlers.has(BRIDGE_IPC_REQUEST_CHANNEL)).toBe(true);
    expect(electron.powerSaveBlocker.startedTypes).toEqual(['prevent-display-sleep']);
  });

  it('resolves the bundle layout from the app path', () => {
    expect(main.resolveBundlePaths('/app')).toEqual({
      rendererDir: join('/app', 'out', 'renderer'),
      preloadPath: join('/app', 'out', 'preload', 'preload.cjs'),
      sampleConfigFile: join('/app', 'config', 'terminal.sample.json'),
    });
  });

  it('detects a systemd supervisor from INVOCATION_ID', () => {
    expect(main.isSupervisedBySystemd({ INVOCATION_ID: 'abc' })).toBe(true);
    expect(main.isSupervisedBySystemd({})).toBe(false);
  });
});
