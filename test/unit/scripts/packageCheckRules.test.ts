import { describe, expect, it } from 'vitest';
import {
  bareImports,
  checkPackagedApp,
  createStatements,
  elfMachine,
  packageRoot,
  type PackageFacts,
  type PackagedFile,
} from '../../../scripts/packageCheckRules.js';

const HTML = '<script type="module" src="./assets/index-abc.js"></script><link rel="stylesheet" href="./assets/index-abc.css">';
const MAIN = 'const a = require("better-sqlite3"); const z = require("zod"); const fs = require("node:fs"); require("electron");\nCREATE TABLE print_jobs (';

/** A packaged app that passes every rule; tests break one thing at a time. */
function goodFacts(): PackageFacts & { texts: Map<string, string>; machines: Map<string, string> } {
  const texts = new Map<string, string>([
    ['package.json', JSON.stringify({ name: 'gov-kiosk', version: '1.0.0', main: 'out/main/electron-main.cjs' })],
    ['out/main/electron-main.cjs', MAIN],
    ['out/preload/preload.cjs', 'const { contextBridge } = require("electron");'],
    ['out/host/device-host.mjs', 'import { z } from "zod";\nconst hid = await import("node-hid");'],
    ['out/renderer/index.html', HTML],
    ['out/renderer/assets/index-abc.js', ''],
    ['out/renderer/assets/index-abc.css', ''],
    ['config/terminal.sample.json', '{}'],
    ['node_modules/zod/package.json', '{"version":"4.1.0"}'],
    ['node_modules/zod/index.js', ''],
    ['node_modules/node-hid/package.json', '{"version":"3.4.0"}'],
    ['node_modules/better-sqlite3/package.json', '{"version":"12.6.2"}'],
    ['node_modules/@serialport/bindings-cpp/package.json', '{"version":"13.0.0"}'],
    ['node_modules/@node-usb/usb-linux-x64-gnu/package.json', '{"version":"3.1.0"}'],
  ]);
  const natives = [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/@serialport+bindings-cpp.glibc.node',
    'node_modules/node-hid/prebuilds/HID_hidraw-linux-x64/node-napi-v4.node',
    'node_modules/@node-usb/usb-linux-x64-gnu/usb.linux-x64-gnu.node',
  ];
  const files: PackagedFile[] = [...texts.keys()].map((path) => ({ path, unpacked: false }));
  files.push(...natives.map((path) => ({ path, unpacked: true })));
  const machines = new Map(natives.map((n) => [n, 'x64']));
  return {
    arch: 'x64',
    files,
    texts,
    machines,
    unpackedOnDisk: new Set(natives),
    readText: (path) => texts.get(path),
    lockPackages: {
      'node_modules/zod': { version: '4.1.0' },
      'node_modules/node-hid': { version: '3.4.0' },
      'node_modules/better-sqlite3': { version: '12.6.2' },
      'node_modules/@serialport/bindings-cpp': { version: '13.0.0' },
      'node_modules/@node-usb/usb-linux-x64-gnu': { version: '3.1.0', optional: true } as never,
      'node_modules/vitest': { version: '4.1.12', dev: true },
      'node_modules/node-abi': { version: '4.40.0', dev: true },
      'node_modules/prebuild-install/node_modules/node-abi': { version: '3.101.0' },
    },
    nativeMachine: (path) => machines.get(path) as never,
    requiredInMainBundle: [{ what: 'migration 2 (print journal)', text: 'CREATE TABLE print_jobs' }],
    sampleConfigProblems: [],
  };
}

function withFile(facts: ReturnType<typeof goodFacts>, path: string, text = '', unpacked = false) {
  facts.texts.set(path, text);
  facts.files = [...facts.files, { path, unpacked }];
  return facts;
}

