import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../config/cli/cliContext.js';
import { createKioskctlProgram } from '../../config/cli/kioskctlProgram.js';

export interface KioskctlRun {
  out: string;
  err: string;
  code: number;
  json(): Record<string, any>;
}

/**
 * Runs the real kioskctl program in-process with captured output, a fresh data directory
 * and the sample config as the default file.
 */
export async function runKioskctl(args: string[], stdin = ''): Promise<KioskctlRun> {
  const output = { out: '', err: '', code: 0 };
  const dataDir = mkdtempSync(join(tmpdir(), 'kioskctl-'));
  const context: CliContext = {
    out: (t) => (output.out += t),
    err: (t) => (output.err += t),
    setExitCode: (c) => (output.code = c),
    readStdin: async () => stdin,
    defaultDataDir: () => dataDir,
    defaultConfigFile: () => 'config/terminal.sample.json',
  };
  await createKioskctlProgram(context, '9.9.9')
    .parseAsync(['node', 'kioskctl', ...args])
    .catch((e: { exitCode?: number }) => (output.code = e.exitCode ?? 99));
  return { ...output, json: () => JSON.parse(output.out) as Record<string, any> };
}
