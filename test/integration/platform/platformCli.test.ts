import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../../electron/platform/platformClient.js';
import { DEMO_TERMINAL_SECRET } from '../../platform-sim/platformSimulator.js';
import { runKioskctl } from '../../helpers/runKioskctl.js';
import { heartbeat, okValue, registered } from './platformTestKit.js';

/**
 * kioskctl platform-sim as a real process (the exact line it prints, SIGTERM), and the admin
 * commands fleet status, fleet command and config push against it.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const TOKEN = 'cli-test-admin-token-0001';
const TERMINAL = 'GZ-CLI-0001';

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startPlatformSim(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'config/cli/kioskctl.ts', 'platform-sim', ...args], { cwd: root, env: { ...process.env } });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) resolve({ child, firstLine: stdout, stderr: () => stderr, exit });
    });
    void exit.then((code) => reject(new Error(`platform-sim exited with ${code} before listening: ${stderr}`)));
  });
}

let sim: RunningCli;
let url: string;
const dataDir = mkdtempSync(join(tmpdir(), 'platform-sim-cli-'));
const admin = (...args: string[]) => runKioskctl([...args, '--platform', url, '--admin-token', TOKEN]);

beforeAll(async () => {
  sim = await startPlatformSim(['--port', '0', '--data-dir', dataDir, '--admin-token', TOKEN]);
  url = sim.firstLine.replace('platform-sim listening on ', '').trim();
});

afterAll(async () => {
  if (sim.child.exitCode === null) sim.child.kill('SIGKILL');
});

describe('kioskctl platform-sim', () => {
  it('prints exactly one line with the port it got', () => {
    expect(sim.firstLine).toMatch(/^platform-sim listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    expect(sim.stderr()).not.toContain(TOKEN);
  });

  it('refuses a bad port and a port that is taken, with exit status 1', async () => {
    const bad = await runKioskctl(['platform-sim', '--port', 'eighty', '--data-dir', dataDir]);
    expect([bad.code, bad.err]).toEqual([1, expect.stringContaining('--port')]);
    const taken = await runKioskctl(['platform-sim', '--port', new URL(url).port, '--data-dir', mkdtempSync(join(tmpdir(), 'platform-sim-cli-'))]);
    expect([taken.code, taken.err]).toEqual([1, expect.stringContaining('could not start')]);
  });
});

describe('fleet and config push against it', () => {
  const terminal = () => createPlatformClient({ baseUrl: url, credential: { keyId: TERMINAL, secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sm3' }, timeoutMs: 5000 });

  it('fleet status lists the terminals with their heartbeat, versions and health', async () => {
    const client = terminal();
    await registered(client, TERMINAL, ['guangzhou']);
    okValue(await client.sendHeartbeat(heartbeat(1, { configVersion: null, outbox: { depth: 5, oldestAgeSeconds: 30 } })));
    client.close();
    const status = await admin('fleet', 'status');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^1 terminal \(platform time .+\)\n/);
    expect(status.out).toMatch(new RegExp(`${TERMINAL}\\s+online\\s+\\d+ s ago\\s+in-service\\s+app 0\\.1\\.0\\s+config -\\s+outbox 5\\s+devices printer:near-end`));
    const json = await admin('fleet', 'status', '--json');
    expect(json.json().terminals[0]).toMatchObject({ terminalId: TERMINAL, outbox: { depth: 5 } });
  });

  it('fleet command queues a command the terminal receives with its next heartbeat', async () => {
    const queued = await admin('fleet', 'command', TERMINAL, 'out-of-service', '--force');
    expect(queued.code).toBe(0);
    expect(queued.out).toMatch(new RegExp(`^queued out-of-service for ${TERMINAL}: command cmd_[A-Za-z0-9_-]+ \\(forced\\), expires `));
    const client = terminal();
    const beat = okValue(await client.sendHeartbeat(heartbeat(2)));
    client.close();
    expect(beat.commands).toMatchObject([{ kind: 'out-of-service', force: true }]);

    const unknownKind = await admin('fleet', 'command', TERMINAL, 'self-destruct');
    expect(unknownKind.code).not.toBe(0);
    expect(unknownKind.err).toContain('Allowed choices are end-session, reset');
    const unknownTerminal = await admin('fleet', 'command', 'GZ-NOBODY-01', 'reboot');
    expect([unknownTerminal.code, unknownTerminal.err]).toEqual([1, expect.stringContaining('unknown-terminal')]);
  });

  it('config push publishes a bundle for its targets once; terminals fetch it', async () => {
    const bundleFile = join(dataDir, 'signed-bundle.json');
    writeFileSync(bundleFile, JSON.stringify({ format: 'kiosk-config-bundle/1', version: 3, targets: { groups: ['guangzhou'] }, config: {}, signature: 'opaque' }));
    const pushed = await admin('config', 'push', bundleFile);
    expect(pushed.code).toBe(0);
    expect(pushed.out).toMatch(new RegExp(`^published config bundle version 3 \\(sha256 [0-9a-f]{12}…\\) for group guangzhou; registered terminals it reaches now: ${TERMINAL}\\n$`));
    const again = await admin('config', 'push', bundleFile);
    expect([again.code, again.err]).toEqual([1, expect.stringContaining('version-exists')]);
    const client = terminal();
    expect(okValue(await client.fetchLatestConfigBundle()).bundle).toMatchObject({ version: 3, bundle: { signature: 'opaque' } });
    client.close();

    writeFileSync(join(dataDir, 'broken.json'), '{"version": 4,');
    const broken = await admin('config', 'push', join(dataDir, 'broken.json'));
    expect(broken.code).toBe(1);
  });

  it('needs the admin token, takes it from the environment, and refuses plain http off this machine', async () => {
    const saved = process.env.KIOSK_PLATFORM_ADMIN_TOKEN;
    delete process.env.KIOSK_PLATFORM_ADMIN_TOKEN;
    try {
      const none = await runKioskctl(['fleet', 'status', '--platform', url]);
      expect([none.code, none.err]).toEqual([1, expect.stringContaining('--admin-token')]);
      const wrong = await runKioskctl(['fleet', 'status', '--platform', url, '--admin-token', 'not-the-token']);
      expect([wrong.code, wrong.err]).toEqual([1, expect.stringContaining('unauthorized')]);
      process.env.KIOSK_PLATFORM_ADMIN_TOKEN = TOKEN;
      expect((await runKioskctl(['fleet', 'status', '--platform', url])).code).toBe(0);
      const remote = await runKioskctl(['fleet', 'status', '--platform', 'http://platform.example.gov.cn']);
      expect([remote.code, remote.err]).toEqual([1, expect.stringContaining('plain http is allowed only to this machine')]);
    } finally {
      if (saved === undefined) delete process.env.KIOSK_PLATFORM_ADMIN_TOKEN;
      else process.env.KIOSK_PLATFORM_ADMIN_TOKEN = saved;
    }
  });

  it('the simulator stops on SIGTERM with exit status 0', async () => {
    sim.child.kill('SIGTERM');
    expect(await sim.exit).toBe(0);
    expect(sim.stderr()).toContain('platform-sim stopped (SIGTERM)');
  });
});