describe('checkPackagedApp', () => {
  it('passes a complete production package', () => {
    expect(checkPackagedApp(goodFacts())).toEqual([]);
  });

  it('names every missing app file, including assets the page references', () => {
    const facts = goodFacts();
    facts.files = facts.files.filter((f) => f.path !== 'out/preload/preload.cjs' && f.path !== 'out/renderer/assets/index-abc.css');
    expect(checkPackagedApp(facts)).toEqual(
      expect.arrayContaining([
        'out/preload/preload.cjs: missing',
        'out/renderer/assets/index-abc.css: missing (referenced by out/renderer/index.html)',
      ]),
    );
  });

  it('flags test files, TypeScript sources, source maps and stray project files', () => {
    const facts = goodFacts();
    withFile(facts, 'test/unit/x.test.ts');
    withFile(facts, 'out/main/electron-main.cjs.map');
    withFile(facts, 'electron/runtime/clock.ts');
    withFile(facts, 'out/browser/browser-shell.mjs');
    withFile(facts, 'node_modules/zod/src/index.ts');
    withFile(facts, 'node_modules/zod/tests/a.js');
    const problems = checkPackagedApp(facts);
    expect(problems).toEqual(
      expect.arrayContaining([
        'test/unit/x.test.ts: unexpected (not part of the packaged app)',
        'test/unit/x.test.ts: unexpected (TypeScript source)',
        'out/main/electron-main.cjs.map: unexpected (source map)',
        'electron/runtime/clock.ts: unexpected (not part of the packaged app)',
        'out/browser/browser-shell.mjs: unexpected (not part of the packaged app)',
        'node_modules/zod/src/index.ts: unexpected (TypeScript source)',
        'node_modules/zod/tests/a.js: unexpected (test files)',
      ]),
    );
  });

  it('refuses dev dependencies and dev tools, but accepts a re-hoisted production copy', () => {
    const facts = goodFacts();
    withFile(facts, 'node_modules/vitest/package.json', '{"version":"4.1.12"}');
    withFile(facts, 'node_modules/typescript/package.json', '{"version":"5.9.3"}');
    withFile(facts, 'node_modules/left-pad/package.json', '{"version":"1.0.0"}');
    // electron-builder hoists the production node-abi (npm nested it under prebuild-install).
    withFile(facts, 'node_modules/node-abi/package.json', '{"version":"3.101.0"}');
    const problems = checkPackagedApp(facts);
    expect(problems).toContain('node_modules/vitest: unexpected (development tool vitest)');
    expect(problems).toContain('node_modules/typescript: unexpected (development tool typescript)');
    expect(problems).toContain('node_modules/left-pad: unexpected (left-pad@1.0.0 is not in package-lock.json)');
    expect(problems.some((p) => p.startsWith('node_modules/node-abi'))).toBe(false);
    facts.texts.set('node_modules/node-abi/package.json', '{"version":"4.40.0"}');
    expect(checkPackagedApp(facts)).toContain('node_modules/node-abi: unexpected (node-abi@4.40.0 is a devDependency)');
  });

  it('requires every package a shipped bundle imports, and only electron in the preload', () => {
    const facts = goodFacts();
    facts.texts.set('out/host/device-host.mjs', 'import { SerialPort } from "serialport";\nconst text = "not an import from \\", \\"";');
    facts.texts.set('out/preload/preload.cjs', 'require("electron"); require("zod");');
    expect(checkPackagedApp(facts)).toEqual([
      'out/preload/preload.cjs: requires "zod", which a sandboxed preload cannot load',
      'out/host/device-host.mjs: imports "serialport", but node_modules/serialport is not in the archive',
    ]);
  });

  it('requires every native addon unpacked, present, and built for the target machine', () => {
    const facts = goodFacts();
    facts.files = facts.files.map((f) => (f.path.includes('HID_hidraw') ? { ...f, unpacked: false } : f));
    (facts.unpackedOnDisk as Set<string>).delete('node_modules/@node-usb/usb-linux-x64-gnu/usb.linux-x64-gnu.node');
    facts.machines.set('node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'arm64');
    const problems = checkPackagedApp(facts);
    expect(problems).toEqual(
      expect.arrayContaining([
        'node_modules/node-hid/prebuilds/HID_hidraw-linux-x64/node-napi-v4.node: native addon inside app.asar (cannot be loaded; must be unpacked)',
        'node_modules/@node-usb/usb-linux-x64-gnu/usb.linux-x64-gnu.node: missing from app.asar.unpacked',
        'node_modules/better-sqlite3/build/Release/better_sqlite3.node: built for arm64, not x64',
      ]),
    );
  });

  it('requires the addons of the target architecture', () => {
    const facts = goodFacts();
    facts.arch = 'arm64';
    const problems = checkPackagedApp(facts);
    expect(problems.filter((p) => p.includes('no native addon for linux-arm64'))).toHaveLength(3);
  });

  it('requires the migrations and schema in the main bundle, and a valid sample config', () => {
    const facts = goodFacts();
    facts.requiredInMainBundle = [...facts.requiredInMainBundle, { what: 'migration 3 (payments)', text: 'CREATE TABLE payments' }];
    facts.sampleConfigProblems = ['terminalId: must be 3-40 letters'];
    expect(checkPackagedApp(facts)).toEqual([
      'out/main/electron-main.cjs: lacks migration 3 (payments) ("CREATE TABLE payments")',
      'config/terminal.sample.json: terminalId: must be 3-40 letters',
    ]);
  });
});

describe('helpers', () => {
  it('packageRoot finds the innermost package, scoped or not', () => {
    expect(packageRoot('node_modules/zod/lib/index.js')).toBe('node_modules/zod');
    expect(packageRoot('node_modules/a/node_modules/@s/b/x.js')).toBe('node_modules/a/node_modules/@s/b');
    expect(packageRoot('out/main/electron-main.cjs')).toBeUndefined();
  });

  it('bareImports keeps real module specifiers only', () => {
    const source = 'const a = require("better-sqlite3");\nimport x from "zod";\nexport { y } from "@scope/pkg/sub";\nimport "side-effect";\nconst s = "from \\", \\" and require(\\"./local\\")";\nawait import("node:fs");';
    expect(bareImports(source)).toEqual(['@scope/pkg', 'better-sqlite3', 'side-effect', 'zod']);
  });

  it('createStatements lists what a migration creates', () => {
    expect(createStatements('CREATE TABLE a (x);\n CREATE UNIQUE INDEX IF NOT EXISTS b ON a (x); CREATE TRIGGER c')).toEqual([
      'CREATE TABLE a',
      'CREATE UNIQUE INDEX IF NOT EXISTS b',
      'CREATE TRIGGER c',
    ]);
  });

  it('elfMachine reads e_machine', () => {
    const header = new Uint8Array(20);
    header.set([0x7f, 0x45, 0x4c, 0x46]);
    header[18] = 0xb7;
    expect(elfMachine(header)).toBe('arm64');
    header[18] = 0x3e;
    expect(elfMachine(header)).toBe('x64');
    expect(elfMachine(new Uint8Array(20))).toBeUndefined();
  });
});
