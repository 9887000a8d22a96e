import { describe, expect, it } from 'vitest';
import { compareReleaseVersions } from '../../../electron/runtime/updates/releaseVersion.js';
import type { InstallerResult, UpdateJournal, UpdateOutcome } from '../../../electron/runtime/updates/updateJournal.js';
import type { DownloadedUpdate, UpdateInstaller } from '../../../electron/runtime/updates/updateInstaller.js';
import { createMemoryUpdateJournalStore } from '../../../electron/runtime/updates/updateJournalStore.js';
import { DEFAULT_UPDATE_SETTINGS, type UpdateSettings } from '../../../electron/runtime/updates/updateSettings.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import {
  quitAndInstallInstaller,
  UpdateService,
  type UpdaterLike,
  type UpdateServiceSettings,
} from '../../../electron/shell-electron/updateService.js';
import { FakeClock } from '../../helpers/fakeClock.js';

const FEED = 'https://gov.example/updates/';
const MINUTE = 60_000;
// Local-time constructor, so the quiet-window tests hold in any TZ.
const localTime = (day: number, hours: number, minutes = 0) => new Date(2026, 10, day, hours, minutes).getTime();

/**
 * electron-updater's AppUpdater as the service sees it: a feed per URL (version → available),
 * isUpdateAvailable computed the way AppUpdater computes it, downloads that can fail.
 */
class FakeAutoUpdater implements UpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  feedUrl = '';
  readonly feedUrls: string[] = [];
  readonly downloads: string[] = [];
  readonly quitAndInstalls: [boolean | undefined, boolean | undefined][] = [];
  /** Version each pinned feed offers; absent → the feed answers 404. */
  readonly feeds = new Map<string, string>();
  downloadError: Error | undefined;

  constructor(public currentVersion: string) {}

  setFeedURL(options: unknown): void {
    this.feedUrl = (options as { url: string }).url;
    this.feedUrls.push(this.feedUrl);
  }

  async checkForUpdates() {
    const version = this.feeds.get(this.feedUrl);
    if (!version) throw new Error(`HttpError: 404 Not Found ${this.feedUrl}latest-linux.yml`);
    const order = compareReleaseVersions(version, this.currentVersion);
    const isUpdateAvailable = order > 0 || (order < 0 && this.allowDowngrade);
    const updateInfo = {
      version,
      files: [{ url: `gov-kiosk_${version}_x64.deb`, sha512: 'c2hh', size: 10 }],
      path: `gov-kiosk_${version}_x64.deb`,
      sha512: 'c2hh',
      releaseDate: '2026-11-20T03:00:00.000Z',
    };
    return { isUpdateAvailable, updateInfo, versionInfo: updateInfo };
  }

  async downloadUpdate(): Promise<string[]> {
    if (this.downloadError) throw this.downloadError;
    const version = this.feeds.get(this.feedUrl) ?? '?';
    this.downloads.push(version);
    return [`/cache/gov-kiosk-updater/pending/gov-kiosk_${version}_x64.deb`];
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.quitAndInstalls.push([isSilent, isForceRunAfter]);
  }
}

class RecordingInstaller implements UpdateInstaller {
  readonly kind = 'recording';
  readonly installed: DownloadedUpdate[] = [];
  failWith: Error | undefined;
  result: InstallerResult | undefined;
  async install(update: DownloadedUpdate): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.installed.push(update);
  }
  takeResult(): InstallerResult | undefined {
    const result = this.result;
    this.result = undefined;
    return result;
  }
}

interface Terminal {
  clock: FakeClock;
  updater: FakeAutoUpdater;
  installer: RecordingInstaller;
  journal: ReturnType<typeof createMemoryUpdateJournalStore>;
  outcomes: UpdateOutcome[];
  service: UpdateService;
  session: { active: boolean };
  settings: { updates: UpdateSettings; platformBaseUrl: string } | undefined;
  /** Lets time pass minute by minute, as the service's own timer ticks. */
  pass(minutes: number): Promise<void>;
  /** The app starts again on `version` (after an install), keeping journal, feeds and clock. */
  restart(version: string): Terminal;
}

