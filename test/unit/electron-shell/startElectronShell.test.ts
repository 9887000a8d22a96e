import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_IPC_EVENT_CHANNEL, BRIDGE_IPC_REQUEST_CHANNEL } from '../../../electron/bridge/bridgeChannels.js';
import type { BridgeEventMessage } from '../../../electron/bridge/bridgeContract.js';
import type { KioskRuntime } from '../../../electron/runtime/kioskRuntime.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../../electron/shell-electron/appProtocol.js';
import { MemoryFlag } from './memoryFlag.js';
import { RESTART_REQUESTED_EXIT_CODE } from '../../../electron/shell-electron/shutdownSequence.js';
import { startElectronShell, type ElectronShellOptions } from '../../../electron/shell-electron/startElectronShell.js';
import { kioskWindowOptions } from '../../../electron/shell-electron/windowOptions.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { asShellElectron, createFakeElectron, FakeEvent, FakeWebContents, ipcEvent } from './fakeElectron.js';
import { createFakeRuntime } from './fakeRuntime.js';

const PRELOAD = '/opt/gov-kiosk/out/preload/preload.cjs';
const TRUSTED_FRAME = { url: 'app://kiosk/index.html', parent: null };
const snapshotQuery = { kind: 'query', id: 1, query: { type: 'snapshot.get' } };


interface SetupOptions {
  gpuFlag?: boolean;
  createRuntime?: () => Promise<KioskRuntime>;
  lock?: boolean;
  restartViaSupervisor?: boolean;
  isPackaged?: boolean;
  clockStart?: number;
}

function setup(options: SetupOptions = {}) {
  const electron = createFakeElectron();
  electron.app.hasSingleInstanceLock = options.lock ?? true;
  const clock = new FakeClock(options.clockStart);
  const processEvents = new EventEmitter();
  const flag = new MemoryFlag(options.gpuFlag ?? false);
  const fakeRuntime = createFakeRuntime();
  const shellOptions: ElectronShellOptions = {
    electron: asShellElectron(electron),
    createRuntime: options.createRuntime ?? (async () => fakeRuntime.runtime),
    paths: { rendererDir: '/opt/gov-kiosk/out/renderer', preloadPath: PRELOAD },
    dataDir: '/tmp/unused',
    logger: silentLogger,
    clock,
    isPackaged: options.isPackaged ?? true,
    restartViaSupervisor: options.restartViaSupervisor ?? false,
    processEvents,
    softwareRenderingFlag: flag,
    readRendererFile: async () => new TextEncoder().encode('<!doctype html>'),
  };
  const shell = startElectronShell(shellOptions);
  const window = () => {
    const created = electron.BrowserWindow.instances[0];
    if (!created) throw new Error('no window');
    return created;
  };
  return { electron, clock, processEvents, flag, fakeRuntime, shell, window };
}

async function started(options: SetupOptions = {}) {
  const context = setup(options);
  context.electron.app.becomeReady();
  await context.shell.started;
  return context;
}

function invokeBridge(context: ReturnType<typeof setup>, event: unknown, payload: unknown) {
  return context.electron.ipcMain.invoke(BRIDGE_IPC_REQUEST_CHANNEL, event, payload);
}

describe('startElectronShell before ready', () => {
  it('enables the sandbox first, then takes the single-instance lock', () => {
    const { electron } = setup();
    expect(electron.app.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
  });

  it('registers app: as privileged and removes the menu before ready', () => {
    const { electron } = setup();
    expect(electron.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.Menu.applicationMenus).toEqual([null]);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.protocol.handlers.size).toBe(0);
  });

  it('exits at once when another instance holds the lock', async () => {
    const { electron, shell } = setup({ lock: false });
    expect(shell.role).toBe('secondary');
    expect(electron.app.exitCodes).toEqual([0]);
    electron.app.becomeReady();
    await shell.started;
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.protocol.privilegedSchemes).toHaveLength(0);
  });

  it('disables hardware acceleration before ready when the GPU flag is set', () => {
    const { electron } = setup({ gpuFlag: true });
    electron.app.becomeReady();
    const calls = electron.app.calls;
    expect(calls).toContain('disableHardwareAcceleration');
    expect(calls.indexOf('disableHardwareAcceleration')).toBeLessThan(calls.indexOf('ready'));
  });

  it('keeps hardware acceleration without the flag', () => {
    const { electron } = setup({ gpuFlag: false });
    expect(electron.app.calls).not.toContain('disableHardwareAcceleration');
  });
});

