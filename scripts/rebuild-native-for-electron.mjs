#!/usr/bin/env node
// Rebuilds better-sqlite3 for the pinned Electron (node_modules/electron), for packaging:
//   node scripts/rebuild-native-for-electron.mjs [--arch x64|arm64] [--headers-url URL] [--project DIR]
// Needs network access (or a mirror): @electron/rebuild first tries better-sqlite3's prebuilt
// binary for this Electron, then compiles against Electron's headers (python3, make, g++).
// --headers-url (or ELECTRON_HEADERS_URL) points at a headers mirror, e.g. an intranet copy
// of https://electronjs.org/headers. serialport, node-hid and usb are N-API and need nothing.
//
// Afterwards better-sqlite3 loads only in Electron: the tests and the browser shell need the
// Node build back with `npm rebuild better-sqlite3`. The repository's own checks never run
// this script. If the rebuild fails, the previous build is put back (an offline attempt
// otherwise leaves no better_sqlite3.node at all).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, BETTER_SQLITE3_ADDON, electronTarget } from './nativeAbi.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
// --project: another checkout (default: this one).
const root = option('--project') ?? fileURLToPath(new URL('..', import.meta.url));
const arch = option('--arch') ?? process.arch;
const headerURL = option('--headers-url') ?? process.env.ELECTRON_HEADERS_URL;
if (!['x64', 'arm64'].includes(arch)) {
  process.stderr.write(`--arch must be x64 or arm64, not ${arch}\n`);
  process.exit(2);
}
if (arch !== process.arch) {
  process.stderr.write(`Note: rebuilding for ${arch} on ${process.arch} works only with a prebuilt binary or a cross toolchain; build on an ${arch} machine if this fails.\n`);
}

const target = electronTarget(root);
const addon = join(root, BETTER_SQLITE3_ADDON);
const backupDir = mkdtempSync(join(tmpdir(), 'better-sqlite3-backup-'));
const backup = join(backupDir, 'better_sqlite3.node');
if (existsSync(addon)) copyFileSync(addon, backup);

process.stdout.write(`Rebuilding better-sqlite3 for Electron ${target.version} (ABI ${target.abi}, ${arch})…\n`);
try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: root,
    electronVersion: target.version,
    arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    ...(headerURL ? { headerURL } : {}),
  });
  const abi = addonAbi(readFileSync(addon));
  if (abi !== target.abi) throw new Error(`the rebuilt addon has ABI ${abi}, expected ${target.abi}`);
  process.stdout.write(`better-sqlite3 now loads in Electron ${target.version}. Run \`npm rebuild better-sqlite3\` to get the Node build back for tests.\n`);
} catch (error) {
  process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (existsSync(backup)) {
    mkdirSync(dirname(addon), { recursive: true });
    copyFileSync(backup, addon);
    process.stderr.write('The previous better_sqlite3.node is restored.\n');
  }
  process.exitCode = 1;
} finally {
  rmSync(backupDir, { recursive: true, force: true });
}
