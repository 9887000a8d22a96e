// npm run package:check — packages the kiosk with electron-builder (`--linux dir`) against a
// stand-in Electron (this machine cannot download one), then opens the produced app.asar and
// checks it with scripts/packageCheckRules.ts. Exit 0 and "package check passed", or exit 1
// and one line per missing or unexpected file. Needs a fresh `npm run build` (the npm script
// runs it first). Run with tsx:  tsx scripts/packageCheck.ts [--arch x64|arm64] [--keep]
//   --keep             keep the temporary output directory and print its path
//   --no-fuse-wire     stand-in without a fuse wire: the fuse hook must skip loudly
import { extractFile, getRawHeader } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatConfigProblem } from '../config/configProblem.js';
import { loadTerminalConfig } from '../config/loadTerminalConfig.js';
import { terminalConfigSchema } from '../config/terminalConfigSchema.js';
import { migrations } from '../electron/runtime/store/migrations/index.js';
import { ALLOW_STANDIN_ENV, fusesNotAsConfigured } from './electronFuses.mjs';
import { betterSqliteForElectron } from './nativeAbi.mjs';
import {
  checkPackagedApp,
  createStatements,
  elfMachine,
  MAIN_BUNDLE,
  type LockPackage,
  type PackageArch,
  type PackagedFile,
} from './packageCheckRules.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable electron-builder renames to the product's executable name. */
const EXECUTABLE = 'gov-kiosk';
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's factory fuse states (V1 wire): RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar integrity, only-asar, V8 snapshot, file:// privileges. */
const FACTORY_FUSE_WIRE = '10110001';

interface Options {
  arch: PackageArch;
  keep: boolean;
  fuseWire: boolean;
}

function parseOptions(argv: string[]): Options {
  const archIndex = argv.indexOf('--arch');
  const arch = archIndex >= 0 ? argv[archIndex + 1] : process.arch === 'arm64' ? 'arm64' : 'x64';
  if (arch !== 'x64' && arch !== 'arm64') throw new Error(`--arch must be x64 or arm64, not ${arch}`);
  return { arch, keep: argv.includes('--keep'), fuseWire: !argv.includes('--no-fuse-wire') };
}

/**
 * An unpacked-Electron directory with the files electron-builder copies: an `electron`
 * executable (a shell script, optionally carrying a V1 fuse wire in Electron's layout so the
 * fuse hook runs for real), the licences and an empty resources/.
 */
export function createStandInElectronDist(dir: string, withFuseWire: boolean): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = withFuseWire
    ? `\n# ${FUSE_SENTINEL}${String.fromCharCode(1, FACTORY_FUSE_WIRE.length)}${FACTORY_FUSE_WIRE}\n`
    : '\n';
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\necho "stand-in Electron: cannot run the kiosk" >&2\nexit 1${wire}`);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron licence (packaging check only).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(join(dir, 'version'), `${(require('electron/package.json') as { version: string }).version}\n`);
  return dir;
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  unpacked?: boolean;
  link?: string;
}

function listArchive(archive: string): PackagedFile[] {
  const { header } = getRawHeader(archive) as unknown as { header: AsarEntry };
  const files: PackagedFile[] = [];
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else files.push({ path, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return files;
}

function listDirectory(dir: string): Set<string> {
  const found = new Set<string>();
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.add(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  return found;
}

function readHeader(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(20);
    readSync(fd, buffer, 0, 20, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** Strings that prove the migrations and the config schema are bundled into the main process. */
function requiredInMainBundle(): { what: string; text: string }[] {
  const required: { what: string; text: string }[] = [];
  for (const migration of migrations) {
    for (const statement of createStatements(migration.up)) {
      required.push({ what: `migration ${migration.version} (${migration.name})`, text: statement });
    }
  }
  for (const [field, schema] of Object.entries(terminalConfigSchema.shape)) {
    const description = (schema as { description?: string }).description;
    if (description) required.push({ what: `config schema field ${field}`, text: description });
  }
  return required;
}

function sampleConfigProblems(archive: string, scratch: string): string[] {
  const file = join(scratch, 'terminal.sample.json');
  try {
    writeFileSync(file, extractFile(archive, 'config/terminal.sample.json'));
  } catch {
    return []; // reported as missing by the rules
  }
  const load = loadTerminalConfig(file);
  return load.ok ? [] : load.problems.map((p) => formatConfigProblem({ ...p, source: 'shipped sample' }));
}

function runElectronBuilder(options: Options, electronDist: string, output: string): void {
  const cli = require.resolve('electron-builder/cli.js');
  const args = [cli, '--linux', 'dir', `--${options.arch}`, '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`];
  const env = { ...process.env, [ALLOW_STANDIN_ENV]: options.fuseWire ? '' : '1' };
  const result = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) throw new Error(`electron-builder failed (exit ${result.status ?? result.signal})`);
}

