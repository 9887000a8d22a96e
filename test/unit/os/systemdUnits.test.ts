import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isWithinDailyWindow } from '../../../config/dailyWindow.js';

const linuxDir = fileURLToPath(new URL('../../../config/os/linux/', import.meta.url));
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const HOST_UNITS = '/usr/lib/systemd/system';
const unitFiles = readdirSync(linuxDir).filter((f) => /\.(service|timer|path)$/.test(f));
const read = (name: string) => readFileSync(join(linuxDir, name), 'utf8');

/** `Key=value` lines of a unit section. */
function directives(unit: string, section: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current = '';
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) current = line;
    else if (current === `[${section}]` && line && !line.startsWith('#')) {
      const at = line.indexOf('=');
      const key = line.slice(0, at);
      found.set(key, [...(found.get(key) ?? []), line.slice(at + 1)]);
    }
  }
  return found;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * An image root for `systemd-analyze verify --root`: this machine's stock units (targets,
 * getty@), our units in /etc/systemd/system, and stubs for what the kiosk image installs
 * (cage, the app, seatd.service, our helper scripts), so verify judges our files only.
 */
function imageRoot(units: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'systemd-root-'));
  roots.push(root);
  cpSync(HOST_UNITS, join(root, HOST_UNITS), { recursive: true });
  mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
  const executables = new Set<string>();
  for (const [name, text] of Object.entries(units)) {
    writeFileSync(join(root, 'etc/systemd/system', name), text);
    for (const match of text.matchAll(/^Exec\w*=[-@+!:]*(\/\S+)/gm)) executables.add(match[1] ?? '');
  }
  for (const executable of executables) {
    mkdirSync(join(root, dirname(executable)), { recursive: true });
    writeFileSync(join(root, executable), '#!/bin/sh\n');
    chmodSync(join(root, executable), 0o755);
  }
  const seatd = join(root, HOST_UNITS, 'seatd.service');
  if (!existsSync(seatd)) {
    writeFileSync(seatd, '[Unit]\nDescription=seatd (stub: the seatd package)\n[Service]\nExecStart=/usr/sbin/seatd -g video\n');
    mkdirSync(join(root, 'usr/sbin'), { recursive: true });
    writeFileSync(join(root, 'usr/sbin/seatd'), '#!/bin/sh\n');
    chmodSync(join(root, 'usr/sbin/seatd'), 0o755);
  }
  return root;
}

function verify(units: Record<string, string>) {
  const root = imageRoot(units);
  return spawnSync(SYSTEMD_ANALYZE, ['verify', `--root=${root}`, ...Object.keys(units)], { encoding: 'utf8' });
}

const ours = Object.fromEntries(unitFiles.map((f) => [f, read(f)]));

describe('systemd units', () => {
  it('are the kiosk service, the restart backstop and the staged-update installer', () => {
    expect(unitFiles.sort()).toEqual([
      'gov-kiosk-nightly-restart.service',
      'gov-kiosk-nightly-restart.timer',
      'gov-kiosk-update.path',
      'gov-kiosk-update.service',
      'gov-kiosk.service',
    ]);
  });

  const hasAnalyze = existsSync(SYSTEMD_ANALYZE) && existsSync(HOST_UNITS);
  it.skipIf(!hasAnalyze)(`pass systemd-analyze verify without a warning (skipped: no ${SYSTEMD_ANALYZE}; install the systemd package)`, () => {
    const result = verify(ours);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!hasAnalyze)('systemd-analyze verify does catch a broken unit (the check above is not vacuous)', () => {
    const broken = read('gov-kiosk.service').replace('Restart=always', 'Restrat=always').replace('WatchdogSec=60', 'WatchdogSec=soon');
    const result = verify({ 'gov-kiosk.service': broken });
    expect(result.stderr).toMatch(/Unknown key.*Restrat/);
    expect(result.stderr).toMatch(/WatchdogSec|soon/);
  });

  it('run the app in cage as the unprivileged kiosk user, always restarted, with a watchdog', () => {
    const service = directives(read('gov-kiosk.service'), 'Service');
    const unit = directives(read('gov-kiosk.service'), 'Unit');
    expect(service.get('ExecStart')?.[0]).toMatch(/^\/usr\/bin\/cage .*-- \/opt\/gov-kiosk\/gov-kiosk\b/);
    expect(service.get('ExecStart')?.[0]).not.toMatch(/\s-s\b/); // no VT switching out of the kiosk
    expect(service.get('User')).toEqual(['gov-kiosk']);
    expect(service.get('Restart')).toEqual(['always']);
    expect(Number(service.get('WatchdogSec')?.[0])).toBeGreaterThan(0);
    expect(service.get('NotifyAccess')).toEqual(['all']);
    expect(service.has('PAMName')).toBe(false); // a PAM session scope would swallow the app's watchdog pings
    expect(service.get('TTYPath')).toEqual(['/dev/tty1']);
    expect(unit.get('Conflicts')).toEqual(['getty@tty1.service']);
    expect(unit.get('StartLimitIntervalSec')).toEqual(['0']);
  });

  it('check for a missed nightly restart inside the default quiet window', () => {
    const timer = directives(read('gov-kiosk-nightly-restart.timer'), 'Timer');
    const [, hours, minutes] = /^\*-\*-\* (\d\d):(\d\d):00$/.exec(timer.get('OnCalendar')?.[0] ?? '') ?? [];
    const sampleConfig = JSON.parse(readFileSync(fileURLToPath(new URL('../../../config/terminal.sample.json', import.meta.url)), 'utf8')) as {
      quietWindow: { start: string; end: string };
    };
    expect(isWithinDailyWindow(new Date(2026, 0, 1, Number(hours), Number(minutes)), sampleConfig.quietWindow)).toBe(true);
    expect(timer.get('Unit')).toEqual(['gov-kiosk-nightly-restart.service']);
  });

  it('install updates as root only when the app stages a request', () => {
    expect(directives(read('gov-kiosk-update.path'), 'Path').get('PathExists')).toEqual(['/var/lib/gov-kiosk/updates/request']);
    const kiosk = directives(read('gov-kiosk.service'), 'Service');
    expect(kiosk.get('Environment')).toContain('KIOSK_UPDATE_STAGING_DIR=/var/lib/gov-kiosk/updates');
    expect(directives(read('gov-kiosk-update.service'), 'Service').get('ExecStart')).toEqual(['/usr/lib/gov-kiosk/install-update']);
  });
});
