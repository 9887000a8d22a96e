import type { AppUpdater } from 'electron-updater';
import type { DailyWindow } from '../../config/dailyWindow.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { DownloadedUpdate, UpdateInstaller } from '../runtime/updates/updateInstaller.js';
import {
  decideAfterGrace,
  decideAtStart,
  type PendingUpdate,
  type UpdateJournal,
  type UpdateOutcome,
  type UpdateOutcomeKind,
} from '../runtime/updates/updateJournal.js';
import type { UpdateJournalStore } from '../runtime/updates/updateJournalStore.js';
import { decideInstall, decideOffer, type OfferSkipReason } from '../runtime/updates/updatePolicy.js';
import {
  isTrustedFeedUrl,
  resolveFeedBaseUrl,
  versionFeedUrl,
  type UpdateSettings,
} from '../runtime/updates/updateSettings.js';

/**
 * Software updates in the Electron shell: electron-updater (generic provider, injected) does
 * the checking, downloading and verifying (sha512 from the feed; on Windows also the
 * installer's publisher signature); the pure policy in electron/runtime/updates decides.
 *
 * - The feed is checked every updates.checkIntervalMinutes, pinned to the version approved
 *   for this terminal's group (versions/<approvedVersion>/), and the update downloads in the
 *   background.
 * - It installs only in the quiet window or when staff choose it, never during a session.
 * - Before installing, the journal records the attempt. After the restart the new version
 *   must call reportHealthy() and stay up for updates.healthGraceSeconds; if it does not (or
 *   keeps stopping before that), the previous version is downloaded from its pinned feed and
 *   installed as soon as no citizen is being served. Every outcome is reported.
 */

/** What the service uses of electron-updater's AppUpdater. */
export type UpdaterLike = Pick<
  AppUpdater,
  'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall' | 'setFeedURL' | 'autoDownload' | 'autoInstallOnAppQuit' | 'allowDowngrade'
>;

/** Read at every check, so a config bundle applied today counts at the next check. */
export interface UpdateServiceSettings {
  updates: UpdateSettings;
  quietWindow: DailyWindow;
  terminalId: string;
  /** platform.baseUrl: the default feed is <platform>/updates/. */
  platformBaseUrl: string;
}

export interface UpdateServiceOptions {
  autoUpdater: UpdaterLike;
  currentVersion: string;
  /** undefined while there is no runtime (and so no config): no new update is started then. */
  settings: () => UpdateServiceSettings | undefined;
  isSessionActive: () => boolean;
  journal: UpdateJournalStore;
  installer: UpdateInstaller;
  /** Every outcome: installed, failed, rolled back. The lead wires it to audit and platform. */
  report: (outcome: UpdateOutcome) => void;
  clock: Clock;
  logger: Logger;
  tickIntervalMs?: number;
  /** Delay of the first feed check after start (the runtime comes up meanwhile). */
  firstCheckDelayMs?: number;
  /** How long to wait for the installer to restart the app before calling the attempt failed. */
  installTimeoutMs?: number;
  /** Pause between attempts to fetch the previous version for a rollback. */
  rollbackRetryMs?: number;
}

export type CheckOutcome =
  | 'downloaded'
  | 'up-to-date'
  | 'no-settings'
  | 'busy'
  | 'untrusted-feed'
  | 'failed'
  | OfferSkipReason;

export type StaffInstallOutcome = 'installing' | 'nothing-downloaded' | 'session-active' | 'busy';

export type UpdateServiceState =
  | 'idle'
  | 'checking'
  | 'downloaded'
  | 'installing'
  | 'verifying'
  | 'rolling-back';

export interface UpdateServiceStatus {
  state: UpdateServiceState;
  currentVersion: string;
  /** The version downloaded, being installed, verified or rolled back from. */
  version?: string;
  lastCheck?: { atMs: number; outcome: CheckOutcome; detail?: string };
}

export const UPDATE_TICK_MS = 60_000;
export const FIRST_UPDATE_CHECK_DELAY_MS = 60_000;
export const INSTALL_TIMEOUT_MS = 10 * 60_000;
export const ROLLBACK_RETRY_MS = 5 * 60_000;

export class UpdateService {
  private timer: TimerHandle | undefined;
  private graceTimer: TimerHandle | undefined;
  private installTimer: TimerHandle | undefined;
  private running = false;
  private busy = false;
  private installing = false;
  private healthy = false;
  private verifying: PendingUpdate | undefined;
  private rollback: PendingUpdate | undefined;
  private downloaded: { update: DownloadedUpdate; rollback: boolean } | undefined;
  private nextCheckAtMs = 0;
  private nextRollbackAtMs = 0;
  private lastCheck: UpdateServiceStatus['lastCheck'];

