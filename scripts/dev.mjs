#!/usr/bin/env node
// npm run dev: rebuilds on change and restarts the browser shell (port 8787, no Chromium).
import { spawn } from 'node:child_process';
import { context } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { mainSideBundles } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const browserBundle = mainSideBundles.find((b) => b.outfile.includes('browser-shell'));
let shell = null;
const restart = () => {
  shell?.kill('SIGTERM');
  shell = spawn(process.execPath, [`${root}${browserBundle.outfile}`, '--no-open', ...process.argv.slice(2)], { stdio: 'inherit' });
};

await viteBuild({ configFile: `${root}renderer/vite.config.ts`, build: { watch: {} }, logLevel: 'warn' });
const ctx = await context({
  absWorkingDir: root,
  entryPoints: [browserBundle.entry],
  outfile: browserBundle.outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [{ name: 'restart', setup: (b) => b.onEnd((r) => r.errors.length === 0 && restart()) }],
});
await ctx.watch();
process.on('SIGINT', () => {
  shell?.kill('SIGTERM');
  process.exit(0);
});
