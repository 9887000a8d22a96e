// Types for scripts/electronFuses.mjs (a plain ES module, because electron-builder loads it).

export type KioskFuseName =
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges';

export declare const KIOSK_FUSES: Readonly<Record<KioskFuseName, boolean>>;
export declare const FUSE_WIRE_INDEX: Readonly<Record<KioskFuseName, number>>;
export declare const ALLOW_STANDIN_ENV: 'KIOSK_ALLOW_STANDIN_ELECTRON';

export interface FusePackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

export interface FusesModule {
  FuseVersion: { V1: string };
  getCurrentFuseWire(binary: string): Promise<{ version: string } & { [fuse: number]: number | undefined }>;
  flipFuses(binary: string, config: Record<string, unknown>): Promise<unknown>;
}

export declare function kioskFuseConfig(fuseVersionV1: string): Record<string, unknown> & { version: string };
export declare function electronBinaryPath(context: FusePackContext): string;
export declare function fusesNotAsConfigured(wire: { [fuse: number]: number | undefined }): KioskFuseName[];
export declare function applyKioskFuses(
  context: FusePackContext,
  options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void; fuses?: FusesModule },
): Promise<{ applied: true } | { applied: false; reason: string }>;
export declare function afterPack(context: FusePackContext): Promise<void>;
export default afterPack;
