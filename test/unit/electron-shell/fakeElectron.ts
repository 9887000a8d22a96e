import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';
import type { ShellElectron } from '../../../electron/shell-electron/startElectronShell.js';

/**
 * EventEmitter fakes of the parts of Electron the shell uses. They record calls so tests
 * can assert on them, and tests drive them by emitting the events Electron would emit.
 */

/** An Electron-style event: preventDefault is observable. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  reloads = 0;
  forcedCrashes = 0;
  /** Order of reload / forcefullyCrashRenderer calls, to check crash-then-reload. */
  readonly recoveryCalls: ('reload' | 'forcefullyCrashRenderer')[] = [];
  zoomLimits: [number, number] | undefined;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  reload(): void {
    this.reloads++;
    this.recoveryCalls.push('reload');
  }
  forcefullyCrashRenderer(): void {
    this.forcedCrashes++;
    this.recoveryCalls.push('forcefullyCrashRenderer');
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
    return Promise.resolve();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = 0;
  focused = 0;
  restored = 0;
  minimized = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.restored++;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
}

export class FakeApp extends EventEmitter {
  /** Names of the lifecycle calls in order, e.g. ['enableSandbox', 'requestSingleInstanceLock']. */
  readonly calls: string[] = [];
  readonly exitCodes: number[] = [];
  relaunches = 0;
  hasSingleInstanceLock = true;
  isPackaged = true;
  private markReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  enableSandbox(): void {
    this.calls.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.hasSingleInstanceLock;
  }
  disableHardwareAcceleration(): void {
    this.calls.push('disableHardwareAcceleration');
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** What Electron does when it has initialised. */
  becomeReady(): void {
    this.calls.push('ready');
    this.markReady();
    this.emit('ready');
  }
  exit(code = 0): void {
    this.calls.push('exit');
    this.exitCodes.push(code);
  }
  relaunch(): void {
    this.calls.push('relaunch');
    this.relaunches++;
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getAppPath(): string {
    return '/opt/gov-kiosk';
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: Record<string, unknown>,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
}

export class FakeProtocol {
  readonly privilegedSchemes: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.privilegedSchemes.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    this.handlers.set(scheme, handler);
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  /** What ipcRenderer.invoke would do: call the handler with an event. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

export class FakeMenu {
  readonly applicationMenus: unknown[] = [];
  setApplicationMenu(menu: unknown): void {
    this.applicationMenus.push(menu);
  }
}

export class FakePowerSaveBlocker {
  private nextId = 1;
  readonly active = new Map<number, string>();
  readonly startedTypes: string[] = [];
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number {
    const id = this.nextId++;
    this.active.set(id, type);
    this.startedTypes.push(type);
    return id;
  }
  stop(id: number): boolean {
    return this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
}

/** Electron's UtilityProcess as far as the device-host adapter uses it; `spawn()`/`exit()` play its lifecycle. */
export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  readonly posted: unknown[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  spawn(pid = 4242): void {
    this.pid = pid;
    this.emit('spawn');
  }
  exit(code: number): void {
    this.pid = undefined;
    this.emit('exit', code);
  }
}

export class FakeUtilityProcessModule {
  readonly forked: FakeUtilityProcess[] = [];
  fork(modulePath: string, _args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, options);
    this.forked.push(child);
    return child;
  }
}

export interface FakeElectron {
  utilityProcess: FakeUtilityProcessModule;
  app: FakeApp;
  BrowserWindow: typeof FakeBrowserWindow;
  protocol: FakeProtocol;
  session: { defaultSession: FakeSession };
  ipcMain: FakeIpcMain;
  Menu: FakeMenu;
  powerSaveBlocker: FakePowerSaveBlocker;
}

export function createFakeElectron(): FakeElectron {
  FakeBrowserWindow.instances.length = 0;
  return {
    utilityProcess: new FakeUtilityProcessModule(),
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    protocol: new FakeProtocol(),
    session: { defaultSession: new FakeSession() },
    ipcMain: new FakeIpcMain(),
    Menu: new FakeMenu(),
    powerSaveBlocker: new FakePowerSaveBlocker(),
  };
}

/**
 * The fakes implement only what the shell calls; Electron's full overloaded types are wider,
 * so the hand-over to the shell is the one cast at the test boundary.
 */
export function asShellElectron(fake: FakeElectron): ShellElectron {
  return fake as unknown as ShellElectron;
}

/** An IPC invoke event as Electron builds it, from the pieces the sender check reads. */
export function ipcEvent(sender: unknown, senderFrame: { url: string; parent: unknown } | null) {
  return { sender, senderFrame };
}
