import { statfsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { TerminalConfig } from '../../../config/terminalConfigSchema.js';
import { loadTerminalCredential } from '../../platform/loadTerminalCredential.js';
import type { ConfigAcknowledgementRequest } from '../../platform/platformApiTypes.js';
import { createPlatformClient, type PlatformClient, type TerminalCredential } from '../../platform/platformClient.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import type { BundleOutcome } from '../configBundles/bundleOutcome.js';
import type { Logger } from '../logger.js';
import type { SystemNotices } from '../store/systemNotices.js';
import { OutboxStore } from '../outbox/outboxStore.js';
import { watchClockOffset } from './clockOffsetWatch.js';
import { CommandExecutor, type CommandTarget } from './commandExecutor.js';
import { HeartbeatAgent, type HeartbeatSources } from './heartbeatAgent.js';
import { OutboxDeliveryAgent } from './outboxDeliveryAgent.js';
import { retryDelayMs } from './retryBackoff.js';

export interface PlatformSyncDeps {
  config: TerminalConfig;
  db: Database.Database;
  clock: Clock;
  logger: Logger;
  audit: AuditSink;
  notices: Pick<SystemNotices, 'record' | 'resolve'>;
  dataDir: string;
  sources: Omit<HeartbeatSources, 'outbox' | 'diskFreeBytes'>;
  target: CommandTarget;
  /** Hands a bundle fetched from the platform to the config-bundle applier. */
  offerBundle(bundle: unknown): Promise<unknown>;
  /** After every heartbeat: the platform link may have come up or gone down. */
  onLinkChange?: () => void;
  /** A credential to use instead of the configured one (the embedded demo simulator's). */
  credentialOverride?: TerminalCredential;
}

export interface PlatformSync {
  readonly client: PlatformClient;
  readonly outbox: OutboxStore;
  readonly delivery: OutboxDeliveryAgent;
  readonly heartbeat: HeartbeatAgent;
  readonly commands: CommandExecutor;
  /** New facts are in the outbox: deliver soon. */
  wake(): void;
  stop(): Promise<void>;
}

export const PLATFORM_NOT_CONFIGURED = 'platform.not-configured';

/**
 * The terminal's link to the platform, put together: registration, outbox delivery,
 * heartbeats, remote commands and config bundles. Returns null (with a notice for staff) when
 * the terminal has no usable credential: the kiosk still serves what needs no platform.
 */
export function startPlatformSync(deps: PlatformSyncDeps): PlatformSync | null {
  const { config, clock, logger } = deps;
  let credential = deps.credentialOverride;
  if (!credential) {
    if (!config.platform.credential) {
      deps.notices.record(PLATFORM_NOT_CONFIGURED, 'No platform credential is configured (platform.credential): nothing is sent to the platform.');
      logger.warn('platform sync off: no credential configured');
      return null;
    }
    const loaded = loadTerminalCredential(config.platform.credential);
    if (!loaded.ok) {
      deps.notices.record(PLATFORM_NOT_CONFIGURED, loaded.problem.message.en);
      logger.error('platform sync off: credential unusable', { code: loaded.problem.code });
      return null;
    }
    credential = loaded.credential;
  }
  let client: PlatformClient;
  try {
    client = createPlatformClient({
      baseUrl: config.platform.baseUrl,
      credential,
      timeoutMs: config.platform.requestTimeoutSeconds * 1_000,
      ...(config.platform.caFile ? { caFile: config.platform.caFile } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.notices.record(PLATFORM_NOT_CONFIGURED, message);
    logger.error('platform sync off: client could not be created', { error: message });
    return null;
  }

  const outbox = new OutboxStore(deps.db, clock);
  const delivery = new OutboxDeliveryAgent({ outbox, platform: client, clock, logger });
  const commands = new CommandExecutor(deps.db, { target: deps.target, platform: client, audit: deps.audit, clock, logger });
  commands.recover();
  let fetchingConfig = false;
  const clockWatch = watchClockOffset({ notices: deps.notices, audit: deps.audit });
  const heartbeat: HeartbeatAgent = new HeartbeatAgent({
    platform: client,
    sources: {
      ...deps.sources,
      outbox: () => outbox.health(),
      diskFreeBytes: () => diskFree(deps.dataDir),
    },
    handlers: {
      onCommands: (list) => void commands.accept(list),
      onNewerConfig: (version) => {
        if (fetchingConfig) return;
        fetchingConfig = true;
        void client
          .fetchLatestConfigBundle(version - 1)
          .then(async (outcome) => {
            if (outcome.kind === 'ok' && outcome.value.bundle) await deps.offerBundle(outcome.value.bundle.bundle);
          })
          .catch((error: unknown) => logger.error('fetching the config bundle failed', { error: String(error) }))
          .finally(() => (fetchingConfig = false));
      },
      onBeat: () => {
        clockWatch(heartbeat.offset());
        deps.onLinkChange?.();
      },
    },
    clock,
    logger,
    intervalSeconds: config.platform.heartbeatSeconds,
  });

  let stopped = false;
  let registrationTimer: ReturnType<Clock['setTimeout']> | null = null;
  const register = async (attempt: number): Promise<void> => {
    if (stopped) return;
    const outcome = await client.registerTerminal({
      terminalId: config.terminalId,
      groups: config.remoteConfig?.groups ?? [],
      hallName: config.hall.name['zh-CN'],
      versions: deps.sources.versions,
      configVersion: deps.sources.configVersion(),
      devices: deps.sources.devices().map((d) => ({ id: d.id, kind: d.kind })),
    });
    if (outcome.kind === 'ok') {
      logger.info('registered with the platform', { firstRegistration: outcome.value.firstRegistration });
      delivery.start();
      heartbeat.start();
      void acknowledgeConfigOutcomes().catch(() => undefined);
      return;
    }
    const delay = retryDelayMs(attempt, { baseMs: 2_000, maxMs: 5 * 60_000 });
    logger.warn('platform registration failed; retrying', { outcome: outcome.kind, retryInMs: delay });
    registrationTimer = clock.setTimeout(() => void register(attempt + 1), delay);
  };
  void register(0);

  /** Config-bundle outcomes travel to their own endpoint, one by one, until acknowledged. */
  const acknowledgeConfigOutcomes = async (): Promise<void> => {
    for (const row of outbox.next(['config-outcome'], 20)) {
      const outcome = row.payload as unknown as BundleOutcome;
      // Held bundles are not outcomes yet; a bundle too malformed to carry a version has no endpoint to go to.
      if (outcome.outcome === 'held' || outcome.version === null) {
        outbox.acknowledge([row.eventId]);
        continue;
      }
      const body: ConfigAcknowledgementRequest = {
        outcome: outcome.outcome,
        acknowledgedAt: new Date(clock.now()).toISOString(),
        runningVersion: deps.sources.configVersion(),
        ...(outcome.outcome === 'applied' ? {} : { reason: { code: outcome.code, message: outcome.message, details: outcome.problems } }),
      };
      const sent = await client.acknowledgeConfigBundle(outcome.version, body);
      if (sent.kind === 'ok' || (sent.kind === 'rejected' && !sent.error.retryable)) outbox.acknowledge([row.eventId]);
      else return;
    }
  };
  const acknowledgeTimer = setInterval(() => void acknowledgeConfigOutcomes().catch(() => undefined), 30_000);
  acknowledgeTimer.unref?.();

  return {
    client,
    outbox,
    delivery,
    heartbeat,
    commands,
    wake: () => {
      delivery.wake();
      void acknowledgeConfigOutcomes().catch(() => undefined);
    },
    stop: async () => {
      stopped = true;
      if (registrationTimer) clock.clearTimeout(registrationTimer);
      clearInterval(acknowledgeTimer);
      await heartbeat.stop();
      await delivery.stop();
      client.close();
    },
  };
}

function diskFree(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return 0;
  }
}
