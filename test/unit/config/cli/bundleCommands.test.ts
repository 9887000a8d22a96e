import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePrivateKeyFile } from '../../../../config/bundles/adminKeyFiles.js';
import { registerConfigBundleCommands } from '../../../../config/cli/bundleCommands.js';
import type { CliContext } from '../../../../config/cli/cliContext.js';
import { registerConfigCommands } from '../../../../config/cli/configCheckCommand.js';
import { sampleFile, signedWithoutChecks } from '../bundles/bundleFixtures.js';

const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

/** kioskctl with the existing `config` command and the bundle subcommands added to it, as the lead wires them. */
async function kioskctl(args: string[]): Promise<{ out: string; err: string; code: number }> {
  const output = { out: '', err: '', code: 0 };
  const context: CliContext = {
    out: (t) => (output.out += t),
    err: (t) => (output.err += t),
    setExitCode: (c) => (output.code = c),
    readStdin: async () => '',
    defaultDataDir: () => tmpdir(),
    defaultConfigFile: () => 'config/terminal.sample.json',
  };
  const program = new Command('kioskctl')
    .exitOverride()
    .configureOutput({ writeOut: context.out, writeErr: context.err });
  registerConfigCommands(program, context);
  registerConfigBundleCommands(program, context, () => NOW);
  await program.parseAsync(['node', 'kioskctl', ...args]).catch((e: { exitCode?: number }) => (output.code = e.exitCode ?? 99));
  return output;
}

const workDir = () => mkdtempSync(join(tmpdir(), 'kioskctl-bundles-'));