describe('startElectronShell on ready', () => {
  it('creates the kiosk window with the hardened options and loads the app origin', async () => {
    const { window } = await started();
    expect(window().options).toEqual(kioskWindowOptions({ preloadPath: PRELOAD, isPackaged: true }));
    expect(window().loadedUrls).toEqual(['app://kiosk/index.html']);
    expect(window().webContents.zoomLimits).toEqual([1, 1]);
  });

  it('shows the window on ready-to-show only', async () => {
    const { window } = await started();
    expect(window().shown).toBe(0);
    window().emit('ready-to-show');
    expect(window().shown).toBe(1);
  });

  it('second-instance brings the kiosk window back to front', async () => {
    const { electron, window } = await started();
    window().minimized = true;
    electron.app.emit('second-instance', new FakeEvent(), [], '/');
    expect(window().restored).toBe(1);
    expect(window().shown).toBe(1);
    expect(window().focused).toBe(1);
  });

  it('serves app:// with the CSP and nosniff headers', async () => {
    const { electron } = await started();
    const handler = electron.protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('app://kiosk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('installs the permission policy on the default session', async () => {
    const { electron } = await started();
    const session = electron.session.defaultSession;
    let granted: boolean | undefined;
    session.permissionRequestHandler?.({}, 'geolocation', (g) => (granted = g), { requestingUrl: 'app://kiosk/', isMainFrame: true });
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler).not.toBeNull();
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });

  it('guards every webContents created, not only the kiosk window', async () => {
    const { electron } = await started();
    const stray = new FakeWebContents();
    electron.app.emit('web-contents-created', new FakeEvent(), stray);
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigation = new FakeEvent('https://example.com/');
    stray.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    stray.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('blocks browser shortcuts and lets typing through', async () => {
    const { window } = await started();
    const press = (input: Record<string, unknown>) => {
      const event = new FakeEvent();
      window().webContents.emit('before-input-event', event, { type: 'keyDown', code: '', control: false, shift: false, alt: false, meta: false, ...input });
      return event.defaultPrevented;
    };
    expect(press({ key: 'r', control: true })).toBe(true);
    expect(press({ key: 'F12' })).toBe(true);
    expect(press({ key: 'F4', alt: true })).toBe(true);
    expect(press({ key: 'a' })).toBe(false);
    expect(press({ key: 'Backspace' })).toBe(false);
  });

  it('lets devtools shortcuts through in an unpackaged build', async () => {
    const { window } = await started({ isPackaged: false });
    const event = new FakeEvent();
    window().webContents.emit('before-input-event', event, { key: 'F12', code: 'F12', control: false, shift: false, alt: false, meta: false });
    expect(event.defaultPrevented).toBe(false);
  });

  it('prevents the window from closing unless the app is quitting', async () => {
    const { window, shell } = await started();
    const first = new FakeEvent();
    window().emit('close', first);
    expect(first.defaultPrevented).toBe(true);
    void shell.shutdown.exit(0);
    const second = new FakeEvent();
    window().emit('close', second);
    expect(second.defaultPrevented).toBe(false);
  });

  it('keeps the display awake', async () => {
    const { electron } = await started();
    expect(electron.powerSaveBlocker.startedTypes).toEqual(['prevent-display-sleep']);
    expect(electron.powerSaveBlocker.active.size).toBe(1);
  });
});

describe('startElectronShell bridge over IPC', () => {
  it('hands trusted requests to runtime.bridge.handle', async () => {
    const context = await started();
    const reply = await invokeBridge(context, ipcEvent(context.window().webContents, TRUSTED_FRAME), snapshotQuery);
    expect(reply).toEqual({ kind: 'reply', id: 1, ok: true, result: 'handled' });
    expect(context.fakeRuntime.handle).toHaveBeenCalledWith(snapshotQuery, { transport: 'ipc', peer: 'app://kiosk/index.html' });
  });

  it.each([
    ['another origin', (contents: unknown) => ipcEvent(contents, { url: 'https://evil.example/', parent: null })],
    ['a sub frame', (contents: unknown) => ipcEvent(contents, { url: 'app://kiosk/x.html', parent: TRUSTED_FRAME })],
    ['another webContents', () => ipcEvent(new FakeWebContents(), TRUSTED_FRAME)],
    ['no sender frame', (contents: unknown) => ipcEvent(contents, null)],
  ])('never lets %s reach the runtime', async (_name, makeEvent) => {
    const context = await started();
    await invokeBridge(context, makeEvent(context.window().webContents), snapshotQuery);
    expect(context.fakeRuntime.handle).not.toHaveBeenCalled();
  });

  it('rejects an oversize message before the runtime sees it', async () => {
    const context = await started();
    const reply = await invokeBridge(context, ipcEvent(context.window().webContents, TRUSTED_FRAME), {
      ...snapshotQuery,
      pad: 'x'.repeat(20_000),
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(context.fakeRuntime.handle).not.toHaveBeenCalled();
  });

  it('holds requests that arrive before the runtime is ready', async () => {
    let resolveRuntime!: (runtime: KioskRuntime) => void;
    const context = setup({ createRuntime: () => new Promise<KioskRuntime>((resolve) => (resolveRuntime = resolve)) });
    context.electron.app.becomeReady();
    await vi.waitFor(() => expect(context.electron.BrowserWindow.instances).toHaveLength(1));
    const pending = invokeBridge(context, ipcEvent(context.window().webContents, TRUSTED_FRAME), snapshotQuery);
    await Promise.resolve();
    expect(context.fakeRuntime.handle).not.toHaveBeenCalled();
    resolveRuntime(context.fakeRuntime.runtime);
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  it('forwards runtime events to the window and handles reload itself', async () => {
    const context = await started();
    const contents = context.window().webContents;
    const snapshot = { kind: 'event', event: { type: 'snapshot', snapshot: {} } } as unknown as BridgeEventMessage;
    context.fakeRuntime.publish(snapshot);
    expect(contents.sent).toEqual([{ channel: BRIDGE_IPC_EVENT_CHANNEL, args: [snapshot] }]);
    context.fakeRuntime.publish({ kind: 'event', event: { type: 'reload' } });
    expect(contents.reloads).toBe(1);
    expect(contents.sent).toHaveLength(1);
  });

  it('does not send to a destroyed webContents', async () => {
    const context = await started();
    const contents = context.window().webContents;
    contents.destroyed = true;
    context.fakeRuntime.publish({ kind: 'event', event: { type: 'reload' } });
    expect(contents.sent).toHaveLength(0);
    expect(contents.reloads).toBe(0);
  });
});

describe('startElectronShell recovery wiring', () => {
  it('reloads a crashed renderer, and exits non-zero after the crash budget', async () => {
    const context = await started();
    const contents = context.window().webContents;
    const allowed = context.fakeRuntime.runtime.config.recovery.rendererCrashesAllowed;
    for (let i = 0; i < allowed; i++) contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 1 });
    expect(contents.reloads).toBe(allowed);
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toHaveLength(1));
    expect(context.electron.app.exitCodes[0]).not.toBe(0);
    expect(context.fakeRuntime.shutdown).toHaveBeenCalled();
  });

  it('ignores a clean renderer exit', async () => {
    const context = await started();
    context.window().webContents.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    expect(context.window().webContents.reloads).toBe(0);
  });

  it('crashes and reloads a renderer that stays unresponsive', async () => {
    const context = await started();
    const contents = context.window().webContents;
    contents.emit('unresponsive');
    context.clock.advance(context.fakeRuntime.runtime.config.recovery.hangTimeoutSeconds * 1000);
    expect(contents.recoveryCalls).toEqual(['forcefullyCrashRenderer', 'reload']);
  });

  it('does nothing when the renderer becomes responsive in time', async () => {
    const context = await started();
    const contents = context.window().webContents;
    contents.emit('unresponsive');
    context.clock.advance(1_000);
    contents.emit('responsive');
    context.clock.advance(60_000);
    expect(contents.recoveryCalls).toEqual([]);
  });

  it('repeated GPU crashes persist the flag, relaunch and exit', async () => {
    const context = await started();
    const threshold = context.fakeRuntime.runtime.config.recovery.gpuCrashesBeforeSoftwareRendering;
    for (let i = 0; i < threshold; i++) {
      context.electron.app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    }
    expect(context.flag.value).toBe(true);
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([0]));
    expect(context.electron.app.relaunches).toBe(1);
    expect(context.fakeRuntime.shutdown).toHaveBeenCalled();
  });

  it('under systemd, a GPU restart exits for the supervisor instead of relaunching', async () => {
    const context = await started({ restartViaSupervisor: true });
    for (let i = 0; i < 3; i++) {
      context.electron.app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    }
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([RESTART_REQUESTED_EXIT_CODE]));
    expect(context.electron.app.relaunches).toBe(0);
  });

  it('restarts daily in the quiet window when idle', async () => {
    // Local noon, so the sample's quiet window (local time) lies ahead.
    const noon = new Date(2026, 10, 23, 12, 0, 0).getTime();
    const context = await started({ clockStart: noon });
    const { start } = context.fakeRuntime.runtime.config.quietWindow;
    const [hours, minutes] = start.split(':').map(Number);
    const windowStart = new Date(2026, 10, 24, hours ?? 0, minutes ?? 0).getTime();
    context.clock.advance(windowStart - noon - 60_000);
    expect(context.electron.app.relaunches).toBe(0);
    context.clock.advance(2 * 60_000);
    expect(context.electron.app.relaunches).toBe(1);
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([0]));
  });

  it('does not restart daily during a citizen session', async () => {
    const noon = new Date(2026, 10, 23, 12, 0, 0).getTime();
    const context = await started({ clockStart: noon });
    context.fakeRuntime.state.sessionActive = true;
    context.clock.advance(24 * 60 * 60 * 1000);
    expect(context.electron.app.relaunches).toBe(0);
    expect(context.electron.app.exitCodes).toEqual([]);
  });
});

