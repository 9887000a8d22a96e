import { builtinModules } from 'node:module';

/**
 * What a packaged kiosk app.asar must and must not contain. Pure: scripts/packageCheck.ts
 * gathers the facts from a real electron-builder run; the unit tests feed synthetic ones.
 * Every rule returns problems as "path: what is wrong" lines, so one run lists them all.
 */

export type PackageArch = 'x64' | 'arm64';

export interface PackagedFile {
  /** Path inside app.asar, "/"-separated, without a leading slash. */
  path: string;
  /** Marked unpacked in the archive header (the bytes live in app.asar.unpacked). */
  unpacked: boolean;
}

/** One entry of package-lock.json "packages" (only the fields the rules read). */
export interface LockPackage {
  version?: string;
  dev?: boolean;
}

export interface PackageFacts {
  arch: PackageArch;
  files: readonly PackagedFile[];
  /** Files present under app.asar.unpacked, same path form. */
  unpackedOnDisk: ReadonlySet<string>;
  /** Text of a file inside the archive; undefined when absent. */
  readText(path: string): string | undefined;
  /** package-lock.json "packages", keyed "node_modules/…". */
  lockPackages: Readonly<Record<string, LockPackage>>;
  /** ELF machine of an unpacked native file (see elfMachine); undefined if unreadable. */
  nativeMachine(path: string): ElfMachine | undefined;
  /** Strings the main bundle must contain: derived from the migrations and the config schema. */
  requiredInMainBundle: readonly { what: string; text: string }[];
  /** Problems of the shipped sample config, loaded as the kiosk loads it. */
  sampleConfigProblems: readonly string[];
}

export const MAIN_BUNDLE = 'out/main/electron-main.cjs';
export const PRELOAD_BUNDLE = 'out/preload/preload.cjs';
export const DEVICE_HOST_BUNDLE = 'out/host/device-host.mjs';
export const RENDERER_ENTRY = 'out/renderer/index.html';
export const SAMPLE_CONFIG = 'config/terminal.sample.json';

/** The app's own files (outside node_modules) that must be there. */
export const REQUIRED_APP_FILES = [
  'package.json',
  MAIN_BUNDLE,
  PRELOAD_BUNDLE,
  DEVICE_HOST_BUNDLE,
  RENDERER_ENTRY,
  SAMPLE_CONFIG,
] as const;

/** Bundles that run in the packaged app; their bare imports must resolve in node_modules. */
export const SHIPPED_BUNDLES = [MAIN_BUNDLE, PRELOAD_BUNDLE, DEVICE_HOST_BUNDLE] as const;

/** Dev tools that must never ship, whatever the lockfile says. */
export const NEVER_SHIPPED_PACKAGES = [
  'electron',
  'electron-builder',
  'app-builder-lib',
  'vitest',
  'vite',
  'typescript',
  'esbuild',
  'eslint',
  'tsx',
  'playwright-core',
  'fast-check',
] as const;

export type ElfMachine = 'x64' | 'arm64' | 'arm' | 'x86' | 'other';

/** Native addons the kiosk loads, per target architecture (path patterns inside the archive). */
export function requiredNativeAddons(arch: PackageArch): { what: string; pattern: RegExp }[] {
  const serialportDir = arch === 'x64' ? 'linux-x64' : 'linux-arm64';
  const usbPackage = arch === 'x64' ? 'usb-linux-x64-gnu' : 'usb-linux-arm64-gnu';
  return [
    { what: 'better-sqlite3', pattern: /^node_modules\/better-sqlite3\/build\/Release\/better_sqlite3\.node$/ },
    {
      what: `serialport (${serialportDir})`,
      pattern: new RegExp(`^node_modules/@serialport/bindings-cpp/prebuilds/${serialportDir}/[^/]+\\.glibc\\.node$`),
    },
    { what: `node-hid (hidraw, linux-${arch})`, pattern: new RegExp(`^node_modules/node-hid/prebuilds/HID_hidraw-linux-${arch}/[^/]+\\.node$`) },
    { what: `usb (${usbPackage})`, pattern: new RegExp(`^node_modules/@node-usb/${usbPackage}/[^/]+\\.node$`) },
  ];
}

