import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../config/terminalConfigSchema.js';
import type { RuntimeToHostMessage } from '../../../../drivers/host/deviceHostProtocol.js';
import type { DeviceStatus } from '../../../../drivers/model/deviceStatus.js';
import {
  DeviceHostSupervisor,
  type DeviceHostChild,
  type DeviceHostSupervisorOptions,
} from '../../../../electron/runtime/devices/deviceHostSupervisor.js';
import type { Logger } from '../../../../electron/runtime/logger.js';
import { FakeClock } from '../../../helpers/fakeClock.js';

class FakeChild extends EventEmitter implements DeviceHostChild {
  static nextPid = 1000;
  readonly pid = FakeChild.nextPid++;
  connected = true;
  readonly sent: RuntimeToHostMessage[] = [];
  readonly kills: Array<NodeJS.Signals | number | undefined> = [];
  send(message: RuntimeToHostMessage): boolean {
    this.sent.push(message);
    return true;
  }
  kill(signal?: NodeJS.Signals | number): boolean {
    this.kills.push(signal);
    return true;
  }
  die(code: number | null = null, signal: string | null = 'SIGKILL'): void {
    this.connected = false;
    this.emit('exit', code, signal);
  }
  report(statuses: DeviceStatus[]): void {
    this.emit('message', { type: 'statuses', statuses });
  }
}

const configs: DeviceConfig[] = [
  { id: 'id-reader', kind: 'id-card-reader', binding: { transport: 'simulated' }, required: true },
  { id: 'printer', kind: 'receipt-printer', binding: { transport: 'serial', path: '/dev/ttyS0', baudRate: 9600 }, required: true },
];

function ready(id: string, kind: DeviceStatus['kind']): DeviceStatus {
  return { id, kind, binding: 'simulated', simulated: true, state: 'ready', fault: null, capabilities: ['x'], statistics: { operations: 1 }, updatedAt: 1 };
}
const allReady = [ready('id-reader', 'id-card-reader'), ready('printer', 'receipt-printer')];