describe('kioskctl config keygen', () => {
  it.each(['ed25519', 'sm2'])('writes PREFIX.key with mode 0600 and PREFIX.pub (%s)', async (algorithm) => {
    const prefix = join(workDir(), 'admin');
    const result = await kioskctl(['config', 'keygen', '--out', prefix, '--algorithm', algorithm, '--key-id', 'admin-2026']);
    expect(result.code).toBe(0);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    expect(statSync(`${prefix}.pub`).mode & 0o777).toBe(0o644); // public: others may read it
    expect(parsePrivateKeyFile(readFileSync(`${prefix}.key`, 'utf8'))).toMatchObject({ ok: true, key: { algorithm, keyId: 'admin-2026' } });
    const entry = JSON.parse(/\n {2}(\{.*\})\n/.exec(result.out)![1]!);
    expect(entry).toMatchObject({ keyId: 'admin-2026', algorithm });
    expect(readFileSync(`${prefix}.pub`, 'utf8')).toContain(entry.publicKey);
  });

  it('refuses to overwrite an existing key file, leaving it untouched', async () => {
    const prefix = join(workDir(), 'admin');
    writeFileSync(`${prefix}.pub`, 'precious');
    const result = await kioskctl(['config', 'keygen', '--out', prefix]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('refusing to overwrite');
    expect(readFileSync(`${prefix}.pub`, 'utf8')).toBe('precious');
    expect(existsSync(`${prefix}.key`)).toBe(false);
  });

  it('derives a key id from the fingerprint when none is given, and rejects a bad one', async () => {
    const prefix = join(workDir(), 'admin');
    expect((await kioskctl(['config', 'keygen', '--out', prefix, '--algorithm', 'sm2'])).out).toMatch(/sm2 key "sm2-[0-9a-f]{12}"/);
    const bad = await kioskctl(['config', 'keygen', '--out', join(workDir(), 'x'), '--key-id', 'has space']);
    expect(bad.code).toBe(1);
  });
});

describe('kioskctl config init-bundle, sign and verify', () => {
  it.each(['ed25519', 'sm2'])('round trip: an unchanged init-bundle signs and verifies (%s)', async (algorithm) => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin'), '--algorithm', algorithm, '--key-id', 'admin-2026']);
    expect((await kioskctl(['config', 'init-bundle', '--out', join(dir, 'bundle.json')])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'))).not.toHaveProperty('signature');

    const signed = await kioskctl(['config', 'sign', join(dir, 'bundle.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 'signed.json')]);
    expect(signed).toMatchObject({ code: 0, err: '' });
    const document = JSON.parse(readFileSync(join(dir, 'signed.json'), 'utf8'));
    expect(document).toMatchObject({ keyId: 'admin-2026', algorithm, issuedAt: new Date(NOW).toISOString(), signature: expect.any(String) });

    const verified = await kioskctl(['config', 'verify', join(dir, 'signed.json'), '--pub', join(dir, 'admin.pub')]);
    expect(verified.code).toBe(0);
    expect(verified.out.trim().split('\n')).toHaveLength(1);
    expect(verified.out).toMatch(new RegExp(`^OK bundle v1 signed by "admin-2026" \\(${algorithm}\\).*targets terminals DEMO-HALL-0001.*sets idle\\n$`));

    // Judged as the sample terminal would judge it.
    const asTerminal = await kioskctl(['config', 'verify', join(dir, 'signed.json'), '--pub', join(dir, 'admin.pub'), '--config', 'config/terminal.sample.json']);
    expect(asTerminal).toMatchObject({ code: 0, out: expect.stringContaining('valid for DEMO-HALL-0001 (applies at once)') });
  });

  it('a tampered signed file fails verify with a non-zero exit and the reason', async () => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin')]);
    await kioskctl(['config', 'init-bundle', '--out', join(dir, 'bundle.json')]);
    await kioskctl(['config', 'sign', join(dir, 'bundle.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 'signed.json')]);
    const document = JSON.parse(readFileSync(join(dir, 'signed.json'), 'utf8'));
    document.config.idle.countdownSeconds = 5;
    writeFileSync(join(dir, 'signed.json'), JSON.stringify(document));

    const result = await kioskctl(['config', 'verify', join(dir, 'signed.json'), '--pub', join(dir, 'admin.pub')]);
    expect(result.code).not.toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/INVALID bad-signature: .*changed after signing/);
  });

  it('verify names the reason: another key, not signed, not JSON, forbidden field, wrong target', async () => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin'), '--key-id', 'admin']);
    await kioskctl(['config', 'keygen', '--out', join(dir, 'other'), '--key-id', 'other']);
    await kioskctl(['config', 'init-bundle', '--out', join(dir, 'bundle.json'), '--group', 'hall-west']);
    await kioskctl(['config', 'sign', join(dir, 'bundle.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 'signed.json')]);
    const key = parsePrivateKeyFile(readFileSync(join(dir, 'admin.key'), 'utf8'));
    if (!key.ok) throw new Error(key.problem);
    const rogue = signedWithoutChecks(key.key, { ...JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')), config: { terminalId: 'GZ-TH-0001' } });
    writeFileSync(join(dir, 'rogue.json'), JSON.stringify(rogue));
    writeFileSync(join(dir, 'broken.json'), '{"format": "kiosk-config-bundle/1",');

    const cases: [string[], string][] = [
      [[join(dir, 'signed.json'), '--pub', join(dir, 'other.pub')], 'unknown-key'],
      [[join(dir, 'bundle.json'), '--pub', join(dir, 'admin.pub')], 'malformed'],
      [[join(dir, 'broken.json'), '--pub', join(dir, 'admin.pub')], 'malformed'],
      [[join(dir, 'rogue.json'), '--pub', join(dir, 'admin.pub')], 'forbidden-field'],
      [[join(dir, 'signed.json'), '--pub', join(dir, 'admin.pub'), '--config', 'config/terminal.sample.json'], 'wrong-target'],
    ];
    for (const [args, code] of cases) {
      const result = await kioskctl(['config', 'verify', ...args]);
      expect(result.code, code).toBe(1);
      expect(result.err, code).toContain(`INVALID ${code}: `);
    }
    const noPub = await kioskctl(['config', 'verify', join(dir, 'signed.json'), '--pub', join(dir, 'admin.key')]);
    expect(noPub).toMatchObject({ code: 1, err: expect.stringContaining('holds a private key') });
  });

  it('verify --config reports schema problems of the merged config', async () => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin')]);
    const draft = { ...JSON.parse((await kioskctl(['config', 'init-bundle', '--out', join(dir, 'b.json')]), readFileSync(join(dir, 'b.json'), 'utf8'))) };
    draft.config = { idle: { warnAfterSeconds: 1 } };
    writeFileSync(join(dir, 'b.json'), JSON.stringify(draft));
    await kioskctl(['config', 'sign', join(dir, 'b.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 's.json')]);
    const result = await kioskctl(['config', 'verify', join(dir, 's.json'), '--pub', join(dir, 'admin.pub'), '--config', 'config/terminal.sample.json']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('INVALID schema-invalid');
    expect(result.err).toContain('remote bundle v1: idle.warnAfterSeconds:');
  });

  it('sign refuses a bundle every terminal would refuse, and does not overwrite without --force', async () => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin')]);
    await kioskctl(['config', 'init-bundle', '--out', join(dir, 'b.json'), '--terminal', 'GZ-TH-0001', '--bundle-version', '12']);
    const draft = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(draft).toMatchObject({ version: 12, targets: { terminals: ['GZ-TH-0001'], groups: [] } });

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...draft, config: { remoteConfig: { groups: ['x'] } } }));
    const forbidden = await kioskctl(['config', 'sign', join(dir, 'bad.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 'bad.signed.json')]);
    expect(forbidden).toMatchObject({ code: 1, err: expect.stringContaining('config.remoteConfig: a remote bundle may not set this') });
    expect(existsSync(join(dir, 'bad.signed.json'))).toBe(false);

    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ ...draft, verison: 3 }));
    expect((await kioskctl(['config', 'sign', join(dir, 'typo.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 't.json')])).err).toContain('unknown field verison');

    writeFileSync(join(dir, 'out.json'), 'keep');
    const args = ['config', 'sign', join(dir, 'b.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 'out.json')];
    expect((await kioskctl(args)).code).toBe(1);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('keep');
    expect((await kioskctl([...args, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toHaveProperty('signature');
    expect((await kioskctl(['config', 'init-bundle', '--out', join(dir, 'b.json')])).code).toBe(1);
  });

  it('sign warns when the key file is readable by others, and reports a missing key file', async () => {
    const dir = workDir();
    await kioskctl(['config', 'keygen', '--out', join(dir, 'admin')]);
    await kioskctl(['config', 'init-bundle', '--out', join(dir, 'b.json')]);
    chmodSync(join(dir, 'admin.key'), 0o644);
    const result = await kioskctl(['config', 'sign', join(dir, 'b.json'), '--key', join(dir, 'admin.key'), '--out', join(dir, 's.json')]);
    expect(result).toMatchObject({ code: 0, err: expect.stringContaining('chmod 600') });
    const missing = await kioskctl(['config', 'sign', join(dir, 'b.json'), '--key', join(dir, 'nope.key'), '--out', join(dir, 's2.json')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('nope.key: file or directory not found') });
  });
});

describe('registration', () => {
  it('adds the subcommands to the existing config command, each answering --help', async () => {
    for (const name of ['keygen', 'init-bundle', 'sign', 'verify', 'check']) {
      const result = await kioskctl(['config', name, '--help']);
      expect(result.out, name).toContain(`Usage: kioskctl config ${name}`);
      expect(result.code, name).toBe(0);
    }
  });

  it('refuses to run before the config command exists, rather than making a second one', () => {
    const context = { out() {}, err() {}, setExitCode() {}, readStdin: async () => '', defaultDataDir: () => '', defaultConfigFile: () => '' };
    expect(() => registerConfigBundleCommands(new Command('kioskctl'), context)).toThrow(/registerConfigCommands/);
  });
});

// The sample terminal file is what --config judges against; keep the fixture honest.
it('the sample terminal is DEMO-HALL-0001', () => expect(sampleFile().terminalId).toBe('DEMO-HALL-0001'));
