import type Database from 'better-sqlite3';
import type { BundleRejection } from '../../../config/bundles/bundleRejection.js';
import type { LocalBundleContext } from '../../../config/bundles/localBundleContext.js';
import { adminKeyIdSchema } from '../../../config/bundles/remoteConfigSettingsSchema.js';
import { verifyConfigBundle, type AuthenticBundle } from '../../../config/bundles/verifyConfigBundle.js';
import { formatConfigProblem } from '../../../config/configProblem.js';
import type { TerminalConfig } from '../../../config/terminalConfigSchema.js';
import type { LastGoodConfigStore } from '../activeConfig.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock, TimerHandle } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { BundleOutcome, NewBundleOutcome, RollbackCode } from './bundleOutcome.js';
import { ConfigBundleRepository } from './configBundleRepository.js';
import { waitForHealthy, type HealthProbe, type HealthWaitHandle } from './healthProbe.js';

/** A new effective config for the runtime to run with from now on. */
export interface ConfigChange {
  config: TerminalConfig;
  /** Layer names, lowest first, e.g. ["built-in defaults", "/etc/kiosk/terminal.json", "remote bundle v7"]. */
  sources: string[];
  /** The remote bundle version now in force; null when only the local layers are. */
  remoteVersion: number | null;
  cause: 'bundle-applied' | 'bundle-rolled-back';
}

export interface ConfigBundleApplierOptions {
  /** The kiosk database (store.db), migrated to schema 3 or later. */
  db: Database.Database;
  audit: AuditSink;
  clock: Clock;
  /** The terminal's own layers, identity and trust; asked afresh for every bundle. */
  localContext: () => LocalBundleContext;
  /** The config the kiosk runs with now: what a rollback restores. */
  runningConfig: () => { config: TerminalConfig; sources: string[] };
  /** Must switch the running kiosk to the config (a restart is not a way to apply: see start()). */
  onConfigChanged: (change: ConfigChange) => void;
  probeHealth: HealthProbe;
  /** Hands an outcome to the sync agent. May be called again for the same outcome id until it succeeds. */
  acknowledge: (outcome: BundleOutcome) => void | Promise<void>;
  /** Updated with the confirmed effective config (store.lastGoodConfig). */
  lastGoodConfig?: LastGoodConfigStore;
  logger?: Logger;
  /** How often the health probe is asked during the grace time (default 5 s). */
  healthPollMs?: number;
}

/** setTimeout cannot wait longer than 2^31-1 ms; a far activation is re-checked daily. */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

/**
 * Applies signed config bundles: verifies each with verifyConfigBundle, holds future ones until
 * their activation time, applies the rest atomically (bundle and effective config in one
 * transaction), waits for the kiosk to report healthy and rolls back if it does not. Every
 * outcome is audited, stored and acknowledged. One bundle at a time: offers queue up.
 */
export class ConfigBundleApplier {
  private readonly repo: ConfigBundleRepository;
  private readonly logger: Logger;
  private queue: Promise<unknown> = Promise.resolve();
  private activationTimer: TimerHandle | null = null;
  private trialWait: HealthWaitHandle | null = null;
  private disposed = false;