function setup(overrides: Partial<DeviceHostSupervisorOptions> = {}) {
  const clock = new FakeClock();
  const children: FakeChild[] = [];
  const forks: Array<{ entry: string; execArgv: string[]; env: NodeJS.ProcessEnv }> = [];
  const logs: Array<{ level: string; message: string }> = [];
  const logger: Logger = {
    info: (message) => logs.push({ level: 'info', message }),
    warn: (message) => logs.push({ level: 'warn', message }),
    error: (message) => logs.push({ level: 'error', message }),
  };
  const supervisor = new DeviceHostSupervisor({
    configs,
    clock,
    logger,
    entry: '/app/out/host/device-host.mjs',
    execArgv: ['--import', 'tsx'],
    env: { PATH: '/bin' },
    fork: (entry, options) => {
      forks.push({ entry, ...options });
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    restart: { initialDelayMs: 100, maxDelayMs: 1_000, stableAfterMs: 5_000, budget: { crashes: 3, windowMs: 60_000 } },
    ...overrides,
  });
  let changes = 0;
  supervisor.onChange(() => changes++);
  const latest = () => children[children.length - 1]!;
  return { clock, children, forks, logs, supervisor, latest, changes: () => changes };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DeviceHostSupervisor', () => {
  it('lists the configured devices as connecting before the host reports', () => {
    const { supervisor, forks } = setup();
    expect(forks).toHaveLength(0);
    expect(supervisor.list().map((d) => [d.id, d.state, d.binding])).toEqual([
      ['id-reader', 'connecting', 'simulated'],
      ['printer', 'connecting', 'serial /dev/ttyS0 @9600'],
    ]);
  });

  it('forks the host with the entry, flags and device config, and keeps its last statuses', () => {
    const { supervisor, forks, latest, changes } = setup();
    supervisor.start();
    supervisor.start();
    expect(forks).toHaveLength(1);
    expect(forks[0]).toMatchObject({ entry: '/app/out/host/device-host.mjs', execArgv: ['--import', 'tsx'] });
    expect(forks[0]!.env.PATH).toBe('/bin');
    expect(JSON.parse(forks[0]!.env.KIOSK_DEVICE_HOST_CONFIG!)).toEqual(configs);

    latest().emit('message', { type: 'ready' });
    latest().report(allReady);
    expect(supervisor.list()).toEqual(allReady);
    expect(changes()).toBe(1);
  });

  it('logs and ignores invalid messages from the host', () => {
    const { supervisor, latest, logs, changes } = setup();
    supervisor.start();
    latest().report(allReady);
    latest().emit('message', { type: 'statuses', statuses: [{ id: 'x' }] });
    latest().emit('message', 'garbage');
    latest().emit('message', null);
    expect(supervisor.list()).toEqual(allReady);
    expect(changes()).toBe(1);
    expect(logs.filter((l) => l.message === 'invalid message from device host')).toHaveLength(3);
  });

  it('marks every device offline with the restarting fault at once when the host dies, then restarts it', () => {
    const { supervisor, latest, children, clock, changes } = setup();
    supervisor.start();
    latest().report(allReady);
    clock.advance(10);
    latest().die();

    expect(changes()).toBe(2);
    for (const d of supervisor.list()) {
      expect(d.state).toBe('offline');
      expect(d.fault?.code).toBe('device-host-restarting');
      expect(d.fault?.message['zh-CN']).toBeTruthy();
      expect(d.fault?.message.en).toBeTruthy();
      expect(d.updatedAt).toBe(clock.now());
      expect(d.capabilities).toEqual(['x']); // the rest of the last status is kept
    }

    clock.advance(99);
    expect(children).toHaveLength(1);
    clock.advance(1);
    expect(children).toHaveLength(2);
    expect(supervisor.hostStarts).toBe(2);
    latest().report(allReady);
    expect(supervisor.list()).toEqual(allReady);
  });

  it('ignores messages from a host it has already given up on', () => {
    const { supervisor, children, latest } = setup();
    supervisor.start();
    const first = latest();
    first.die();
    first.report(allReady);
    expect(supervisor.list().every((d) => d.state === 'offline')).toBe(true);
    expect(children).toHaveLength(1);
  });

  it('backs off on consecutive crashes and forgives them once the host has been stable', () => {
    const { supervisor, latest, children, clock } = setup({
      restart: { initialDelayMs: 100, maxDelayMs: 1_000, stableAfterMs: 5_000, budget: { crashes: 10, windowMs: 60_000 } },
    });
    supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      latest().die();
      const before = children.length;
      let waited = 0;
      while (children.length === before) {
        clock.advance(10);
        waited += 10;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400]);

    latest().emit('message', { type: 'ready' });
    clock.advance(5_000);
    latest().die();
    clock.advance(100);
    expect(children).toHaveLength(5);
  });

  it('past its crash budget shows device-host-failed and retries at the longest delay', () => {
    const { supervisor, latest, children, clock, logs } = setup();
    supervisor.start();
    for (let i = 0; i < 3; i++) {
      latest().die();
      clock.advance(1_000);
    }
    expect(children).toHaveLength(4);
    latest().die();
    expect(supervisor.list().every((d) => d.fault?.code === 'device-host-failed')).toBe(true);
    clock.advance(999);
    expect(children).toHaveLength(4);
    clock.advance(1);
    expect(children).toHaveLength(5);
    expect(logs.some((l) => l.level === 'error' && l.message.includes('device host exited'))).toBe(true);
  });

  it('treats a host that fails to spawn like a crash', () => {
    let calls = 0;
    const { supervisor, clock } = setup({
      fork: () => {
        calls++;
        throw new Error('ENOENT');
      },
    });
    supervisor.start();
    expect(supervisor.list().every((d) => d.fault?.code === 'device-host-restarting')).toBe(true);
    clock.advance(100);
    expect(calls).toBe(2);
  });

  it('reopenAll asks the host and resolves when it reports reopened', async () => {
    const { supervisor, latest } = setup();
    supervisor.start();
    let done = false;
    const reopening = supervisor.reopenAll().then(() => (done = true));
    expect(latest().sent).toEqual([{ type: 'reopen-all' }]);
    await flush();
    expect(done).toBe(false);
    latest().emit('message', { type: 'reopened' });
    await reopening;
    expect(done).toBe(true);
  });

  it('reopenAll resolves if the host dies meanwhile, and restarts a host that is down at once', async () => {
    const { supervisor, latest, children } = setup();
    supervisor.start();
    const reopening = supervisor.reopenAll();
    latest().die();
    await reopening;
    expect(children).toHaveLength(1);
    await supervisor.reopenAll(); // staff reset while waiting for the restart
    expect(children).toHaveLength(2);
  });

  it('close sends shutdown and waits for the host to exit', async () => {
    const { supervisor, latest, clock, children } = setup();
    supervisor.start();
    latest().report(allReady);
    let closed = false;
    const closing = supervisor.close().then(() => (closed = true));
    expect(latest().sent).toEqual([{ type: 'shutdown' }]);
    await flush();
    expect(closed).toBe(false);
    latest().die(0, null);
    await closing;
    expect(latest().kills).toEqual([]);
    expect(supervisor.list().every((d) => d.state === 'offline' && d.fault === null)).toBe(true);
    clock.advance(60_000);
    expect(children).toHaveLength(1); // no restart after close
    await supervisor.close(); // idempotent
  });

  it('close kills a host that does not exit in time', async () => {
    const { supervisor, latest, clock } = setup({ closeTimeoutMs: 1_000 });
    supervisor.start();
    const child = latest();
    const closing = supervisor.close();
    await flush();
    clock.advance(1_000);
    await flush();
    expect(child.kills).toEqual(['SIGKILL']);
    child.die();
    await closing;
  });

  it('close while waiting for a restart cancels it', async () => {
    const { supervisor, latest, clock, children } = setup();
    supervisor.start();
    latest().die();
    await supervisor.close();
    clock.advance(10_000);
    expect(children).toHaveLength(1);
  });
});

