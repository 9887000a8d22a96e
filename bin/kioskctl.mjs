#!/usr/bin/env node
// kioskctl: runs the built CLI (out/cli) when present, else the TypeScript source via tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/kioskctl.mjs', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../config/cli/kioskctl.ts', import.meta.url).href);
}