function fuseProblems(appOutDir: string, options: Options): string[] {
  const binary = join(appOutDir, EXECUTABLE);
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (!options.fuseWire) return at < 0 ? [] : [`${EXECUTABLE}: has a fuse wire although the stand-in had none`];
  if (at < 0) return [`${EXECUTABLE}: fuse wire lost`];
  const wireStart = at + FUSE_SENTINEL.length + 2;
  const wire: Record<number, number> = {};
  for (let i = 0; i < FACTORY_FUSE_WIRE.length; i++) wire[i] = bytes[wireStart + i] ?? 0;
  return fusesNotAsConfigured(wire).map((name) => `${EXECUTABLE}: fuse ${name} not as configured`);
}

function osFileProblems(appOutDir: string): string[] {
  const osDir = join(appOutDir, 'resources', 'os', 'linux');
  const expected = ['gov-kiosk.service', 'gov-kiosk-nightly-restart.timer', '70-gov-kiosk-devices.rules', 'install-lockdown.sh'];
  const present = listDirectory(osDir);
  return expected.filter((f) => ![...present].some((p) => p.endsWith(f))).map((f) => `resources/os/linux: ${f} missing`);
}

/** A source file newer than the main bundle, if any: the bundle then predates the sources. */
function newerSource(): string | undefined {
  const built = statSync(join(root, MAIN_BUNDLE)).mtimeMs;
  for (const dir of ['electron', 'config', 'drivers']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      if (statSync(file).mtimeMs > built) return relative(root, file);
    }
  }
  return undefined;
}

export function runPackageCheck(options: Options): { problems: string[]; fileCount: number; output: string } {
  if (!existsSync(join(root, MAIN_BUNDLE))) throw new Error(`${MAIN_BUNDLE} not built: run \`npm run build\` first`);
  const stale = newerSource();
  if (stale) process.stderr.write(`warning: ${MAIN_BUNDLE} is older than ${stale}: the check judges the last build (npm run package:check builds first)\n`);
  const scratch = mkdtempSync(join(tmpdir(), 'gov-kiosk-package-check-'));
  try {
    const electronDist = createStandInElectronDist(join(scratch, 'electron-dist'), options.fuseWire);
    const output = join(scratch, 'dist');
    runElectronBuilder(options, electronDist, output);
    const appOutDir = join(output, options.arch === 'x64' ? 'linux-unpacked' : 'linux-arm64-unpacked');
    const archive = join(appOutDir, 'resources', 'app.asar');
    if (!existsSync(archive)) return { problems: [`${archive}: electron-builder produced no app.asar`], fileCount: 0, output: scratch };
    const unpackedDir = `${archive}.unpacked`;
    const files = listArchive(archive);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const problems = checkPackagedApp({
      arch: options.arch,
      files,
      unpackedOnDisk: listDirectory(unpackedDir),
      readText: (path) => {
        try {
          return extractFile(archive, path).toString('utf8');
        } catch {
          return undefined;
        }
      },
      lockPackages: lock.packages,
      nativeMachine: (path) => {
        try {
          return elfMachine(readHeader(join(unpackedDir, path)));
        } catch {
          return undefined;
        }
      },
      requiredInMainBundle: requiredInMainBundle(),
      sampleConfigProblems: sampleConfigProblems(archive, scratch),
    });
    problems.push(...fuseProblems(appOutDir, options), ...osFileProblems(appOutDir));
    return { problems, fileCount: files.length, output: scratch };
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const options = parseOptions(process.argv.slice(2));
    const { problems, fileCount, output } = runPackageCheck(options);
    if (options.keep) process.stdout.write(`kept ${output}\n`);
    if (problems.length > 0) {
      process.stderr.write(`package check FAILED: ${problems.length} problem(s) in the packaged app:\n`);
      for (const problem of problems) process.stderr.write(`  ${problem}\n`);
      process.exit(1);
    }
    process.stdout.write(`package check passed: linux-${options.arch}, ${fileCount} files in app.asar\n`);
    // Expected on a machine that cannot build for Electron; `npm run package` refuses it.
    const native = betterSqliteForElectron(root);
    if (!native.ok) process.stdout.write(`note: ${native.message}\n`);
  } catch (error) {
    process.stderr.write(`package check FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
