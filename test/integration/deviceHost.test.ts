import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceConfigSchema, type DeviceConfig } from '../../config/terminalConfigSchema.js';
import { systemClock } from '../../electron/runtime/clock.js';
import { silentLogger } from '../../electron/runtime/logger.js';
import { DeviceHostSupervisor, forkDeviceHost, type DeviceHostChild } from '../../electron/runtime/devices/deviceHostSupervisor.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sample = JSON.parse(readFileSync(`${root}config/terminal.sample.json`, 'utf8')) as { devices: unknown[] };
const configs: DeviceConfig[] = sample.devices.map((d) => deviceConfigSchema.parse(d));

const wait = { timeout: 20_000, interval: 25 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The real device host (node --import tsx drivers/host/deviceHostMain.ts) with the sample's simulated devices. */
describe('device host in a child process', () => {
  const children: DeviceHostChild[] = [];
  let supervisor: DeviceHostSupervisor | null = null;

  function start(): DeviceHostSupervisor {
    supervisor = new DeviceHostSupervisor({
      configs,
      clock: systemClock,
      logger: silentLogger,
      entry: `${root}drivers/host/deviceHostMain.ts`,
      execArgv: ['--import', 'tsx'],
      fork: (entry, options) => {
        const child = forkDeviceHost(entry, options);
        children.push(child);
        return child;
      },
      restart: { initialDelayMs: 50 },
    });
    supervisor.start();
    return supervisor;
  }

  afterEach(async () => {
    await supervisor?.close();
    for (const child of children) if (child.pid !== undefined && alive(child.pid)) process.kill(child.pid, 'SIGKILL');
    children.length = 0;
  });

  const allReady = (s: DeviceHostSupervisor) => s.list().length === configs.length && s.list().every((d) => d.state === 'ready');

  it('reports every device ready, survives a SIGKILL of the host, and leaves no child after close', async () => {
    const s = start();
    expect(s.list().map((d) => d.id)).toEqual(configs.map((c) => c.id));

    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    expect(s.list().find((d) => d.id === 'id-reader')).toMatchObject({ kind: 'id-card-reader', simulated: true, binding: 'simulated' });

    // Kill the host the hard way: every device goes offline with the restarting fault.
    const changes: string[][] = [];
    s.onChange(() => changes.push(s.list().map((d) => `${d.state}:${d.fault?.code ?? ''}`)));
    const first = children[0]!;
    process.kill(first.pid!, 'SIGKILL');
    await vi.waitFor(() => expect(changes.some((c) => c.every((x) => x === 'offline:device-host-restarting'))).toBe(true), wait);

    // The supervisor (this process) restarts the host; devices come back by themselves.
    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    expect(s.hostStarts).toBe(2);
    expect(alive(first.pid!)).toBe(false);
    const second = children[1]!;
    expect(alive(second.pid!)).toBe(true);

    await s.close();
    expect(alive(second.pid!)).toBe(false);
    expect(s.list().every((d) => d.state === 'offline')).toBe(true);
    expect(childPidsOf(process.pid).filter((pid) => children.some((c) => c.pid === pid))).toEqual([]);
  }, 60_000);

  it('kill the host mid-read: the read ends with "reconnecting", the devices come back and a new read succeeds', async () => {
    const s = start();
    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    // No card on the reader: the read polls (find card) until the host dies under it.
    const progress: unknown[] = [];
    const reading = s.perform('id-reader', { op: 'idcard.read', timeoutMs: 15_000 }, { onProgress: (p) => progress.push(p) });
    await vi.waitFor(() => expect(s.list().find((d) => d.id === 'id-reader')?.state).toBe('busy'), wait);
    process.kill(children[0]!.pid!, 'SIGKILL');
    const interrupted = await reading;
    expect(interrupted).toMatchObject({ ok: false, failure: { reason: 'device-host-restarted' } });
    if (!interrupted.ok) expect(interrupted.failure.message['zh-CN']).toContain('重新连接');

    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    expect(s.hostStarts).toBe(2);
    expect(await s.perform('id-reader', { op: 'simulate', action: { action: 'idcard.place-card' } })).toEqual({ ok: true, result: { ok: true } });
    const read = await s.perform('id-reader', { op: 'idcard.read', timeoutMs: 5_000 }, { onProgress: (p) => progress.push(p) });
    expect(read).toMatchObject({ ok: true, result: { ok: true, card: { type: 'resident' }, idNumberValid: true } });
    expect(progress).toContainEqual({ op: 'idcard.read', progress: { kind: 'card-detected' } });
  }, 60_000);

  it('reopens every device on request', async () => {
    const s = start();
    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    await s.reopenAll();
    await vi.waitFor(() => expect(allReady(s)).toBe(true), wait);
    expect(s.hostStarts).toBe(1);
  }, 60_000);

  it('exits by itself when the runtime disconnects (no orphan)', async () => {
    const child = fork(`${root}drivers/host/deviceHostMain.ts`, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, KIOSK_DEVICE_HOST_CONFIG: JSON.stringify(configs) },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    children.push(child);
    const messages: unknown[] = [];
    child.on('message', (m) => messages.push(m));
    await vi.waitFor(() => expect(messages).toContainEqual({ type: 'ready' }), wait);
    const exited = once(child, 'exit');
    child.disconnect();
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 60_000);
});

function childPidsOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}
