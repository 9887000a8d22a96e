import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { silentLogger, type Logger } from '../../../electron/runtime/logger.js';
import {
  createSocatNotifyTransport,
  socatAddress,
  startSystemdWatchdog,
  watchdogPingIntervalMs,
  type NotifyTransport,
} from '../../../electron/runtime/systemdWatchdog.js';
import { FakeClock } from '../../helpers/fakeClock.js';

/** A notify socket that records each datagram. */
class FakeNotifySocket implements NotifyTransport {
  readonly datagrams: string[] = [];
  closed = false;
  send(message: string): void {
    if (!this.closed) this.datagrams.push(message);
  }
  close(): void {
    this.closed = true;
  }
}

const SYSTEMD_ENV = { NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '60000000', WATCHDOG_PID: '1234' };

function watchdog(env: NodeJS.ProcessEnv, isAlive?: () => boolean) {
  const clock = new FakeClock();
  const socket = new FakeNotifySocket();
  const opened: string[] = [];
  const dog = startSystemdWatchdog({
    env,
    clock,
    logger: silentLogger,
    openTransport: (path) => {
      opened.push(path);
      return socket;
    },
    ...(isAlive ? { isAlive } : {}),
  });
  return { clock, socket, opened, dog };
}

describe('systemd watchdog', () => {
  it('pings at half of WatchdogSec after saying ready', () => {
    const { clock, socket, opened, dog } = watchdog(SYSTEMD_ENV);
    expect(opened).toEqual(['/run/systemd/notify']);
    expect(dog.pingIntervalMs).toBe(30_000);
    expect(socket.datagrams).toEqual(['READY=1', 'WATCHDOG=1']);
    clock.advance(29_999);
    expect(socket.datagrams).toHaveLength(2);
    clock.advance(1);
    clock.advance(30_000);
    expect(socket.datagrams).toEqual(['READY=1', 'WATCHDOG=1', 'WATCHDOG=1', 'WATCHDOG=1']);
  });

  it('withholds pings while the kiosk is not alive, so systemd restarts it', () => {
    let alive = true;
    const { clock, socket } = watchdog(SYSTEMD_ENV, () => alive);
    alive = false;
    clock.advance(90_000);
    expect(socket.datagrams).toEqual(['READY=1', 'WATCHDOG=1']);
    alive = true;
    clock.advance(30_000);
    expect(socket.datagrams.at(-1)).toBe('WATCHDOG=1');
    expect(socket.datagrams).toHaveLength(3);
  });

  it('says stopping and stops pinging', () => {
    const { clock, socket, dog } = watchdog(SYSTEMD_ENV);
    dog.stop();
    clock.advance(120_000);
    expect(socket.datagrams).toEqual(['READY=1', 'WATCHDOG=1', 'STOPPING=1']);
    expect(socket.closed).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('only says ready when systemd has no watchdog for the unit', () => {
    const { clock, socket, dog } = watchdog({ NOTIFY_SOCKET: '/run/systemd/notify' });
    clock.advance(600_000);
    expect(dog.active).toBe(true);
    expect(socket.datagrams).toEqual(['READY=1']);
  });

  it('does nothing outside systemd (development, the browser shell, Windows)', () => {
    const { socket, opened, dog } = watchdog({ WATCHDOG_USEC: '60000000' });
    expect(dog.active).toBe(false);
    expect(opened).toEqual([]);
    expect(socket.datagrams).toEqual([]);
  });

  it.each([
    [{ WATCHDOG_USEC: '3000000' }, 1500],
    [{ WATCHDOG_USEC: '0' }, undefined],
    [{ WATCHDOG_USEC: '-5' }, undefined],
    [{ WATCHDOG_USEC: '30s' }, undefined],
    [{}, undefined],
  ])('reads WATCHDOG_USEC %j as a ping every %s ms', (env, expected) => {
    expect(watchdogPingIntervalMs(env)).toBe(expected);
  });
});

/** A socat child as child_process.spawn returns it: stdin we can read, exit we can fire. */
class FakeChild extends EventEmitter {
  readonly stdin = new PassThrough();
  readonly written: string[] = [];
  constructor() {
    super();
    this.stdin.on('data', (chunk: Buffer) => this.written.push(chunk.toString()));
  }
}

describe('socat notify transport', () => {
  it('addresses path and abstract sockets as socat does', () => {
    expect(socatAddress('/run/systemd/notify')).toBe('UNIX-SENDTO:/run/systemd/notify');
    expect(socatAddress('@/org/freedesktop/systemd1/notify/123')).toBe('ABSTRACT-SENDTO:/org/freedesktop/systemd1/notify/123');
  });

  it('writes one line per message and goes quiet, loudly, when socat dies', async () => {
    const child = new FakeChild();
    const spawned: string[][] = [];
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (m) => errors.push(m) };
    const transport = createSocatNotifyTransport('/run/systemd/notify', {
      spawn: (command, args) => {
        spawned.push([command, ...args]);
        return child as unknown as ChildProcess;
      },
      logger,
    });
    expect(spawned).toEqual([['socat', '-u', 'STDIN', 'UNIX-SENDTO:/run/systemd/notify']]);
    transport.send('READY=1');
    transport.send('WATCHDOG=1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(child.written.join('')).toBe('READY=1\nWATCHDOG=1\n');
    child.emit('exit', 1, null);
    transport.send('WATCHDOG=1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(child.written.join('')).toBe('READY=1\nWATCHDOG=1\n');
    expect(errors).toEqual(['systemd notify channel lost; the watchdog will restart the kiosk']);
  });

  it('survives socat not being installed', () => {
    const child = new FakeChild();
    const transport = createSocatNotifyTransport('/run/systemd/notify', { spawn: () => child as unknown as ChildProcess, logger: silentLogger });
    child.emit('error', Object.assign(new Error('spawn socat ENOENT'), { code: 'ENOENT' }));
    expect(() => transport.send('WATCHDOG=1')).not.toThrow();
  });
});
