import * as fuses from '@electron/fuses';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALLOW_STANDIN_ENV,
  applyKioskFuses,
  electronBinaryPath,
  FUSE_WIRE_INDEX,
  KIOSK_FUSES,
  kioskFuseConfig,
  type FusePackContext,
} from '../../../scripts/electronFuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's factory states: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, … */
const FACTORY_WIRE = '10110001';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function packContext(withWire: boolean): FusePackContext & { binary: string } {
  const appOutDir = mkdtempSync(join(tmpdir(), 'fuses-'));
  dirs.push(appOutDir);
  const binary = join(appOutDir, 'gov-kiosk');
  const wire = withWire ? Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, FACTORY_WIRE.length]), Buffer.from(FACTORY_WIRE)]) : Buffer.alloc(0);
  writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF padding before the wire '), wire, Buffer.from(' and after')]));
  return { appOutDir, electronPlatformName: 'linux', packager: { executableName: 'gov-kiosk', appInfo: { productFilename: 'gov-kiosk' } }, binary };
}

function wireOf(binary: string): string {
  const bytes = readFileSync(binary);
  const start = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  return bytes.subarray(start, start + FACTORY_WIRE.length).toString('latin1');
}

describe('kiosk fuse settings', () => {
  it('turn off every way into the main process and on every integrity check', () => {
    expect(KIOSK_FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('name the same wire positions as @electron/fuses', () => {
    expect(FUSE_WIRE_INDEX.runAsNode).toBe(fuses.FuseV1Options.RunAsNode);
    expect(FUSE_WIRE_INDEX.enableCookieEncryption).toBe(fuses.FuseV1Options.EnableCookieEncryption);
    expect(FUSE_WIRE_INDEX.enableNodeOptionsEnvironmentVariable).toBe(fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable);
    expect(FUSE_WIRE_INDEX.enableNodeCliInspectArguments).toBe(fuses.FuseV1Options.EnableNodeCliInspectArguments);
    expect(FUSE_WIRE_INDEX.enableEmbeddedAsarIntegrityValidation).toBe(fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation);
    expect(FUSE_WIRE_INDEX.onlyLoadAppFromAsar).toBe(fuses.FuseV1Options.OnlyLoadAppFromAsar);
    expect(FUSE_WIRE_INDEX.loadBrowserProcessSpecificV8Snapshot).toBe(fuses.FuseV1Options.LoadBrowserProcessSpecificV8Snapshot);
    expect(FUSE_WIRE_INDEX.grantFileProtocolExtraPrivileges).toBe(fuses.FuseV1Options.GrantFileProtocolExtraPrivileges);
  });

  it('become a V1 config that sets every known fuse explicitly', () => {
    const config = kioskFuseConfig(fuses.FuseVersion.V1);
    expect(config.version).toBe(fuses.FuseVersion.V1);
    expect(config[fuses.FuseV1Options.RunAsNode]).toBe(false);
    expect(config[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(Object.keys(config).filter((k) => k !== 'version')).toHaveLength(8);
  });
});

describe('applyKioskFuses', () => {
  it('flips the wire of a binary that has one, byte for byte', async () => {
    const context = packContext(true);
    const log: string[] = [];
    await expect(applyKioskFuses(context, { env: {}, log: (l) => log.push(l) })).resolves.toEqual({ applied: true });
    // RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, asar integrity 1, only asar 1, V8 snapshot 0, file:// 0.
    expect(wireOf(context.binary)).toBe('01001100');
    expect(log.join('\n')).toContain('kiosk fuses applied');
  });

  it('refuses a binary without a fuse wire unless the stand-in is allowed', async () => {
    const context = packContext(false);
    await expect(applyKioskFuses(context, { env: {}, log: () => {} })).rejects.toThrow(/genuine Electron/);
  });

  it('skips loudly on an allowed stand-in and leaves it untouched', async () => {
    const context = packContext(false);
    const before = readFileSync(context.binary);
    const log: string[] = [];
    const result = await applyKioskFuses(context, { env: { [ALLOW_STANDIN_ENV]: '1' }, log: (l) => log.push(l) });
    expect(result.applied).toBe(false);
    expect(log.join('\n')).toMatch(/ELECTRON FUSES NOT APPLIED.*must never be shipped/s);
    expect(readFileSync(context.binary)).toEqual(before);
  });

  it('fails when the wire does not read back as configured', async () => {
    const context = packContext(true);
    const stubborn = { ...fuses, flipFuses: async () => 1 }; // a flip that changes nothing
    await expect(applyKioskFuses(context, { env: {}, log: () => {}, fuses: stubborn })).rejects.toThrow(/runAsNode/);
  });

  it('finds the Windows executable by product name', () => {
    expect(electronBinaryPath({ appOutDir: 'C:/out', electronPlatformName: 'win32', packager: { appInfo: { productFilename: 'gov-kiosk' } } })).toMatch(
      /gov-kiosk\.exe$/,
    );
    expect(() => electronBinaryPath({ appOutDir: '/x', electronPlatformName: 'darwin', packager: { appInfo: { productFilename: 'g' } } })).toThrow(/unsupported/);
  });
});