/** ELF e_machine (bytes 18-19, little-endian) of a native addon. */
export function elfMachine(header: Uint8Array): ElfMachine | undefined {
  if (header.length < 20 || header[0] !== 0x7f || header[1] !== 0x45 || header[2] !== 0x4c || header[3] !== 0x46) {
    return undefined;
  }
  const machine = (header[18] ?? 0) | ((header[19] ?? 0) << 8);
  switch (machine) {
    case 0x3e:
      return 'x64';
    case 0xb7:
      return 'arm64';
    case 0x28:
      return 'arm';
    case 0x03:
      return 'x86';
    default:
      return 'other';
  }
}

export function checkPackagedApp(facts: PackageFacts): string[] {
  return [
    ...checkAppFiles(facts),
    ...checkNoSourcesOrMaps(facts),
    ...checkPackages(facts),
    ...checkBundleImports(facts),
    ...checkNativeAddons(facts),
    ...checkMainBundleContents(facts),
    ...facts.sampleConfigProblems.map((p) => `${SAMPLE_CONFIG}: ${p}`),
  ];
}

function isInNodeModules(path: string): boolean {
  return path.startsWith('node_modules/');
}

/** Required app files present; nothing else of ours besides the renderer's assets. */
export function checkAppFiles(facts: PackageFacts): string[] {
  const problems: string[] = [];
  const present = new Set(facts.files.map((f) => f.path));
  for (const file of REQUIRED_APP_FILES) {
    if (!present.has(file)) problems.push(`${file}: missing`);
  }
  const html = facts.readText(RENDERER_ENTRY);
  if (html !== undefined) {
    const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
    if (!referenced.some((r) => r.endsWith('.js'))) problems.push(`${RENDERER_ENTRY}: references no script`);
    for (const file of referenced) {
      if (!present.has(file)) problems.push(`${file}: missing (referenced by ${RENDERER_ENTRY})`);
    }
  }
  const pkg = facts.readText('package.json');
  if (pkg !== undefined) {
    const main = (JSON.parse(pkg) as { main?: unknown }).main;
    if (main !== MAIN_BUNDLE) problems.push(`package.json: "main" is ${JSON.stringify(main)}, expected "${MAIN_BUNDLE}"`);
  }
  const allowed = new Set<string>(REQUIRED_APP_FILES);
  for (const { path } of facts.files) {
    if (isInNodeModules(path) || allowed.has(path)) continue;
    if (path.startsWith('out/renderer/')) continue;
    problems.push(`${path}: unexpected (not part of the packaged app)`);
  }
  return problems;
}

const SOURCE_OR_MAP = /\.(ts|tsx|mts|cts|map)$/;
const TEST_DIR = /(^|\/)(test|tests|__tests__)\//;

export function checkNoSourcesOrMaps(facts: PackageFacts): string[] {
  const problems: string[] = [];
  for (const { path } of facts.files) {
    if (SOURCE_OR_MAP.test(path)) problems.push(`${path}: unexpected (${path.endsWith('.map') ? 'source map' : 'TypeScript source'})`);
    else if (TEST_DIR.test(path)) problems.push(`${path}: unexpected (test files)`);
  }
  return problems;
}

/** "node_modules/a/node_modules/@s/b/x.js" → "node_modules/a/node_modules/@s/b". */
export function packageRoot(path: string): string | undefined {
  const segments = path.split('/');
  let end = -1;
  for (let i = 0; i < segments.length - 1; i++) {
    if (segments[i] !== 'node_modules') continue;
    const name = segments[i + 1] ?? '';
    end = name.startsWith('@') ? i + 2 : i + 1;
    i = end;
  }
  return end < 0 || end >= segments.length ? undefined : segments.slice(0, end + 1).join('/');
}

function packageName(root: string): string {
  const at = root.lastIndexOf('node_modules/');
  return root.slice(at + 'node_modules/'.length);
}

/**
 * Every shipped package is a production package of the lockfile; no dev tools. Matched by
 * name and version, not path: electron-builder lays node_modules out afresh (it hoists the
 * production copy of a package that npm nested under its dependant).
 */
