#!/usr/bin/env node
// Builds every part of the kiosk into out/: the renderer (Vite), and the main-side bundles
// (esbuild): Electron main + preload (CommonJS, as Electron's sandboxed preload requires),
// the browser shell and the kioskctl CLI (ES modules). Dependencies stay external.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');

export const mainSideBundles = [
  { entry: 'electron/shell-electron/main.ts', outfile: 'out/main/electron-main.cjs', format: 'cjs', packages: 'external' },
  // The sandboxed preload may only require('electron'): bundle everything else into it.
  { entry: 'electron/preload/preload.ts', outfile: 'out/preload/preload.cjs', format: 'cjs', packages: 'bundle' },
  { entry: 'electron/shell-browser/main.ts', outfile: 'out/browser/browser-shell.mjs', format: 'esm', packages: 'external' },
  { entry: 'config/cli/kioskctl.ts', outfile: 'out/cli/kioskctl.mjs', format: 'esm', packages: 'external' },
  // The device host: drivers in a supervised child process (ESM: the entry uses top-level await).
  { entry: 'drivers/host/deviceHostMain.ts', outfile: 'out/host/device-host.mjs', format: 'esm', packages: 'external' },
];

export async function buildMainSide() {
  await Promise.all(
    mainSideBundles.map((b) =>
      esbuild({
        absWorkingDir: root,
        entryPoints: [b.entry],
        outfile: b.outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: b.format,
        packages: b.packages === 'external' ? 'external' : undefined,
        external: ['electron'],
        sourcemap: 'linked',
        logLevel: 'warning',
        // import.meta.url in a CommonJS bundle: point it at the bundle file itself.
        define: b.format === 'cjs' ? { 'import.meta.url': 'importMetaUrl' } : undefined,
        banner:
          b.format === 'cjs'
            ? { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" }
            : undefined,
      }),
    ),
  );
}

export async function buildRenderer() {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn', build: watch ? { watch: {} } : {} });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await Promise.all([buildMainSide(), buildRenderer()]);
  if (!watch) process.stdout.write(`built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
