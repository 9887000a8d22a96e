// Electron fuses for the kiosk, flipped in the packaged binary by electron-builder's afterPack
// hook (electron-builder.yml). Fuses are compiled-in switches that no command line or
// environment variable can turn back on (research/electron.md §6.5).
//
// A binary without a fuse wire (the stand-in Electron of `npm run package:check`, or a
// broken download) is refused, unless KIOSK_ALLOW_STANDIN_ELECTRON=1 says that this build
// is a layout check that will never ship: then the hook says loudly that it skipped.
import { join } from 'node:path';

/** The kiosk's fuse settings, in electron-builder's `electronFuses` vocabulary. */
export const KIOSK_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter.
  runAsNode: false,
  // Cookies (and the session store) encrypted at rest with the OS key store.
  enableCookieEncryption: true,
  // NODE_OPTIONS could preload code into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would open a debugger port into the main process.
  enableNodeCliInspectArguments: false,
  // Refuse a modified app.asar (Windows; Linux Electron has no embedded integrity check).
  enableEmbeddedAsarIntegrityValidation: true,
  // Never load an app from a loose directory placed beside the archive.
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The UI is served from app://, so file:// needs no extra privileges.
  grantFileProtocolExtraPrivileges: false,
});

/** Fuse name → index in Electron's V1 fuse wire (the order of @electron/fuses' FuseV1Options). */
export const FUSE_WIRE_INDEX = Object.freeze({
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
});

export const ALLOW_STANDIN_ENV = 'KIOSK_ALLOW_STANDIN_ELECTRON';

/** The @electron/fuses config for KIOSK_FUSES, every fuse set explicitly. */
export function kioskFuseConfig(fuseVersionV1) {
  const config = { version: fuseVersionV1 };
  for (const [name, value] of Object.entries(KIOSK_FUSES)) config[FUSE_WIRE_INDEX[name]] = value;
  return config;
}

/** The Electron executable electron-builder produced (the file that carries the fuse wire). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  throw new Error(`Kiosk fuses: unsupported platform ${electronPlatformName} (only linux and win32 are packaged)`);
}

/** Names of fuses whose state in `wire` (getCurrentFuseWire's result) differs from KIOSK_FUSES. */
export function fusesNotAsConfigured(wire) {
  const ENABLE = 49; // '1'
  const DISABLE = 48; // '0'
  return Object.entries(KIOSK_FUSES)
    .filter(([name, value]) => wire[FUSE_WIRE_INDEX[name]] !== (value ? ENABLE : DISABLE))
    .map(([name]) => name);
}

/**
 * Flips the kiosk fuses in the packaged binary and reads them back. Returns
 * `{ applied: true }`, or `{ applied: false, reason }` when the binary has no fuse wire and
 * the stand-in is explicitly allowed; throws otherwise.
 */
export async function applyKioskFuses(context, options = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const fuses = options.fuses ?? (await import('@electron/fuses'));
  const binary = electronBinaryPath(context);
  try {
    await fuses.getCurrentFuseWire(binary);
  } catch (error) {
    const reason = `no Electron fuse wire in ${binary} (${error instanceof Error ? error.message : String(error)})`;
    if (env[ALLOW_STANDIN_ENV] === '1') {
      log('!'.repeat(78));
      log(`!! ELECTRON FUSES NOT APPLIED: ${reason}`);
      log(`!! ${ALLOW_STANDIN_ENV}=1: this package is a layout check and must never be shipped.`);
      log('!'.repeat(78));
      return { applied: false, reason };
    }
    throw new Error(
      `Kiosk fuses: ${reason}. A release must be packaged from a genuine Electron; ` +
        `set ${ALLOW_STANDIN_ENV}=1 only for a layout check that is never shipped.`,
    );
  }
  await fuses.flipFuses(binary, kioskFuseConfig(fuses.FuseVersion.V1));
  const wrong = fusesNotAsConfigured(await fuses.getCurrentFuseWire(binary));
  if (wrong.length > 0) throw new Error(`Kiosk fuses: ${binary} still has ${wrong.join(', ')} not as configured`);
  log(`kiosk fuses applied to ${binary}`);
  return { applied: true };
}

/** electron-builder afterPack hook. */
export async function afterPack(context) {
  await applyKioskFuses(context);
}

export default afterPack;
