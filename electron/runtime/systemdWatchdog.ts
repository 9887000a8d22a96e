import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import type { Clock, TimerHandle } from './clock.js';
import type { Logger } from './logger.js';

/**
 * systemd's service watchdog (config/os/linux/gov-kiosk.service: WatchdogSec=, NotifyAccess=all).
 * systemd passes NOTIFY_SOCKET (a unix datagram socket) and WATCHDOG_USEC; the app sends
 * READY=1 once and WATCHDOG=1 at half the interval, and systemd kills and restarts the kiosk
 * when the pings stop (a hung main process). WATCHDOG_PID names cage, the unit's main
 * process, not us: NotifyAccess=all is what lets cage's child ping, so it is not checked.
 *
 * Node cannot open AF_UNIX datagram sockets, so the messages go through one long-lived
 * `socat` child. A long-lived sender matters: systemd-notify exits at once, and systemd
 * drops a message whose sender is gone before it could tell which unit it came from.
 */

export interface NotifyTransport {
  /** Sends one notification datagram, e.g. "WATCHDOG=1". Never throws. */
  send(message: string): void;
  close(): void;
}

export interface SystemdWatchdogOptions {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  logger: Logger;
  /** Opens the transport for NOTIFY_SOCKET; the default runs socat. */
  openTransport?: (notifySocket: string) => NotifyTransport;
  /** Pings are withheld while this says false, so systemd restarts a wedged kiosk. */
  isAlive?: () => boolean;
}

export interface SystemdWatchdog {
  /** False when the app is not run by systemd with a notify socket: then it does nothing. */
  readonly active: boolean;
  readonly pingIntervalMs: number | undefined;
  stop(): void;
}

/** Half of WATCHDOG_USEC, in ms (systemd's own advice); undefined when the watchdog is off. */
export function watchdogPingIntervalMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.WATCHDOG_USEC;
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const usec = Number(text);
  if (usec <= 0) return undefined;
  return Math.max(1, Math.floor(usec / 2 / 1000));
}

export function startSystemdWatchdog(options: SystemdWatchdogOptions): SystemdWatchdog {
  const { env, clock, logger } = options;
  const notifySocket = env.NOTIFY_SOCKET;
  if (!notifySocket) return { active: false, pingIntervalMs: undefined, stop: () => {} };
  const transport = options.openTransport?.(notifySocket) ?? createSocatNotifyTransport(notifySocket, { logger });
  const intervalMs = watchdogPingIntervalMs(env);
  let timer: TimerHandle | undefined;
  let stopped = false;
  let withheld = false;

  transport.send('READY=1');
  const ping = () => {
    timer = undefined;
    if (stopped) return;
    const alive = options.isAlive?.() ?? true;
    if (alive) transport.send('WATCHDOG=1');
    if (alive === withheld) {
      withheld = !alive;
      logger.warn(alive ? 'watchdog pings resumed' : 'watchdog pings withheld: the kiosk is not alive');
    }
    if (intervalMs !== undefined) timer = clock.setTimeout(ping, intervalMs);
  };
  if (intervalMs !== undefined) {
    logger.info('systemd watchdog on', { pingIntervalMs: intervalMs });
    ping();
  }
  return {
    active: true,
    pingIntervalMs: intervalMs,
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      transport.send('STOPPING=1');
      transport.close();
    },
  };
}

export type SpawnNotifier = (command: string, args: string[]) => ChildProcess;

/** "@name" is an abstract socket (systemd's notation), anything else a path. */
export function socatAddress(notifySocket: string): string {
  return notifySocket.startsWith('@') ? `ABSTRACT-SENDTO:${notifySocket.slice(1)}` : `UNIX-SENDTO:${notifySocket}`;
}

/**
 * A socat child that turns each write on its stdin into one datagram to NOTIFY_SOCKET. If
 * socat is missing or dies, sending stops (logged once) and systemd's watchdog restarts the
 * kiosk: failing towards a restart, never towards a kiosk nobody supervises.
 */
export function createSocatNotifyTransport(
  notifySocket: string,
  options: { spawn?: SpawnNotifier; logger?: Logger } = {},
): NotifyTransport {
  const spawn: SpawnNotifier = options.spawn ?? ((command, args) => spawnChild(command, args, { stdio: ['pipe', 'ignore', 'pipe'] }));
  const child = spawn('socat', ['-u', 'STDIN', socatAddress(notifySocket)]);
  let dead = false;
  const die = (reason: string) => {
    if (dead) return;
    dead = true;
    options.logger?.error('systemd notify channel lost; the watchdog will restart the kiosk', { reason });
  };
  child.on('error', (error) => die(error.message));
  child.on('exit', (code, signal) => die(`socat exited (${signal ?? code})`));
  child.stdin?.on('error', (error) => die(error.message));
  return {
    send(message) {
      if (dead || !child.stdin || child.stdin.destroyed) return;
      child.stdin.write(`${message}\n`);
    },
    close() {
      dead = true;
      child.stdin?.end();
    },
  };
}