describe('DeviceHostSupervisor device operations', () => {
  const read = { op: 'idcard.read', timeoutMs: 5_000 } as const;
  const requestOf = (child: FakeChild) => child.sent.find((m) => m.type === 'request') as Extract<RuntimeToHostMessage, { type: 'request' }>;

  it('sends a request and resolves with the reply of the same id', async () => {
    const { supervisor, latest } = setup();
    supervisor.start();
    const pending = supervisor.perform('id-reader', read);
    const request = requestOf(latest());
    expect(request).toMatchObject({ deviceId: 'id-reader', operation: read });
    latest().emit('message', { type: 'reply', requestId: 'someone-else', reply: { ok: true, result: { ok: false } } });
    latest().emit('message', { type: 'reply', requestId: request.requestId, reply: { ok: true, result: { ok: false, reason: 'timeout', message: { 'zh-CN': '超时', en: 'timeout' }, detail: null } } });
    await expect(pending).resolves.toEqual({ ok: true, result: { ok: false, reason: 'timeout', message: { 'zh-CN': '超时', en: 'timeout' }, detail: null } });
  });

  it('passes progress to the caller and a cancel to the host when the caller aborts', async () => {
    const { supervisor, latest } = setup();
    supervisor.start();
    const progress: unknown[] = [];
    const abort = new AbortController();
    void supervisor.perform('id-reader', read, { signal: abort.signal, onProgress: (p) => progress.push(p) });
    const { requestId } = requestOf(latest());
    latest().emit('message', { type: 'progress', requestId, progress: { op: 'idcard.read', progress: { kind: 'card-detected' } } });
    expect(progress).toEqual([{ op: 'idcard.read', progress: { kind: 'card-detected' } }]);
    abort.abort();
    expect(latest().sent.at(-1)).toEqual({ type: 'cancel', requestId });
  });

  it('ends a request in flight with device-host-restarted when the host dies, and serves the next host', async () => {
    const { supervisor, latest, clock, children } = setup();
    supervisor.start();
    const inFlight = supervisor.perform('id-reader', read);
    latest().die();
    const reply = await inFlight;
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.failure.reason).toBe('device-host-restarted');
      expect(reply.failure.message.en).toMatch(/Reconnecting/);
    }
    // While the host is down, a new request gets the same answer at once instead of waiting.
    const whileDown = await supervisor.perform('id-reader', read);
    expect(whileDown.ok ? null : whileDown.failure.reason).toBe('device-host-restarted');
    clock.advance(100);
    expect(children).toHaveLength(2);
    const next = supervisor.perform('id-reader', read);
    const { requestId } = requestOf(latest());
    latest().emit('message', { type: 'reply', requestId, reply: { ok: true, result: { ok: true } } });
    await expect(next).resolves.toEqual({ ok: true, result: { ok: true } });
  });

  it('refuses an invalid operation without bothering the host', async () => {
    const { supervisor, latest } = setup();
    supervisor.start();
    const reply = await supervisor.perform('id-reader', { op: 'idcard.read', timeoutMs: -1 });
    expect(reply.ok ? null : reply.failure.reason).toBe('invalid-operation');
    expect(latest().sent.filter((m) => m.type === 'request')).toEqual([]);
  });

  it('ends requests with device-host-unavailable on close and forwards device events before that', async () => {
    const { supervisor, latest, clock } = setup();
    supervisor.start();
    const events: unknown[] = [];
    supervisor.onDeviceEvent((e) => events.push(e));
    latest().emit('message', { type: 'device-event', deviceId: 'printer', event: { kind: 'paper-near-end', message: { 'zh-CN': '纸将尽', en: 'low' } } });
    expect(events).toEqual([{ deviceId: 'printer', event: { kind: 'paper-near-end', message: { 'zh-CN': '纸将尽', en: 'low' } } }]);
    const inFlight = supervisor.perform('id-reader', read);
    const closing = supervisor.close();
    clock.advance(5_000);
    await flush();
    clock.advance(2_000);
    await closing;
    const reply = await inFlight;
    expect(reply.ok ? null : reply.failure.reason).toBe('device-host-unavailable');
  });
});
