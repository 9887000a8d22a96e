import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { resolveConfigFile } from '../../electron/runtime/resolveConfigFile.js';
import { resolveDataDir } from '../../electron/runtime/resolveDataDir.js';
import type { CliContext } from './cliContext.js';
import { createKioskctlProgram } from './kioskctlProgram.js';

/**
 * Runs kioskctl with `args` (without the program name) against the real process streams and
 * returns the exit status. `appRoot` is the directory holding package.json and config/ (the
 * checkout, or the packaged app when the Electron binary runs it with --kioskctl).
 */
export async function runKioskctlCli(args: readonly string[], appRoot: string): Promise<number> {
  let exitCode = 0;
  const context: CliContext = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    setExitCode: (code) => {
      exitCode = code;
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    defaultDataDir: () => resolveDataDir(),
    defaultConfigFile: (dataDir) => resolveConfigFile(dataDir ?? resolveDataDir(), `${appRoot}config/terminal.sample.json`),
    sampleConfigFile: () => `${appRoot}config/terminal.sample.json`,
  };
  const version = (JSON.parse(readFileSync(`${appRoot}package.json`, 'utf8')) as { version: string }).version;
  try {
    await createKioskctlProgram(context, version).parseAsync(['node', 'kioskctl', ...args]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`kioskctl: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return exitCode;
}