describe('startElectronShell shutdown', () => {
  it('SIGTERM shuts the runtime down, then exits 0', async () => {
    const context = await started();
    let finishShutdown!: () => void;
    context.fakeRuntime.shutdown.mockImplementation(() => new Promise<void>((resolve) => (finishShutdown = resolve)));
    context.processEvents.emit('SIGTERM');
    await vi.waitFor(() => expect(context.fakeRuntime.shutdown).toHaveBeenCalledOnce());
    expect(context.electron.app.exitCodes).toEqual([]);
    finishShutdown();
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([0]));
  });

  it('SIGINT does the same', async () => {
    const context = await started();
    context.processEvents.emit('SIGINT');
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([0]));
    expect(context.fakeRuntime.shutdown).toHaveBeenCalledOnce();
  });

  it('before-quit is taken over by the shutdown sequence', async () => {
    const context = await started();
    const event = new FakeEvent();
    context.electron.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([0]));
    expect(context.fakeRuntime.shutdown).toHaveBeenCalledOnce();
  });

  it('an uncaught exception exits non-zero instead of showing a dialog', async () => {
    const context = await started();
    context.processEvents.emit('uncaughtException', new Error('boom'));
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([1]));
  });
});

describe('startElectronShell without a runtime', () => {
  it('still shows the renderer, answers requests with an error, and exits later for the supervisor', async () => {
    const context = await started({ createRuntime: () => Promise.reject(new Error('database locked')) });
    expect(context.window().loadedUrls).toEqual(['app://kiosk/index.html']);
    const reply = await invokeBridge(context, ipcEvent(context.window().webContents, TRUSTED_FRAME), snapshotQuery);
    expect(reply).toMatchObject({ id: 1, ok: false, error: { code: 'internal' } });
    expect(context.electron.app.exitCodes).toEqual([]);
    context.clock.advance(60_000);
    await vi.waitFor(() => expect(context.electron.app.exitCodes).toEqual([1]));
  });
});

describe('shell sources', () => {
  const dir = join(process.cwd(), 'electron', 'shell-electron');
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, code: readFileSync(join(dir, name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') }));

  it('never call shell.openExternal or open devtools', () => {
    for (const { name, code } of sources) {
      expect(code, name).not.toMatch(/openExternal\s*\(/);
      expect(code, name).not.toMatch(/openDevTools\s*\(/);
    }
  });

  it('never allow visual zoom above 1', () => {
    const calls = sources.flatMap(({ code }) => code.match(/setVisualZoomLevelLimits\([^)]*\)/g) ?? []);
    expect(calls).toEqual(['setVisualZoomLevelLimits(1, 1)']);
  });

  it('only main.ts imports electron at runtime', () => {
    for (const { name, code } of sources) {
      const runtimeImport = /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(code);
      expect(runtimeImport, name).toBe(name === 'main.ts');
    }
  });
});
