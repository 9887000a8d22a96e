#!/usr/bin/env node
// npm run package: electron-builder --linux dir. electron-builder downloads Electron unless
// told where an unpacked one is: set ELECTRON_DIST (or install the electron binary).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const candidates = [process.env.ELECTRON_DIST, `${root}node_modules/electron/dist`].filter(Boolean);
const electronDist = candidates.find((dir) => existsSync(dir));
const args = ['electron-builder', '--linux', 'dir', ...process.argv.slice(2)];
if (electronDist) args.push(`-c.electronDist=${electronDist}`);
else process.stderr.write('No unpacked Electron found (ELECTRON_DIST unset, no node_modules/electron/dist): electron-builder will try to download one.\n');
const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