function terminal(
  options: { version?: string; updates?: Partial<UpdateSettings>; at?: number; journal?: UpdateJournal; platformBaseUrl?: string } = {},
  shared?: Pick<Terminal, 'clock' | 'journal' | 'outcomes' | 'installer'> & { feeds: Map<string, string> },
): Terminal {
  const version = options.version ?? '1.2.0';
  const clock = shared?.clock ?? new FakeClock(options.at ?? localTime(24, 14));
  const journal = shared?.journal ?? createMemoryUpdateJournalStore(options.journal);
  const outcomes = shared?.outcomes ?? [];
  const installer = shared?.installer ?? new RecordingInstaller();
  const updater = new FakeAutoUpdater(version);
  const feeds = shared?.feeds ?? new Map([
    [`${FEED}versions/1.2.0/`, '1.2.0'],
    [`${FEED}versions/1.3.0/`, '1.3.0'],
  ]);
  for (const [url, v] of feeds) updater.feeds.set(url, v);
  const session = { active: false };
  const t: Terminal = {
    clock,
    updater,
    installer,
    journal,
    outcomes,
    session,
    settings: {
      updates: { ...DEFAULT_UPDATE_SETTINGS, feedUrl: FEED, approvedVersion: '1.3.0', ...options.updates },
      platformBaseUrl: options.platformBaseUrl ?? 'https://gov.example/api',
    },
    service: undefined as unknown as UpdateService,
    async pass(minutes) {
      for (let i = 0; i < minutes; i++) {
        clock.advance(MINUTE);
        for (let j = 0; j < 10; j++) await new Promise((resolve) => setImmediate(resolve));
      }
    },
    restart(next) {
      t.service.stop();
      installer.installed.length = 0;
      return terminal({ version: next, updates: t.settings?.updates }, { clock, journal, outcomes, installer, feeds: updater.feeds });
    },
  };
  t.service = new UpdateService({
    autoUpdater: updater,
    currentVersion: version,
    settings: (): UpdateServiceSettings | undefined =>
      t.settings ? { ...t.settings, quietWindow: { start: '03:00', end: '04:00' }, terminalId: 'GZ-TH-0001' } : undefined,
    isSessionActive: () => session.active,
    journal,
    installer,
    report: (outcome) => outcomes.push(outcome),
    clock,
    logger: silentLogger,
    firstCheckDelayMs: MINUTE,
    installTimeoutMs: 10 * MINUTE,
    rollbackRetryMs: 5 * MINUTE,
  });
  t.service.start();
  return t;
}

/** From 14:00, through the night: the quiet window opens at 03:00 (13 h later). */
const UNTIL_QUIET_WINDOW = 13 * 60;