export function checkPackages(facts: PackageFacts): string[] {
  const problems: string[] = [];
  const roots = new Set<string>();
  for (const { path } of facts.files) {
    const root = packageRoot(path);
    if (root) roots.add(root);
  }
  const lockByName = new Map<string, LockPackage[]>();
  for (const [lockPath, entry] of Object.entries(facts.lockPackages)) {
    if (!lockPath.includes('node_modules/')) continue;
    const name = packageName(lockPath);
    lockByName.set(name, [...(lockByName.get(name) ?? []), entry]);
  }
  for (const root of [...roots].sort()) {
    const name = packageName(root);
    if ((NEVER_SHIPPED_PACKAGES as readonly string[]).includes(name)) {
      problems.push(`${root}: unexpected (development tool ${name})`);
      continue;
    }
    const manifest = facts.readText(`${root}/package.json`);
    const version = manifest === undefined ? undefined : (JSON.parse(manifest) as { version?: string }).version;
    const entries = (lockByName.get(name) ?? []).filter((e) => e.version === version);
    if (entries.length === 0) {
      problems.push(`${root}: unexpected (${name}@${version ?? '?'} is not in package-lock.json)`);
    } else if (entries.every((e) => e.dev)) {
      problems.push(`${root}: unexpected (${name}@${version} is a devDependency)`);
    }
  }
  return problems;
}

const BUILTINS = new Set(builtinModules);
const ALLOWED_IN_SANDBOXED_PRELOAD = new Set(['electron', 'events', 'timers', 'url']);

const MODULE_SPECIFIER = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?$/i;

/** Bare module names a bundle imports or requires (esbuild output: one import per line). */
export function bareImports(source: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /\brequire\(\s*"([^"]+)"\s*\)/g,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /^\s*(?:import|export)\b[^;\n]*?\bfrom\s*"([^"]+)"/gm,
    /^\s*import\s*"([^"]+)"/gm,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const spec = match[1] ?? '';
      if (!MODULE_SPECIFIER.test(spec) || spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  return [...names].sort();
}

export function checkBundleImports(facts: PackageFacts): string[] {
  const problems: string[] = [];
  const present = new Set(facts.files.map((f) => f.path));
  for (const bundle of SHIPPED_BUNDLES) {
    const source = facts.readText(bundle);
    if (source === undefined) continue; // reported by checkAppFiles
    for (const name of bareImports(source)) {
      if (bundle === PRELOAD_BUNDLE) {
        if (!ALLOWED_IN_SANDBOXED_PRELOAD.has(name)) problems.push(`${bundle}: requires "${name}", which a sandboxed preload cannot load`);
        continue;
      }
      if (name === 'electron' || BUILTINS.has(name)) continue;
      if (!present.has(`node_modules/${name}/package.json`)) {
        problems.push(`${bundle}: imports "${name}", but node_modules/${name} is not in the archive`);
      }
    }
  }
  return problems;
}

/** Every .node unpacked and on disk; the kiosk's addons there, for the target architecture. */
export function checkNativeAddons(facts: PackageFacts): string[] {
  const problems: string[] = [];
  const natives = facts.files.filter((f) => f.path.endsWith('.node'));
  for (const file of natives) {
    if (!file.unpacked) problems.push(`${file.path}: native addon inside app.asar (cannot be loaded; must be unpacked)`);
    else if (!facts.unpackedOnDisk.has(file.path)) problems.push(`${file.path}: missing from app.asar.unpacked`);
  }
  for (const addon of requiredNativeAddons(facts.arch)) {
    const found = natives.filter((f) => addon.pattern.test(f.path));
    if (found.length === 0) {
      problems.push(`${addon.what}: no native addon for linux-${facts.arch} (expected ${addon.pattern.source})`);
      continue;
    }
    for (const file of found) {
      const machine = facts.nativeMachine(file.path);
      if (machine !== facts.arch) problems.push(`${file.path}: built for ${machine ?? 'an unknown machine'}, not ${facts.arch}`);
    }
  }
  return problems;
}

export function checkMainBundleContents(facts: PackageFacts): string[] {
  const source = facts.readText(MAIN_BUNDLE);
  if (source === undefined) return [];
  return facts.requiredInMainBundle
    .filter(({ text }) => !source.includes(text))
    .map(({ what, text }) => `${MAIN_BUNDLE}: lacks ${what} (${JSON.stringify(text.slice(0, 60))})`);
}

/** `CREATE TABLE x` / `CREATE INDEX x` statements of a migration, as they appear in the bundle. */
export function createStatements(sql: string): string[] {
  return [...sql.matchAll(/CREATE\s+(?:UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (m) => m[0],
  );
}
