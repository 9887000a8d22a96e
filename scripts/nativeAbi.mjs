// Which runtime a native addon was compiled for. better-sqlite3 is not N-API: its .node
// exports node_register_module_v<ABI>, and loads only in a runtime with that ABI (Node 20 is
// 115; each Electron major has its own). N-API addons (serialport, node-hid, usb) load in both.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const BETTER_SQLITE3_ADDON = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/** The module ABI an addon was built for, 'napi' for an N-API addon, undefined if neither. */
export function addonAbi(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const versioned = /node_register_module_v(\d+)/.exec(text);
  if (versioned) return Number(versioned[1]);
  return text.includes('napi_register_module_v') ? 'napi' : undefined;
}

/** Electron's version (node_modules/electron) and its module ABI (from node-abi). */
export function electronTarget(root) {
  const require = createRequire(join(root, 'package.json'));
  const version = require('electron/package.json').version;
  return { version, abi: Number(require('node-abi').getAbi(version, 'electron')) };
}

/** Whether better-sqlite3 in `root` loads in the pinned Electron; a sentence either way. */
export function betterSqliteForElectron(root) {
  const target = electronTarget(root);
  let abi;
  try {
    abi = addonAbi(readFileSync(join(root, BETTER_SQLITE3_ADDON)));
  } catch {
    return { ok: false, message: `${BETTER_SQLITE3_ADDON} is missing: run npm install, then scripts/rebuild-native-for-electron.mjs` };
  }
  if (abi === target.abi) return { ok: true, message: `better-sqlite3 is built for Electron ${target.version} (ABI ${abi})` };
  return {
    ok: false,
    message:
      `better-sqlite3 is built for ABI ${abi ?? 'unknown'} (Node ${process.versions.node} is ${process.versions.modules}), ` +
      `Electron ${target.version} needs ABI ${target.abi}: run node scripts/rebuild-native-for-electron.mjs on a machine with network access`,
  };
}
