import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The shell scripts of config/os/linux, run for real by bash with fake systemctl, gpgv,
 * dpkg-deb and dpkg on PATH (each records its calls), in temporary directories.
 */
const linuxDir = fileURLToPath(new URL('../../../config/os/linux/', import.meta.url));
const scripts = readdirSync(linuxDir).filter((f) => f.endsWith('.sh'));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-os-'));
  dirs.push(dir);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const calls = join(dir, 'calls.log');
  writeFileSync(calls, '');
  const fake = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${calls}"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const run = (script: string, env: Record<string, string>) =>
    spawnSync('bash', [join(linuxDir, script)], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
    });
  return { dir, fake, run, calls: () => readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean) };
}

describe('linux scripts', () => {
  it.each(scripts)('%s is valid bash', (script) => {
    const result = spawnSync('bash', ['-n', join(linuxDir, script)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('restart-if-stale (nightly restart backstop)', () => {
  function setup(state: string, hoursAgo: number) {
    const box = sandbox();
    const entered = new Date(Date.now() - hoursAgo * 3600_000).toUTCString();
    box.fake(
      'systemctl',
      `case "$*" in
  *ActiveState*) echo "${state}" ;;
  *ActiveEnterTimestamp*) echo "${entered}" ;;
esac`,
    );
    return box;
  }

  it('restarts a kiosk that has been up longer than the limit', () => {
    const box = setup('active', 30);
    const result = box.run('restart-if-stale.sh', { GOV_KIOSK_MAX_UPTIME_HOURS: '26' });
    expect(result.stdout).toContain('missed its nightly restart');
    expect(box.calls()).toContain('systemctl restart gov-kiosk.service');
    expect(result.status).toBe(0);
  });

  it('leaves a kiosk alone that restarted itself last night', () => {
    const box = setup('active', 3);
    const result = box.run('restart-if-stale.sh', { GOV_KIOSK_MAX_UPTIME_HOURS: '26' });
    expect(result.stdout).toContain('its own nightly restart happened');
    expect(box.calls().some((c) => c.includes('restart'))).toBe(false);
  });

  it('does not start a kiosk that is stopped', () => {
    const box = setup('inactive', 100);
    box.run('restart-if-stale.sh', {});
    expect(box.calls().some((c) => c.includes('restart'))).toBe(false);
  });

  it('refuses a nonsense limit', () => {
    const box = setup('active', 100);
    const result = box.run('restart-if-stale.sh', { GOV_KIOSK_MAX_UPTIME_HOURS: 'soon' });
    expect(result.status).toBe(2);
    expect(box.calls()).toEqual([]);
  });
});

describe('install-update (staged update installer)', () => {
  const DEB = 'gov-kiosk_1.3.0_x64.deb';

  function setup(options: { signatureValid?: boolean; packageName?: string; debVersion?: string; dpkgOk?: boolean; keyring?: boolean } = {}) {
    const box = sandbox();
    const updates = join(box.dir, 'updates');
    mkdirSync(updates);
    const keyring = join(box.dir, 'release-keyring.gpg');
    if (options.keyring ?? true) writeFileSync(keyring, 'keyring');
    box.fake('gpgv', `exit ${options.signatureValid === false ? 1 : 0}`);
    box.fake('dpkg-deb', `case "$*" in *Package*) echo "${options.packageName ?? 'gov-kiosk'}" ;; *Version*) echo "${options.debVersion ?? '1.3.0'}" ;; esac`);
    box.fake('dpkg', `exit ${options.dpkgOk === false ? 1 : 0}`);
    box.fake('systemctl', 'exit 0');
    const stage = (request: string) => {
      writeFileSync(join(updates, DEB), 'package bytes');
      writeFileSync(join(updates, `${DEB}.sig`), 'signature');
      writeFileSync(join(updates, 'request'), request);
    };
    const run = () => box.run('install-update.sh', { GOV_KIOSK_UPDATES_DIR: updates, GOV_KIOSK_RELEASE_KEYRING: keyring });
    const result = () => readFileSync(join(updates, 'result'), 'utf8');
    return { ...box, updates, stage, run, result };
  }

  it('verifies, stops the kiosk, installs, starts it and reports success', () => {
    const box = setup();
    box.stage(`VERSION=1.3.0\nFILE=${DEB}\n`);
    const run = box.run();
    expect(run.status).toBe(0);
    const calls = box.calls();
    const order = ['gpgv', 'systemctl stop', 'dpkg --install', 'systemctl start'].map((c) => calls.findIndex((l) => l.startsWith(c)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(box.result()).toBe('STATUS=installed\nVERSION=1.3.0\nREASON=\n');
    expect(existsSync(join(box.updates, 'request'))).toBe(false);
    expect(existsSync(join(box.updates, DEB))).toBe(false);
  });

  it.each([
    ['a bad signature', { signatureValid: false }, /signature of .* does not verify/],
    ['another package', { packageName: 'evil' }, /package is 'evil'/],
    ['another version', { debVersion: '1.2.9' }, /package version is 1.2.9/],
    ['no release keyring', { keyring: false }, /no release keyring/],
  ] as const)('refuses %s without touching the kiosk', (_name, options, reason) => {
    const box = setup(options);
    box.stage(`VERSION=1.3.0\nFILE=${DEB}\n`);
    expect(box.run().status).toBe(1);
    expect(box.result()).toMatch(/^STATUS=failed\n/);
    expect(box.result()).toMatch(reason);
    expect(box.calls().some((c) => c.startsWith('dpkg ') || c.startsWith('systemctl'))).toBe(false);
  });

  it.each([
    ['a path outside the updates directory', `VERSION=1.3.0\nFILE=../../etc/shadow\n`],
    ['a command in the file name', `VERSION=1.3.0\nFILE=gov-kiosk_1.3.0_x64.deb;reboot\n`],
    ['no version', `FILE=${DEB}\n`],
  ])('refuses a request with %s', (_name, request) => {
    const box = setup();
    box.stage(request);
    expect(box.run().status).toBe(1);
    expect(box.result()).toMatch(/^STATUS=failed\n.*\nREASON=request has no valid/s);
    expect(box.calls().some((c) => c.startsWith('gpgv') || c.startsWith('dpkg'))).toBe(false);
  });

  it('reports a failed dpkg and still starts the kiosk again', () => {
    const box = setup({ dpkgOk: false });
    box.stage(`VERSION=1.3.0\nFILE=${DEB}\n`);
    expect(box.run().status).toBe(1);
    expect(box.result()).toContain('STATUS=failed');
    expect(box.calls().at(-1)).toBe('systemctl start gov-kiosk.service');
  });

  it('accepts the Debian spelling of a pre-release version', () => {
    const box = setup({ debVersion: '1.3.0~rc.1' });
    writeFileSync(join(box.updates, 'gov-kiosk_1.3.0-rc.1_x64.deb'), 'bytes');
    writeFileSync(join(box.updates, 'gov-kiosk_1.3.0-rc.1_x64.deb.sig'), 'sig');
    writeFileSync(join(box.updates, 'request'), 'VERSION=1.3.0-rc.1\nFILE=gov-kiosk_1.3.0-rc.1_x64.deb\n');
    expect(box.run().status).toBe(0);
    expect(box.result()).toContain('STATUS=installed');
  });

  it('does nothing without a request', () => {
    const box = setup();
    expect(box.run().status).toBe(0);
    expect(box.calls()).toEqual([]);
  });
});
