import type { DeviceHealth, HeartbeatRequest, HeartbeatResponse, PlatformCommand } from '../../platform/platformApiTypes.js';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { DeviceStatus } from '../../../drivers/model/deviceStatus.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';

/** The kiosk's state as a heartbeat reports it; gathered fresh for every beat. */
export interface HeartbeatSources {
  versions: { app: string } & Record<string, string>;
  configVersion(): number | null;
  inService(): boolean;
  outOfServiceReasons(): string[];
  sessionActive(): boolean;
  devices(): DeviceStatus[];
  /** Printers whose last word on their paper was "near its end" (not yet "new roll"). */
  printersNearPaperEnd(): ReadonlySet<string>;
  outbox(): { depth: number; oldestAgeSeconds: number | null; deadLetters: number };
  diskFreeBytes(): number;
  startedAt: number;
}

export interface HeartbeatHandlers {
  /** Commands in the platform's answer (the executor runs each once by id). */
  onCommands(commands: PlatformCommand[]): void;
  /** The platform has a newer config bundle than the one applied. */
  onNewerConfig(version: number): void;
  /** After every beat, answered or not (the link state may have changed). */
  onBeat?(): void;
}

/**
 * Reports the kiosk's health at the configured interval with ±10 % jitter (so a fleet
 * restarted together does not beat in step) and hands the commands in each answer to the
 * executor. It measures the clock offset from the platform's time (midpoint of the round
 * trip) and reports it in the next beat. A failed beat is only logged: the next one comes.
 */
export class HeartbeatAgent {
  private sequence = 0;
  private clockOffsetMs: number | null = null;
  private timer: TimerHandle | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = true;
  /** Set by stop(): an answer arriving after it starts nothing (commands, config fetches). */
  private closed = false;
  private intervalMs: number;
  private lastSuccessAt: number | null = null;
  private lastAttemptOk: boolean | null = null;

  constructor(
    private readonly deps: {
      platform: Pick<PlatformClient, 'sendHeartbeat'>;
      sources: HeartbeatSources;
      handlers: HeartbeatHandlers;
      clock: Clock;
      logger: Logger;
      intervalSeconds: number;
      random?: () => number;
    },
  ) {
    this.intervalMs = deps.intervalSeconds * 1_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.closed = false;
    this.schedule(0);
  }

  /** Resolves once a beat under way has ended: nothing of the agent's runs after it (the store may close next). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /**
   * 'online' while the last heartbeat got an answer and it is at most three intervals old;
   * 'connecting' before the first answer or failure; 'offline' otherwise.
   */
  link(): { state: 'online' | 'offline' | 'connecting'; lastHeartbeatAt: number | null } {
    const fresh = this.lastSuccessAt !== null && this.deps.clock.now() - this.lastSuccessAt <= 3 * this.intervalMs;
    const state = this.lastAttemptOk === null ? 'connecting' : this.lastAttemptOk && fresh ? 'online' : 'offline';
    return { state, lastHeartbeatAt: this.lastSuccessAt };
  }

  /** The latest measured difference platform − terminal, in ms. */
  offset(): number | null {
    return this.clockOffsetMs;
  }

  request(): HeartbeatRequest {
    const { sources, clock } = this.deps;
    const inService = sources.inService();
    return {
      sentAt: new Date(clock.now()).toISOString(),
      sequence: ++this.sequence,
      versions: sources.versions,
      configVersion: sources.configVersion(),
      serviceState: inService ? 'in-service' : 'out-of-service',
      ...(inService ? {} : { outOfServiceReasons: sources.outOfServiceReasons() }),
      sessionActive: sources.sessionActive(),
      devices: sources.devices().map((d) => deviceHealth(d, sources.printersNearPaperEnd())),
      outbox: sources.outbox(),
      diskFreeBytes: sources.diskFreeBytes(),
      clockOffsetMs: this.clockOffsetMs,
      uptimeSeconds: Math.max(0, Math.floor((clock.now() - sources.startedAt) / 1_000)),
    };
  }

  /** One beat; public so tests and the command path can drive it. */
  async beat(): Promise<HeartbeatResponse | null> {
    const sentAt = this.deps.clock.now();
    const outcome = await this.deps.platform.sendHeartbeat(this.request());
    this.lastAttemptOk = outcome.kind === 'ok';
    if (outcome.kind !== 'ok') {
      this.deps.logger.warn('heartbeat not delivered', { outcome: outcome.kind, detail: outcome.kind === 'rejected' ? outcome.error.code : outcome.detail });
      return null;
    }
    const answer = outcome.value;
    const receivedAt = this.deps.clock.now();
    this.lastSuccessAt = receivedAt;
    const serverTime = Date.parse(answer.serverTime);
    if (Number.isFinite(serverTime)) this.clockOffsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2);
    if (answer.nextHeartbeatSeconds >= 5) this.intervalMs = answer.nextHeartbeatSeconds * 1_000;
    if (this.closed) return answer;
    try {
      if (answer.commands.length > 0) this.deps.handlers.onCommands(answer.commands);
      const applied = this.deps.sources.configVersion();
      if (answer.latestConfigVersion !== null && answer.latestConfigVersion > (applied ?? 0)) this.deps.handlers.onNewerConfig(answer.latestConfigVersion);
    } catch (error) {
      this.deps.logger.error('handling the heartbeat answer failed', { error: error instanceof Error ? error.message : String(error) });
    }
    return answer;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.inFlight = this.beat()
        .catch((error: unknown) => this.deps.logger.error('heartbeat failed', { error: error instanceof Error ? error.message : String(error) }))
        .then(() => {
          this.inFlight = null;
          if (this.stopped) return;
          try {
            this.deps.handlers.onBeat?.();
          } catch (error) {
            this.deps.logger.error('handling the end of a heartbeat failed', { error: error instanceof Error ? error.message : String(error) });
          }
          this.schedule(this.jittered());
        });
    }, ms);
  }

  private jittered(): number {
    const random = this.deps.random ?? Math.random;
    return Math.round(this.intervalMs * (0.9 + 0.2 * random()));
  }
}

function deviceHealth(status: DeviceStatus, paperNearEnd: ReadonlySet<string>): DeviceHealth {
  const health: DeviceHealth = { id: status.id, kind: status.kind, state: status.state, faultCode: status.fault?.code ?? null, counters: { ...status.statistics } };
  if (status.kind === 'receipt-printer') {
    if (status.fault?.code === 'paper-end') health.paper = 'out';
    else if (status.state !== 'ready' && status.state !== 'busy') health.paper = 'unknown';
    else health.paper = paperNearEnd.has(status.id) ? 'near-end' : 'ok';
  }
  return health;
}
