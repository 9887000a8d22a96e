#!/usr/bin/env node
// npm start: the Electron shell when an Electron binary is installed (trying to install it
// first when the network allows), otherwise the browser shell. Says which, and why.
// KIOSK_SHELL=browser (or --browser) forces the browser shell.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2).filter((a) => a !== '--browser');
const forceBrowser = process.env.KIOSK_SHELL === 'browser' || process.argv.includes('--browser');

/** The Electron executable, or the reason there is none. */
function findElectron() {
  try {
    // The electron package's main export is the binary's path; it throws when the binary is missing.
    return { path: require('electron') };
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function tryInstallElectron() {
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return 'the electron package is not installed';
  }
  process.stderr.write('Electron binary missing: trying to download it (60 s at most)…\n');
  const result = spawnSync(process.execPath, [installer], { cwd: root, timeout: 60_000, encoding: 'utf8' });
  if (result.status === 0) return null;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN/i.test(l));
  return output ?? (result.error ? result.error.message : `installer exited with ${result.status}`);
}

/**
 * better-sqlite3 is compiled for one ABI: npm builds it for Node, and Electron needs its
 * own. Load it inside Electron (as plain Node) before handing the kiosk to it.
 */
function nativeModulesProblem(electronPath) {
  const probe = "const D = require('better-sqlite3'); new D(':memory:').close();";
  const result = spawnSync(electronPath, ['-e', probe], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 30_000,
    encoding: 'utf8',
  });
  if (result.status === 0) return null;
  const line = `${result.stderr ?? ''}`.split('\n').find((l) => /NODE_MODULE_VERSION|Error/.test(l));
  return `better-sqlite3 does not load in it (${line?.trim() ?? result.error?.message ?? `exit ${result.status}`})`;
}

async function startBrowserShell(why) {
  process.stderr.write(`Starting the browser shell: ${why}\n`);
  process.argv = [process.argv[0], process.argv[1], ...args];
  await import(pathToFileURL(`${root}out/browser/browser-shell.mjs`).href);
}

if (forceBrowser) {
  await startBrowserShell('requested with KIOSK_SHELL=browser / --browser.');
} else {
  let electron = findElectron();
  if (!electron.path) {
    const failure = tryInstallElectron();
    electron = failure ? { reason: `${electron.reason}; download failed: ${failure}` } : findElectron();
  }
  const abiProblem = electron.path ? nativeModulesProblem(electron.path) : null;
  if (electron.path && abiProblem) {
    await startBrowserShell(
      `the Electron binary is installed, but ${abiProblem}. Rebuild native modules for Electron with ` +
        '`npx electron-builder install-app-deps` (the Node build used by the tests and the browser shell is then replaced).',
    );
  } else if (electron.path) {
    process.stderr.write(`Starting the Electron shell (${electron.path}).\n`);
    const child = spawn(electron.path, [root, ...args], { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    await startBrowserShell(`no Electron binary (${electron.reason}).`);
  }
}
