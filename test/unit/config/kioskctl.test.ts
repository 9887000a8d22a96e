import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createKioskctlProgram } from '../../../config/cli/kioskctlProgram.js';
import { runKioskctl } from '../../helpers/runKioskctl.js';
import { renderConfigReference } from '../../../config/configReference.js';
import { verifyPin } from '../../../electron/runtime/staff/pinHash.js';

const run = runKioskctl;

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

describe('kioskctl', () => {
  it('answers --help on every command and subcommand', async () => {
    const context = { out() {}, err() {}, setExitCode() {}, readStdin: async () => '', defaultDataDir: () => '', defaultConfigFile: () => '' };
    const commands = allCommands(createKioskctlProgram(context, '0'));
    const paths = commands.map((c) => {
      const names: string[] = [];
      for (let n: Command | null = c; n?.parent; n = n.parent) names.unshift(n.name());
      return names;
    });
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['config check', 'config reference', 'db check', 'audit verify', 'staff hash-pin']));
    for (const path of paths) {
      const result = await run([...path, '--help']);
      expect(result.out, path.join(' ')).toContain('Usage: kioskctl');
      expect(result.code, path.join(' ')).toBe(0);
    }
  });

  it('config check prints the merged effective config for a valid file', async () => {
    const result = await run(['config', 'check', 'config/terminal.sample.json']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('OK (layers: built-in defaults < config/terminal.sample.json)');
    expect(JSON.parse(result.out)).toMatchObject({ terminalId: 'DEMO-HALL-0001', idle: { warnAfterSeconds: 90 } });
  });

  it('config check names file, field and problem and exits 1 for a broken file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kioskctl-')), 'broken.json');
    const config = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8'));
    config.idle.countdownSeconds = 0;
    writeFileSync(file, JSON.stringify(config));
    const result = await run(['config', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${file}: idle.countdownSeconds:`);
  });

  it('config check uses the file the kiosk would load when none is given', async () => {
    expect((await run(['config', 'check'])).code).toBe(0);
  });

  it('staff hash-pin prints a hash that verifies the PIN, and refuses a non-numeric PIN', async () => {
    const result = await run(['staff', 'hash-pin'], '482913\n');
    expect(result.code).toBe(0);
    expect(await verifyPin('482913', result.out.trim())).toBe(true);
    expect((await run(['staff', 'hash-pin'], 'letmein')).code).toBe(1);
  });

  it('db check reports a missing database as unhealthy', async () => {
    const result = await run(['db', 'check']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('exists      no');
  });

  it('an unknown command exits non-zero', async () => {
    expect((await run(['frobnicate'])).code).not.toBe(0);
  });

  it('the committed config reference is up to date with the schema', () => {
    expect(readFileSync('config/REFERENCE.md', 'utf8')).toBe(renderConfigReference());
  });
});
