import type { DeviceHostChild, ForkDeviceHost } from '../runtime/devices/deviceHostSupervisor.js';
import type { RuntimeToHostMessage } from '../../drivers/host/deviceHostProtocol.js';

/** The part of Electron's UtilityProcess the adapter uses (a fake in tests). */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
}

export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { env?: NodeJS.ProcessEnv; execArgv?: string[]; serviceName?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): UtilityProcessLike;
}

/**
 * Runs the device host in an Electron utility process, the Electron way to give native
 * drivers a process of their own: child_process.fork would need ELECTRON_RUN_AS_NODE, which
 * the kiosk's fuses turn off. The host talks over process.parentPort (see deviceHostMain.ts);
 * this adapter gives the supervisor the same DeviceHostChild it gets from child_process.
 */
export function utilityProcessForker(utilityProcess: UtilityProcessModule): ForkDeviceHost {
  return (entry, options) => {
    const child = utilityProcess.fork(entry, [], {
      env: options.env,
      execArgv: options.execArgv,
      serviceName: 'kiosk-device-host',
      stdio: 'inherit',
    });
    let exited = false;
    // Messages posted before the process has spawned are held and sent once it has.
    let pending: RuntimeToHostMessage[] | null = [];
    child.on('spawn', () => {
      const held = pending ?? [];
      pending = null;
      for (const message of held) child.postMessage(message);
    });
    child.on('exit', () => {
      exited = true;
      pending = null;
    });
    const adapted: DeviceHostChild = {
      get pid() {
        return child.pid;
      },
      get connected() {
        return !exited;
      },
      send(message: RuntimeToHostMessage, callback?: (error: Error | null) => void): boolean {
        try {
          if (exited) throw new Error('device host has exited');
          if (pending) pending.push(message);
          else child.postMessage(message);
          callback?.(null);
          return true;
        } catch (error) {
          callback?.(error instanceof Error ? error : new Error(String(error)));
          return false;
        }
      },
      kill: () => child.kill(),
      on(event: string, listener: (...args: unknown[]) => void) {
        if (event === 'exit') child.on('exit', (code) => listener(code, null));
        else if (event === 'message') child.on('message', (message) => listener(message));
        // A utility process that fails to launch reports 'error' and then 'exit'; its pid stays
        // undefined, which the supervisor reads as "never started".
        else if (event === 'error') child.on('error', (type, location) => listener(new Error(`utility process ${type} at ${location}`)));
        return adapted;
      },
    };
    return adapted;
  };
}
