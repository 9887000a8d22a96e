#!/usr/bin/env node
// npm run package [-- electron-builder arguments]: packages the kiosk with electron-builder.
// Without arguments it builds the unpacked Linux app (`--linux dir`); for releases pass the
// targets, e.g. `npm run package -- --linux deb --x64 --arm64` or `-- --win nsis --x64`
// (build each architecture on a machine of that architecture: see README, "Packaging").
//
// electron-builder downloads Electron unless told where an unpacked one is: set ELECTRON_DIST
// (or install the electron binary). A package is refused while better-sqlite3 is compiled for
// Node rather than for Electron (it would not start); `--allow-node-abi` packages anyway, for
// a layout check only. `npm run package:check` is the offline check of the package contents.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { betterSqliteForElectron } from './nativeAbi.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const passed = process.argv.slice(2);
const allowNodeAbi = passed.includes('--allow-node-abi');
const builderArgs = passed.filter((a) => a !== '--allow-node-abi');

const native = betterSqliteForElectron(root);
if (!native.ok) {
  if (!allowNodeAbi) {
    process.stderr.write(`Refusing to package: ${native.message}.\n(--allow-node-abi packages anyway, for a layout check that is never shipped.)\n`);
    process.exit(1);
  }
  process.stderr.write(`WARNING (--allow-node-abi): ${native.message}. This package cannot run.\n`);
}

const hasTarget = builderArgs.some((a) => /^--(linux|win|windows|mac)$|^-[lwm]$/.test(a));
const args = [require.resolve('electron-builder/cli.js'), ...(hasTarget ? [] : ['--linux', 'dir']), ...builderArgs];
if (!builderArgs.some((a) => a === '--publish' || a.startsWith('--publish='))) args.push('--publish', 'never');

const candidates = [process.env.ELECTRON_DIST, `${root}node_modules/electron/dist`].filter(Boolean);
const electronDist = candidates.find((dir) => existsSync(dir));
if (electronDist) args.push(`-c.electronDist=${electronDist}`);
else process.stderr.write('No unpacked Electron found (ELECTRON_DIST unset, no node_modules/electron/dist): electron-builder will try to download one.\n');

const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