describe('UpdateService: download in the background, install only when allowed', () => {
  it('leaves installing and downloading to the policy, not to electron-updater', () => {
    const t = terminal();
    expect(t.updater.autoDownload).toBe(false);
    expect(t.updater.autoInstallOnAppQuit).toBe(false);
  });

  it('downloads the approved version from its pinned feed, then waits for the quiet window', async () => {
    const t = terminal();
    await t.pass(2);
    expect(t.updater.feedUrls).toEqual([`${FEED}versions/1.3.0/`]);
    expect(t.updater.downloads).toEqual(['1.3.0']);
    expect(t.service.status()).toMatchObject({ state: 'downloaded', version: '1.3.0' });
    await t.pass(UNTIL_QUIET_WINDOW - 5);
    expect(t.installer.installed).toEqual([]);
    await t.pass(10);
    expect(t.installer.installed.map((u) => u.version)).toEqual(['1.3.0']);
    expect(t.installer.installed[0]?.fileUrl).toBe(`${FEED}versions/1.3.0/gov-kiosk_1.3.0_x64.deb`);
    expect(t.journal.current().pending).toMatchObject({ phase: 'installing', fromVersion: '1.2.0', toVersion: '1.3.0', feedUrl: FEED });
  });

  it('never installs during a citizen’s session, even in the quiet window', async () => {
    const t = terminal({ at: localTime(25, 2, 50) });
    t.session.active = true;
    await t.pass(40); // 03:30, a citizen still being served
    expect(t.service.status().state).toBe('downloaded');
    expect(t.installer.installed).toEqual([]);
    t.session.active = false;
    await t.pass(2);
    expect(t.installer.installed.map((u) => u.version)).toEqual(['1.3.0']);
  });

  it('installs at once when staff choose it, but not over a session', async () => {
    const t = terminal();
    await t.pass(2);
    t.session.active = true;
    expect(await t.service.installNow()).toBe('session-active');
    t.session.active = false;
    expect(await t.service.installNow()).toBe('installing');
    expect(t.installer.installed).toHaveLength(1);
    expect(await t.service.installNow()).toBe('busy'); // already handed to the installer
  });

  it('has nothing for staff to install before a download', async () => {
    const t = terminal({ updates: { approvedVersion: undefined } });
    await t.pass(2);
    expect(await t.service.installNow()).toBe('nothing-downloaded');
  });

  it('does not touch the network without an approved version, and checks again after the interval', async () => {
    const t = terminal({ updates: { approvedVersion: undefined, checkIntervalMinutes: 30 } });
    await t.pass(2);
    expect(t.updater.feedUrls).toEqual([]);
    expect(t.service.status().lastCheck?.outcome).toBe('no-approved-version');
    if (t.settings) t.settings.updates = { ...t.settings.updates, approvedVersion: '1.3.0' };
    await t.pass(20);
    expect(t.updater.downloads).toEqual([]);
    await t.pass(15);
    expect(t.updater.downloads).toEqual(['1.3.0']);
  });

  it('waits for the group’s rollout to reach this terminal', async () => {
    const t = terminal({ updates: { rolloutPercent: 0 } });
    await t.pass(2);
    expect(t.service.status().lastCheck?.outcome).toBe('outside-rollout');
    expect(t.updater.downloads).toEqual([]);
  });

  it('drops a downloaded update whose approval is withdrawn before the quiet window', async () => {
    const t = terminal();
    await t.pass(2);
    if (t.settings) t.settings.updates = { ...t.settings.updates, approvedVersion: undefined };
    await t.pass(UNTIL_QUIET_WINDOW + 10);
    expect(t.installer.installed).toEqual([]);
    expect(t.service.status().state).toBe('idle');
  });

  it('refuses a feed that is not https', async () => {
    const t = terminal({ updates: { feedUrl: undefined }, platformBaseUrl: 'http://gov.example/api' });
    await t.pass(2);
    expect(t.service.status().lastCheck?.outcome).toBe('untrusted-feed');
    expect(t.updater.feedUrls).toEqual([]);
  });

  it('reports a download that fails verification, and installs nothing', async () => {
    const t = terminal();
    t.updater.downloadError = new Error('sha512 checksum mismatch, expected c2hh, got ZXZpbA==');
    await t.pass(2);
    expect(t.outcomes).toEqual([
      expect.objectContaining({ kind: 'download-failed', fromVersion: '1.2.0', toVersion: '1.3.0', detail: expect.stringContaining('sha512 checksum mismatch') }),
    ]);
    expect(t.service.status()).toMatchObject({ state: 'idle', lastCheck: { outcome: 'failed' } });
  });

  it('reports an installer that fails or never restarts the app, and forgets the attempt', async () => {
    const t = terminal();
    await t.pass(2);
    t.installer.failWith = new Error('staging directory not writable');
    await t.service.installNow();
    expect(t.outcomes.at(-1)).toMatchObject({ kind: 'install-failed', detail: 'staging directory not writable' });
    expect(t.journal.current().pending).toBeUndefined();

    t.installer.failWith = undefined;
    await t.pass(62); // next check downloads again
    expect(await t.service.installNow()).toBe('installing');
    await t.pass(11);
    expect(t.outcomes.at(-1)).toMatchObject({ kind: 'install-failed', detail: 'the installer did not restart the app' });
  });
});