  constructor(private readonly options: UpdateServiceOptions) {
    const { autoUpdater } = options;
    // The policy decides what to download and when to install; electron-updater never on its own.
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
  }

  /** Settles the update recorded before this start, then checks periodically. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const { clock, logger } = this.options;
    const { journal, problem } = this.options.journal.read();
    if (problem) logger.warn('update journal unreadable; starting afresh', { problem });
    const decision = decideAtStart(journal, this.options.currentVersion, clock.now(), this.options.installer.takeResult());
    this.writeJournal(decision.journal);
    switch (decision.action) {
      case 'report':
        this.emit(decision.outcome);
        break;
      case 'verify':
        this.beginVerification(decision.pending);
        break;
      case 'rollback':
        this.beginRollback(decision.pending);
        break;
      case 'none':
        break;
    }
    this.nextCheckAtMs = clock.now() + (this.options.firstCheckDelayMs ?? FIRST_UPDATE_CHECK_DELAY_MS);
    this.scheduleTick();
  }

  stop(): void {
    this.running = false;
    for (const timer of [this.timer, this.graceTimer, this.installTimer]) {
      if (timer !== undefined) this.options.clock.clearTimeout(timer);
    }
    this.timer = this.graceTimer = this.installTimer = undefined;
  }

  /** The app is up: runtime created, kiosk page loaded. Counts once the grace period ends. */
  reportHealthy(): void {
    this.healthy = true;
  }

  status(): UpdateServiceStatus {
    const base = { currentVersion: this.options.currentVersion, ...(this.lastCheck ? { lastCheck: this.lastCheck } : {}) };
    if (this.installing) return { ...base, state: 'installing', ...this.versionField(this.downloaded?.update.version) };
    if (this.rollback) return { ...base, state: 'rolling-back', version: this.rollback.toVersion };
    if (this.verifying) return { ...base, state: 'verifying', version: this.verifying.toVersion };
    if (this.downloaded) return { ...base, state: 'downloaded', version: this.downloaded.update.version };
    return { ...base, state: this.busy ? 'checking' : 'idle' };
  }

  /** Staff chose "install the update now" in maintenance mode. */
  async installNow(): Promise<StaffInstallOutcome> {
    if (!this.downloaded) return 'nothing-downloaded';
    if (this.installing || this.busy) return 'busy';
    const decision = decideInstall({
      now: new Date(this.options.clock.now()),
      quietWindow: { start: '00:00', end: '00:00' },
      sessionActive: this.options.isSessionActive(),
      staffRequested: true,
      rollback: this.downloaded.rollback,
    });
    if (decision !== 'install') return 'session-active';
    await this.install();
    return 'installing';
  }

  /** One check of the feed (the periodic tick calls it; exposed for "check now" and tests). */
  async checkNow(): Promise<CheckOutcome> {
    const outcome = await this.check();
    this.lastCheck = { atMs: this.options.clock.now(), ...outcome };
    if (outcome.outcome !== 'busy') {
      const settings = this.options.settings();
      const intervalMs = (settings?.updates.checkIntervalMinutes ?? 60) * 60_000;
      this.nextCheckAtMs = this.options.clock.now() + intervalMs;
    }
    return outcome.outcome;
  }

  /** One pass of the scheduler: install when allowed, fetch a rollback, or check. */
  async tick(): Promise<void> {
    if (this.installing || this.busy) return;
    const now = this.options.clock.now();
    if (this.downloaded) {
      await this.maybeInstall();
      return;
    }
    if (this.rollback) {
      if (now >= this.nextRollbackAtMs) await this.downloadRollback(this.rollback);
      return;
    }
    if (this.verifying) return; // no new update while the last one proves itself
    if (now >= this.nextCheckAtMs) await this.checkNow();
  }

  private versionField(version: string | undefined): { version?: string } {
    return version === undefined ? {} : { version };
  }

