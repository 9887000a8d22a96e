import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm run package:check` minus its build step (npm test builds first; rebuilding out/ here
 * would race the other test files that read it): electron-builder `--linux dir` against a
 * stand-in Electron, then the app.asar rules of scripts/packageCheckRules.ts.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function runCheck(...args: string[]) {
  return spawnSync(tsx, ['scripts/packageCheck.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 150_000 });
}

describe('package check', () => {
  it.runIf(existsSync(`${root}out/main/electron-main.cjs`))(
    'packages the app and finds exactly the production files, fuses applied',
    () => {
      const result = runCheck();
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output, output).toMatch(/package check passed: linux-x64, \d+ files in app\.asar/);
      expect(output).toMatch(/kiosk fuses applied to .*gov-kiosk/);
      expect(result.status).toBe(0);
    },
    180_000,
  );

  it.runIf(existsSync(`${root}out/main/electron-main.cjs`))(
    'says loudly when the stand-in has no fuse wire',
    () => {
      const result = runCheck('--no-fuse-wire');
      expect(result.stderr).toMatch(/ELECTRON FUSES NOT APPLIED/);
      expect(result.status).toBe(0);
    },
    180_000,
  );
});