  constructor(private readonly options: ConfigBundleApplierOptions) {
    this.repo = new ConfigBundleRepository(options.db, options.clock);
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Call once at boot, after the runtime has loaded its config (with readAppliedRemoteLayer).
   * A bundle still on trial means the kiosk restarted before that bundle proved healthy: it is
   * recorded as rolled back (the kiosk already booted without it). Then re-arms held bundles
   * and re-sends outcomes the platform has not been told of.
   */
  start(): Promise<BundleOutcome[]> {
    return this.serial(async () => {
      const interrupted = this.abandonInterruptedTrial();
      this.scheduleActivation();
      await this.retryAcknowledgements();
      return interrupted ? [interrupted] : [];
    });
  }

  /** A bundle from the platform: its JSON text, bytes or parsed document. Resolves with what became of it. */
  offer(bundle: unknown): Promise<BundleOutcome> {
    return this.serial(() => this.process(bundle));
  }

  /** Applies (or rejects) every held bundle whose activation time has come, oldest version first. */
  activateDue(): Promise<BundleOutcome[]> {
    return this.serial(async () => {
      const now = this.options.clock.now();
      const due = this.repo
        .heldBundles()
        .filter((held) => held.activateAt <= now)
        .sort((a, b) => a.version - b.version);
      const outcomes: BundleOutcome[] = [];
      for (const held of due) {
        const outcome = await this.process(parseStored(held.document));
        // Whatever refused it (even before its signature was checked, e.g. its key was withdrawn),
        // a due bundle leaves the hold, or it would be retried for ever.
        this.repo.transaction(() => {
          if (this.repo.versionRecord(held.version)?.status === 'held') this.repo.setVersionStatus(held.version, 'rejected');
          this.repo.removeHeld(held.version);
        });
        outcomes.push(outcome);
      }
      this.scheduleActivation();
      return outcomes;
    });
  }

  /** Sends every outcome not yet acknowledged; returns how many are still waiting. */
  async retryAcknowledgements(): Promise<number> {
    let waiting = 0;
    for (const outcome of this.repo.unacknowledgedOutcomes()) {
      if (!(await this.deliver(outcome))) waiting++;
    }
    return waiting;
  }

  /** Stops timers. A trial in progress stays on record and is rolled back by the next start(). */
  dispose(): void {
    this.disposed = true;
    if (this.activationTimer) this.options.clock.clearTimeout(this.activationTimer);
    this.activationTimer = null;
    this.trialWait?.cancel();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.disposed) throw new Error('the config bundle applier has been stopped');
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(input: unknown): Promise<BundleOutcome> {
    // Normally done by start(); a bundle offered before it must not stack a second trial.
    const interrupted = this.abandonInterruptedTrial();
    if (interrupted) await this.deliver(interrupted);
    const local = this.options.localContext();
    if (!local.ok) {
      return this.reject(input, null, {
        code: 'local-config-invalid',
        message: `this terminal's own config has ${local.problems.length} problem(s), so it accepts no bundle until staff fix it: ${local.problems.slice(0, 3).map(formatConfigProblem).join('; ')}`,
        problems: local.problems,
      });
    }
    const verdict = verifyConfigBundle(input, {
      terminalId: local.terminalId,
      settings: local.settings,
      localLayers: local.layers,
      history: this.repo.history(),
      now: this.options.clock.now(),
    });
    switch (verdict.kind) {
      case 'reject':
        return this.reject(input, verdict.authentic, verdict.rejection);
      case 'hold':
        return this.hold(verdict.authentic, verdict.activateAt);
      case 'apply':
        return this.apply(verdict.authentic, verdict.config, verdict.sources, local.settings.healthGraceSeconds);
    }
  }

  /** A trial row left by an earlier run: the kiosk restarted before that bundle proved healthy. */
  private abandonInterruptedTrial(): BundleOutcome | null {
    const trial = this.repo.trial();
    if (!trial) return null;
    const restored = this.repo.confirmed();
    const record = this.repo.versionRecord(trial.version);
    const message = `the terminal restarted before bundle v${trial.version} proved healthy; it runs on ${restored ? `bundle v${restored.version}` : 'its local config'} again`;
    return this.repo.transaction(() => {
      this.repo.rollBack(trial.version, 'restarted-during-trial', message);
      this.repo.setVersionStatus(trial.version, 'rolled-back');
      return this.recordOutcome(
        {
          outcome: 'rolled-back',
          version: trial.version,
          keyId: record?.keyId ?? null,
          digest: record?.digest ?? null,
          code: 'restarted-during-trial',
          message,
          restoredVersion: restored?.version ?? null,
          problems: [],
        },
        'system',
      );
    });
  }

  private async reject(input: unknown, authentic: AuthenticBundle | null, rejection: BundleRejection): Promise<BundleOutcome> {
    const claimed = authentic ? { version: authentic.bundle.version, keyId: authentic.bundle.keyId } : claimedIdentity(input);
    const outcome = this.repo.transaction(() => {
      if (authentic) {
        const { version } = authentic.bundle;
        const seen = this.repo.history().seen(version);
        if (!seen) this.repo.rememberVersion(version, authentic.digest, authentic.bundle.keyId, 'rejected');
        if (seen?.status === 'held' && seen.digest === authentic.digest) {
          // A held bundle that no longer passes when due (superseded, key withdrawn, config changed).
          this.repo.setVersionStatus(version, 'rejected');
          this.repo.removeHeld(version);
        }
      }
      return this.recordOutcome(
        {
          outcome: 'rejected',
          ...claimed,
          digest: authentic?.digest ?? null,
          code: rejection.code,
          message: rejection.message,
          problems: rejection.problems?.map(formatConfigProblem) ?? rejection.fields ?? [],
        },
        'remote-admin',
      );
    });
    this.logger.warn('config bundle rejected', { version: claimed.version, code: rejection.code });
    await this.deliver(outcome);
    return outcome;
  }

  private async hold(authentic: AuthenticBundle, activateAt: number): Promise<BundleOutcome> {
    const { bundle, digest, document } = authentic;
    const outcome = this.repo.transaction(() => {
      this.repo.rememberVersion(bundle.version, digest, bundle.keyId, 'held');
      this.repo.hold(bundle.version, JSON.stringify(document), activateAt);
      return this.recordOutcome(
        { outcome: 'held', version: bundle.version, keyId: bundle.keyId, digest, activateAt: new Date(activateAt).toISOString() },
        'remote-admin',
      );
    });
    this.scheduleActivation();
    await this.deliver(outcome);
    return outcome;
  }

  private async apply(authentic: AuthenticBundle, config: TerminalConfig, sources: string[], graceSeconds: number): Promise<BundleOutcome> {
    const { bundle, digest, document } = authentic;
    const previous = this.options.runningConfig();
    const previousVersion = this.repo.confirmed()?.version ?? null;
    const base = { version: bundle.version, keyId: bundle.keyId, digest };

    this.repo.transaction(() => {
      this.repo.rememberVersion(bundle.version, digest, bundle.keyId, 'trial');
      this.repo.setVersionStatus(bundle.version, 'trial');
      this.repo.removeHeld(bundle.version);
      this.repo.startTrial(bundle.version, JSON.stringify(document), JSON.stringify(bundle.config), JSON.stringify(config));
      this.options.audit.append({
        actor: 'remote-admin',
        action: 'config.bundle.trial-started',
        detail: { ...base, graceSeconds, fields: Object.keys(bundle.config) },
      });
    });

    const rollBack = (code: RollbackCode, message: string, problems: string[]) =>
      this.rollBack(bundle.version, { ...base, code, message, problems, restoredVersion: previousVersion }, previous);

    try {
      this.options.onConfigChanged({ config, sources, remoteVersion: bundle.version, cause: 'bundle-applied' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return rollBack('apply-failed', `the kiosk could not take bundle v${bundle.version}: ${reason}`, [reason]);
    }

    this.trialWait = waitForHealthy(this.options.probeHealth, this.options.clock, graceSeconds * 1000, this.options.healthPollMs ?? 5000);
    const health = await this.trialWait.result;
    this.trialWait = null;
    if (health.kind === 'cancelled') {
      throw new Error(`stopped while bundle v${bundle.version} was on trial; the next start rolls it back`);
    }
    if (health.kind === 'unhealthy') {
      return rollBack(
        'unhealthy',
        `the kiosk did not report healthy within ${graceSeconds} s of applying bundle v${bundle.version}: ${health.problems.join('; ')}`,
        health.problems,
      );
    }

    const outcome = this.repo.transaction(() => {
      this.repo.confirm(bundle.version);
      this.repo.setVersionStatus(bundle.version, 'applied');
      this.options.lastGoodConfig?.save(JSON.stringify(config), `bundle:${bundle.version}`);
      return this.recordOutcome({ outcome: 'applied', ...base }, 'remote-admin');
    });
    this.logger.info('config bundle applied', { version: bundle.version });
    await this.deliver(outcome);
    return outcome;
  }

  private async rollBack(
    version: number,
    details: Omit<Extract<NewBundleOutcome, { outcome: 'rolled-back' }>, 'outcome'>,
    previous: { config: TerminalConfig; sources: string[] },
  ): Promise<BundleOutcome> {
    // The running config first: if recording fails, the kiosk is still back on what worked (and
    // the trial row left behind is rolled back by the next start()).
    try {
      this.options.onConfigChanged({
        config: previous.config,
        sources: previous.sources,
        remoteVersion: details.restoredVersion,
        cause: 'bundle-rolled-back',
      });
    } catch (error) {
      this.logger.error('could not restore the previous config after a bad bundle', {
        version,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    const outcome = this.repo.transaction(() => {
      this.repo.rollBack(version, details.code, details.message);
      this.repo.setVersionStatus(version, 'rolled-back');
      return this.recordOutcome({ outcome: 'rolled-back', ...details }, 'system');
    });
    this.logger.error('config bundle rolled back', { version, code: details.code });
    await this.deliver(outcome);
    return outcome;
  }

  /** Inside the caller's transaction: the stored outcome and its audit entry stand or fall together. */
  private recordOutcome(outcome: NewBundleOutcome, actor: 'remote-admin' | 'system'): BundleOutcome {
    const stored = this.repo.recordOutcome(outcome);
    const { at: _at, outcome: kind, id, ...detail } = stored;
    this.options.audit.append({ actor, action: `config.bundle.${kind}`, detail: { outcomeId: id, ...detail } });
    return stored;
  }

  private async deliver(outcome: BundleOutcome): Promise<boolean> {
    try {
      await this.options.acknowledge(outcome);
      this.repo.markAcknowledged(outcome.id);
      return true;
    } catch (error) {
      this.logger.warn('config bundle outcome not acknowledged yet; it will be sent again', {
        outcomeId: outcome.id,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  private scheduleActivation(): void {
    if (this.activationTimer) this.options.clock.clearTimeout(this.activationTimer);
    this.activationTimer = null;
    const next = this.repo.heldBundles()[0];
    if (!next || this.disposed) return;
    const delay = Math.max(0, Math.min(next.activateAt - this.options.clock.now(), MAX_TIMER_MS));
    this.activationTimer = this.options.clock.setTimeout(() => {
      this.activationTimer = null;
      this.activateDue().catch((error: unknown) =>
        this.logger.error('activating held config bundles failed', { error: error instanceof Error ? error.message : String(error) }),
      );
    }, delay);
  }
}

/** A bundle kept in the database; text that no longer parses is offered as is and rejected as malformed. */
function parseStored(document: string): unknown {
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return document;
  }
}

/** Version and key id as the bundle states them, for reporting a bundle that did not verify. */
function claimedIdentity(input: unknown): { version: number | null; keyId: string | null } {
  let document = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input);
    } catch {
      return { version: null, keyId: null };
    }
  }
  if (typeof document !== 'object' || document === null) return { version: null, keyId: null };
  const { version, keyId } = document as Record<string, unknown>;
  return {
    version: typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : null,
    keyId: adminKeyIdSchema.safeParse(keyId).success ? (keyId as string) : null,
  };
}
