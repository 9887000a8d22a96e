import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveDeviceHostEntry } from '../../../../electron/runtime/devices/deviceHostEntry.js';

describe('resolveDeviceHostEntry', () => {
  it('runs the TypeScript entry under tsx from source', () => {
    const { entry, execArgv } = resolveDeviceHostEntry();
    expect(entry.endsWith('/drivers/host/deviceHostMain.ts')).toBe(true);
    expect(existsSync(entry)).toBe(true);
    expect(execArgv).toEqual(['--import', 'tsx']);
  });

  it('runs out/host/device-host.mjs next to a bundle with plain node', () => {
    expect(resolveDeviceHostEntry('file:///app/out/browser/browser-shell.mjs')).toEqual({ entry: '/app/out/host/device-host.mjs', execArgv: [] });
    expect(resolveDeviceHostEntry('file:///app/out/main/electron-main.cjs')).toEqual({ entry: '/app/out/host/device-host.mjs', execArgv: [] });
  });
});
