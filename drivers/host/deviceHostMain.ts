/**
 * Entry point of the device-host child process (bundled to out/host/device-host.mjs; in
 * development `node --import tsx drivers/host/deviceHostMain.ts`). The runtime starts it with
 * KIOSK_DEVICE_HOST_CONFIG set, either with child_process.fork (browser shell: messages over
 * Node's IPC channel) or as an Electron utility process (messages over process.parentPort);
 * see deviceHost.ts.
 */
import { runDeviceHost, type HostChannel, type HostLog } from './deviceHost.js';
import { readDeviceHostConfigs, type HostToRuntimeMessage } from './deviceHostProtocol.js';

const log: HostLog = (level, message, fields) => {
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, source: 'device-host', pid: process.pid, message, ...fields }) + '\n');
};

const exit = (code: number) => process.exit(code);

/** Electron's utility-process port to the main process, when this is one. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

function utilityProcessChannel(port: ParentPort): HostChannel {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    // Electron ends a utility process together with its parent: there is no orphan to prevent.
    onDisconnect: () => undefined,
  };
}

function ipcChannel(): HostChannel {
  return {
    send: (message: HostToRuntimeMessage) => {
      if (!process.connected || !process.send) return;
      process.send(message, undefined, {}, (error: Error | null) => {
        if (error) log('warn', 'sending to runtime failed', { type: message.type, error: error.message });
      });
    },
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => {
      process.on('disconnect', listener);
      // The runtime may already be gone by the time we get here.
      if (!process.connected) queueMicrotask(listener);
    },
  };
}

const read = readDeviceHostConfigs(process.env, process.argv.slice(2));
if (!parentPort && !process.send) {
  log('error', 'the device host must be started by the kiosk runtime (child_process.fork with an IPC channel, or an Electron utility process)');
  exit(2);
} else if (!read.ok) {
  log('error', read.error);
  exit(2);
} else {
  await runDeviceHost({ configs: read.configs, log, exit, channel: parentPort ? utilityProcessChannel(parentPort) : ipcChannel() });
}
