/**
 * Entry point of the device-host child process (bundled to out/host/device-host.mjs; in
 * development `node --import tsx drivers/host/deviceHostMain.ts`). The runtime starts it
 * with child_process.fork and KIOSK_DEVICE_HOST_CONFIG set; see deviceHost.ts.
 */
import { runDeviceHost, type HostLog } from './deviceHost.js';
import { readDeviceHostConfigs, type HostToRuntimeMessage } from './deviceHostProtocol.js';

const log: HostLog = (level, message, fields) => {
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, source: 'device-host', pid: process.pid, message, ...fields }) + '\n');
};

const exit = (code: number) => process.exit(code);

if (!process.send) {
  log('error', 'the device host must be started by the kiosk runtime (child_process.fork with an IPC channel)');
  exit(2);
}

const read = readDeviceHostConfigs(process.env, process.argv.slice(2));
if (!read.ok) {
  log('error', read.error);
  exit(2);
} else {
  await runDeviceHost({
    configs: read.configs,
    log,
    exit,
    channel: {
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
    },
  });
}
