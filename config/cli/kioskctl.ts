import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { resolveConfigFile } from '../../electron/runtime/resolveConfigFile.js';
import { resolveDataDir } from '../../electron/runtime/resolveDataDir.js';
import type { CliContext } from './cliContext.js';
import { createKioskctlProgram } from './kioskctlProgram.js';

// Two levels below the app root, both as source (config/cli/) and bundled (out/cli/).
const appRoot = fileURLToPath(new URL('../../', import.meta.url));

const context: CliContext = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  defaultDataDir: () => resolveDataDir(),
  defaultConfigFile: (dataDir) =>
    resolveConfigFile(dataDir ?? resolveDataDir(), `${appRoot}config/terminal.sample.json`),
};

const version = (JSON.parse(readFileSync(`${appRoot}package.json`, 'utf8')) as { version: string }).version;
try {
  await createKioskctlProgram(context, version).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`kioskctl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
