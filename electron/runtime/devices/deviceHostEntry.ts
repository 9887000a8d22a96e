import { fileURLToPath } from 'node:url';

/**
 * Where the device host's entry is and how to run it. Bundled (out/main/electron-main.cjs,
 * out/browser/browser-shell.mjs), import.meta.url is the bundle, and the host is its
 * sibling out/host/device-host.mjs, run by plain node. From source (tsx, vitest), it is
 * drivers/host/deviceHostMain.ts, run with --import tsx.
 */
export function resolveDeviceHostEntry(fromUrl: string = import.meta.url): { entry: string; execArgv: string[] } {
  if (/\.[cm]?ts$/.test(fileURLToPath(fromUrl))) {
    return { entry: fileURLToPath(new URL('../../../drivers/host/deviceHostMain.ts', fromUrl)), execArgv: ['--import', 'tsx'] };
  }
  return { entry: fileURLToPath(new URL('../host/device-host.mjs', fromUrl)), execArgv: [] };
}