  private scheduleTick(): void {
    if (!this.running) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      this.tick()
        .catch((error: unknown) => this.options.logger.error('update tick failed', { error: errorMessage(error) }))
        .finally(() => this.scheduleTick());
    }, this.options.tickIntervalMs ?? UPDATE_TICK_MS);
  }

  private async check(): Promise<{ outcome: CheckOutcome; detail?: string }> {
    if (this.busy || this.installing || this.downloaded || this.rollback || this.verifying) return { outcome: 'busy' };
    const settings = this.options.settings();
    if (!settings) return { outcome: 'no-settings' };
    const { updates } = settings;
    const approved = updates.approvedVersion;
    // Decide on the approved version before touching the network: most checks end here.
    const before = this.offer(settings, approved ?? '');
    if (!before.take) return { outcome: before.reason };
    const feedUrl = resolveFeedBaseUrl(updates, settings.platformBaseUrl);
    if (!isTrustedFeedUrl(feedUrl)) {
      this.options.logger.warn('update feed refused: not https', { feedUrl });
      return { outcome: 'untrusted-feed', detail: feedUrl };
    }
    const pinnedFeed = versionFeedUrl(feedUrl, approved ?? '');
    const { autoUpdater, logger } = this.options;
    this.busy = true;
    let offered: string | undefined;
    try {
      autoUpdater.allowDowngrade = false;
      autoUpdater.setFeedURL({ provider: 'generic', url: pinnedFeed });
      const result = await autoUpdater.checkForUpdates();
      if (!result || !result.isUpdateAvailable) return { outcome: 'up-to-date' };
      offered = result.updateInfo.version;
      const decision = this.offer(settings, offered);
      if (!decision.take) return { outcome: decision.reason, detail: `feed offers ${offered}` };
      logger.info('downloading update', { version: offered });
      const files = await autoUpdater.downloadUpdate();
      this.downloaded = {
        update: { version: offered, files, fileUrl: fileUrlOf(result.updateInfo, pinnedFeed), feedUrl },
        rollback: false,
      };
      logger.info('update downloaded and verified', { version: offered });
      return { outcome: 'downloaded' };
    } catch (error) {
      const detail = errorMessage(error);
      logger.warn('update check or download failed', { version: offered ?? approved, error: detail });
      // A failed download (a checksum mismatch among them) is reported; an unreachable feed is not news.
      if (offered !== undefined) this.emitNow('download-failed', offered, detail);
      return { outcome: 'failed', detail };
    } finally {
      this.busy = false;
    }
  }

  private offer(settings: UpdateServiceSettings, offeredVersion: string) {
    return decideOffer({
      currentVersion: this.options.currentVersion,
      offeredVersion,
      settings: settings.updates,
      terminalId: settings.terminalId,
      badVersions: this.options.journal.read().journal.badVersions,
    });
  }

  private async maybeInstall(): Promise<void> {
    const downloaded = this.downloaded;
    if (!downloaded) return;
    const settings = this.options.settings();
    if (!downloaded.rollback) {
      if (!settings) return;
      // An approval withdrawn (or narrowed) after the download: drop the update.
      const decision = this.offer(settings, downloaded.update.version);
      if (!decision.take) {
        this.options.logger.info('downloaded update no longer approved; discarded', { version: downloaded.update.version, reason: decision.reason });
        this.downloaded = undefined;
        return;
      }
    }
    const decision = decideInstall({
      now: new Date(this.options.clock.now()),
      quietWindow: settings?.quietWindow ?? { start: '03:00', end: '04:00' },
      sessionActive: this.options.isSessionActive(),
      staffRequested: false,
      rollback: downloaded.rollback,
    });
    if (decision === 'install') await this.install();
  }

  private async install(): Promise<void> {
    const downloaded = this.downloaded;
    if (!downloaded || this.installing) return;
    const { clock, logger } = this.options;
    const journal = this.options.journal.read().journal;
    if (!downloaded.rollback) {
      const settings = this.options.settings()?.updates;
      this.writeJournal({
        ...journal,
        pending: {
          phase: 'installing',
          fromVersion: this.options.currentVersion,
          toVersion: downloaded.update.version,
          feedUrl: downloaded.update.feedUrl,
          startedAtMs: clock.now(),
          unhealthyStarts: 0,
          healthGraceSeconds: settings?.healthGraceSeconds ?? 300,
          maxUnhealthyStarts: settings?.maxUnhealthyStarts ?? 3,
        },
      });
    }
    this.installing = true;
    logger.info(downloaded.rollback ? 'installing the previous version (rollback)' : 'installing update', {
      version: downloaded.update.version,
      installer: this.options.installer.kind,
    });
    try {
      await this.options.installer.install(downloaded.update);
    } catch (error) {
      this.installFailed(errorMessage(error));
      return;
    }
    // The installer now stops and restarts the app; if nothing happens, the attempt failed.
    this.installTimer = clock.setTimeout(() => {
      this.installTimer = undefined;
      this.installFailed('the installer did not restart the app');
    }, this.options.installTimeoutMs ?? INSTALL_TIMEOUT_MS);
  }

  private installFailed(detail: string): void {
    const downloaded = this.downloaded;
    this.installing = false;
    this.downloaded = undefined;
    if (!downloaded) return;
    this.options.logger.error('update install failed', { version: downloaded.update.version, error: detail });
    if (downloaded.rollback && this.rollback) {
      this.emitNow('rollback-failed', this.rollback.toVersion, detail, this.rollback.fromVersion);
      this.nextRollbackAtMs = this.options.clock.now() + (this.options.rollbackRetryMs ?? ROLLBACK_RETRY_MS);
      return;
    }
    const journal = this.options.journal.read().journal;
    this.writeJournal({ badVersions: journal.badVersions });
    this.emitNow('install-failed', downloaded.update.version, detail);
  }

  private beginVerification(pending: PendingUpdate): void {
    this.verifying = pending;
    this.healthy = false;
    this.options.logger.info('verifying the new version', { version: pending.toVersion, graceSeconds: pending.healthGraceSeconds });
    this.graceTimer = this.options.clock.setTimeout(() => {
      this.graceTimer = undefined;
      this.verifying = undefined;
      const verdict = decideAfterGrace(this.options.journal.read().journal, this.healthy, this.options.clock.now());
      if (verdict.action === 'keep') {
        this.writeJournal(verdict.journal);
        this.emit(verdict.outcome);
      } else if (verdict.action === 'rollback') {
        this.writeJournal(verdict.journal);
        this.beginRollback(verdict.pending);
      }
    }, pending.healthGraceSeconds * 1000);
  }

  private beginRollback(pending: PendingUpdate): void {
    this.rollback = pending;
    this.nextRollbackAtMs = this.options.clock.now();
    this.options.logger.warn('rolling back', { from: pending.toVersion, to: pending.fromVersion, reason: pending.rollbackReason });
    // Fetch at once rather than at the next tick: an unhealthy version should not linger.
    void this.downloadRollback(pending);
  }

  private async downloadRollback(pending: PendingUpdate): Promise<void> {
    if (this.busy || this.downloaded) return;
    const { autoUpdater, logger } = this.options;
    this.busy = true;
    try {
      autoUpdater.allowDowngrade = true;
      const pinnedFeed = versionFeedUrl(pending.feedUrl, pending.fromVersion);
      autoUpdater.setFeedURL({ provider: 'generic', url: pinnedFeed });
      const result = await autoUpdater.checkForUpdates();
      const offered = result?.updateInfo.version;
      if (!result || !result.isUpdateAvailable || offered !== pending.fromVersion) {
        throw new Error(`the feed does not offer ${pending.fromVersion} (it offers ${offered ?? 'nothing'})`);
      }
      const files = await autoUpdater.downloadUpdate();
      this.downloaded = {
        update: { version: offered, files, fileUrl: fileUrlOf(result.updateInfo, pinnedFeed), feedUrl: pending.feedUrl },
        rollback: true,
      };
      logger.info('previous version downloaded for rollback', { version: offered });
    } catch (error) {
      const detail = errorMessage(error);
      logger.error('rollback download failed', { version: pending.fromVersion, error: detail });
      this.emitNow('rollback-failed', pending.toVersion, detail, pending.fromVersion);
      this.nextRollbackAtMs = this.options.clock.now() + (this.options.rollbackRetryMs ?? ROLLBACK_RETRY_MS);
    } finally {
      this.busy = false;
    }
    if (this.downloaded) await this.maybeInstall();
  }

  private writeJournal(journal: UpdateJournal): void {
    try {
      this.options.journal.write(journal);
    } catch (error) {
      this.options.logger.error('update journal could not be written', { error: errorMessage(error) });
    }
  }

  private emitNow(kind: UpdateOutcomeKind, toVersion: string, detail: string, fromVersion = this.options.currentVersion): void {
    this.emit({ kind, fromVersion, toVersion, atMs: this.options.clock.now(), detail });
  }

  private emit(outcome: UpdateOutcome): void {
    const level = outcome.kind === 'installed' ? 'info' : 'warn';
    this.options.logger[level]('update outcome', { ...outcome });
    try {
      this.options.report(outcome);
    } catch (error) {
      this.options.logger.error('update outcome could not be reported', { error: errorMessage(error) });
    }
  }
}

/** The installer's absolute URL: the feed lists it relative to the feed directory. */
function fileUrlOf(info: { files: readonly { url: string }[]; path?: string }, feedUrl: string): string {
  const relative = info.files[0]?.url ?? info.path ?? '';
  return new URL(relative, feedUrl).href;
}

/** Installs through electron-updater itself: for machines where the app may install software. */
export function quitAndInstallInstaller(
  autoUpdater: Pick<AppUpdater, 'quitAndInstall'>,
  options: { restartViaSupervisor: boolean },
): UpdateInstaller {
  return {
    kind: 'electron-updater-quit-and-install',
    install: async () => {
      // Silent; relaunch only when no supervisor restarts the app (systemd, Shell Launcher).
      autoUpdater.quitAndInstall(true, !options.restartViaSupervisor);
    },
    takeResult: () => undefined,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