describe('UpdateService: after the update, health or rollback', () => {
  async function installed(): Promise<Terminal> {
    const t = terminal();
    await t.pass(2);
    await t.service.installNow();
    return t.restart('1.3.0');
  }

  it('keeps a new version that reports healthy through the grace period, and reports it', async () => {
    const t = await installed();
    expect(t.service.status()).toMatchObject({ state: 'verifying', version: '1.3.0' });
    t.service.reportHealthy();
    await t.pass(5);
    expect(t.outcomes).toEqual([expect.objectContaining({ kind: 'installed', fromVersion: '1.2.0', toVersion: '1.3.0' })]);
    expect(t.journal.current()).toEqual({ badVersions: [] });
    expect(t.installer.installed).toEqual([]);
  });

  it('rolls back a version that never reports healthy: the previous version from its pinned feed, as soon as idle', async () => {
    const t = await installed();
    t.session.active = true; // an unhealthy version may still be serving someone
    await t.pass(6);
    expect(t.updater.feedUrls.at(-1)).toBe(`${FEED}versions/1.2.0/`);
    expect(t.updater.allowDowngrade).toBe(true);
    expect(t.service.status()).toMatchObject({ state: 'rolling-back', version: '1.3.0' });
    expect(t.installer.installed).toEqual([]);
    t.session.active = false;
    await t.pass(1); // 14:07: no quiet window needed for a rollback
    expect(t.installer.installed.map((u) => u.version)).toEqual(['1.2.0']);

    const back = t.restart('1.2.0');
    expect(back.outcomes.at(-1)).toMatchObject({ kind: 'rolled-back', fromVersion: '1.2.0', toVersion: '1.3.0', detail: 'not healthy within 300 s' });
    expect(back.journal.current()).toEqual({ badVersions: ['1.3.0'] });
    // Still approved for the group, but never again on this terminal.
    await back.pass(2);
    expect(back.service.status().lastCheck?.outcome).toBe('known-bad');
    expect(back.updater.downloads).toEqual([]);
  });

  it('rolls back a version that keeps stopping before it proves healthy', async () => {
    let t = await installed();
    for (let start = 0; start < 3; start++) t = t.restart('1.3.0'); // crashed each time within the grace period
    await t.pass(1);
    expect(t.updater.downloads).toEqual(['1.2.0']);
    expect(t.installer.installed.map((u) => u.version)).toEqual(['1.2.0']);
    expect(t.journal.current().pending).toMatchObject({ phase: 'rolling-back', rollbackReason: 'stopped 3 times before proving healthy' });
  });

  it('reports a rollback it cannot fetch and retries', async () => {
    const t = await installed();
    t.updater.feeds.delete(`${FEED}versions/1.2.0/`);
    await t.pass(6);
    expect(t.outcomes.at(-1)).toMatchObject({ kind: 'rollback-failed', detail: expect.stringContaining('404') });
    t.updater.feeds.set(`${FEED}versions/1.2.0/`, '1.2.0');
    await t.pass(6);
    expect(t.installer.installed.map((u) => u.version)).toEqual(['1.2.0']);
  });

  it('reports an install the OS installer refused, from its result file', () => {
    const installer = new RecordingInstaller();
    installer.result = { status: 'failed', version: '1.3.0', reason: 'signature does not verify' };
    const journal = createMemoryUpdateJournalStore({
      pending: { phase: 'installing', fromVersion: '1.2.0', toVersion: '1.3.0', feedUrl: FEED, startedAtMs: 0, unhealthyStarts: 0, healthGraceSeconds: 300, maxUnhealthyStarts: 3 },
      badVersions: [],
    });
    const outcomes: UpdateOutcome[] = [];
    terminal({}, { clock: new FakeClock(localTime(24, 14)), journal, outcomes, installer, feeds: new Map() });
    expect(outcomes).toEqual([expect.objectContaining({ kind: 'install-failed', detail: 'signature does not verify' })]);
  });
});

describe('quitAndInstallInstaller', () => {
  it('installs silently and relaunches only without a supervisor', async () => {
    const updater = new FakeAutoUpdater('1.2.0');
    const update = { version: '1.3.0', files: [], fileUrl: '', feedUrl: FEED };
    await quitAndInstallInstaller(updater, { restartViaSupervisor: true }).install(update);
    await quitAndInstallInstaller(updater, { restartViaSupervisor: false }).install(update);
    expect(updater.quitAndInstalls).toEqual([
      [true, false],
      [true, true],
    ]);
  });
});
