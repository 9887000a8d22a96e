import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { createStagedInstaller, readStagedRequest } from '../../../electron/runtime/updates/stagedInstaller.js';
import { createUpdateFeedHandler } from '../../../electron/runtime/updates/updateFeedHandler.js';
import type { UpdateJournal, UpdateOutcome } from '../../../electron/runtime/updates/updateJournal.js';
import { createMemoryUpdateJournalStore } from '../../../electron/runtime/updates/updateJournalStore.js';
import { DEFAULT_UPDATE_SETTINGS } from '../../../electron/runtime/updates/updateSettings.js';
import { UpdateService } from '../../../electron/shell-electron/updateService.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { packageBytes, releaseDirectory } from '../../unit/runtime/updates/feedFixtures.js';

/**
 * The real electron-updater (its DebUpdater, generic provider, download and sha512 check)
 * against the platform's update feed handler on a loopback port, driven by UpdateService.
 * Electron's net module is replaced by node:http and Electron's app by a plain adapter;
 * the install step is the staged installer, so nothing is installed on this machine.
 */

/** electron-updater's ElectronHttpExecutor, on node:http. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: any, callback: (response: any) => void): ClientRequest {
    const req = httpRequest(options);
    req.on('response', callback);
    return req;
  }

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: any = { headers: options.headers || undefined, redirect: 'manual' };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

const ARCH = process.arch === 'arm64' ? 'arm64' : 'x64';
const deb = (version: string) => `gov-kiosk_${version}_${ARCH}.deb`;

const releases = releaseDirectory({
  [deb('1.2.0')]: packageBytes(20_000),
  [`${deb('1.2.0')}.sig`]: 'signature of 1.2.0',
  [deb('1.3.0')]: packageBytes(30_000),
  [`${deb('1.3.0')}.sig`]: 'signature of 1.3.0',
  [deb('1.4.0')]: packageBytes(100),
});

/** The platform: the feed under /updates/, optionally corrupting package bytes in transit. */
let server: Server;
let feedUrl: string;
let corruptPackages = false;
beforeAll(async () => {
  const feed = createUpdateFeedHandler(releases.dir);
  server = createServer((req, res) => {
    if (corruptPackages && req.url?.endsWith('.deb')) {
      const body = Buffer.alloc(30_000, 0x41);
      res.writeHead(200, { 'Content-Length': body.length, 'Content-Type': 'application/octet-stream' });
      res.end(body);
      return;
    }
    if (!feed(req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  releases.remove();
});

const scratch: string[] = [];
afterEach(() => {
  corruptPackages = false;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function kiosk(version: string, journal?: UpdateJournal) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-updater-'));
  scratch.push(dir);
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: gov-kiosk-updater\n`);
  const app = {
    version,
    name: 'gov-kiosk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  const staging = join(dir, 'staging');
  const installer = createStagedInstaller({
    stagingDir: staging,
    fetchSignature: async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()),
  });
  const store = createMemoryUpdateJournalStore(journal);
  const outcomes: UpdateOutcome[] = [];
  const clock = new FakeClock(new Date(2026, 10, 24, 14, 0).getTime());
  const service = new UpdateService({
    autoUpdater: updater,
    currentVersion: version,
    settings: () => ({
      updates: { ...DEFAULT_UPDATE_SETTINGS, feedUrl, approvedVersion: '1.3.0' },
      quietWindow: { start: '03:00', end: '04:00' },
      terminalId: 'GZ-TH-0001',
      platformBaseUrl: 'https://gov.example/api',
    }),
    isSessionActive: () => false,
    journal: store,
    installer,
    report: (o) => outcomes.push(o),
    clock,
    logger: silentLogger,
  });
  service.start();
  return { service, staging, store, outcomes, clock, updater };
}

describe('electron-updater against the platform feed', () => {
  it('downloads the approved version, verified, and stages it for the OS installer with its signature', async () => {
    const t = kiosk('1.2.0');
    expect(await t.service.checkNow()).toBe('downloaded');
    expect(await t.service.installNow()).toBe('installing');
    expect(await readStagedRequest(t.staging)).toEqual({ version: '1.3.0', file: deb('1.3.0') });
    expect(readFileSync(join(t.staging, deb('1.3.0')))).toEqual(readFileSync(join(releases.dir, deb('1.3.0'))));
    expect(readFileSync(join(t.staging, `${deb('1.3.0')}.sig`), 'utf8')).toBe('signature of 1.3.0');
    expect(t.store.current().pending).toMatchObject({ phase: 'installing', fromVersion: '1.2.0', toVersion: '1.3.0' });
    t.service.stop();
  });

  it('refuses a package whose bytes do not match the feed’s sha512', async () => {
    const t = kiosk('1.2.0');
    corruptPackages = true;
    expect(await t.service.checkNow()).toBe('failed');
    expect(t.outcomes).toEqual([expect.objectContaining({ kind: 'download-failed', toVersion: '1.3.0', detail: expect.stringMatching(/sha512 checksum mismatch/) })]);
    expect(await t.service.installNow()).toBe('nothing-downloaded');
    expect(existsSync(join(t.staging, 'request'))).toBe(false);
    t.service.stop();
  });

  it('rolls an unhealthy 1.3.0 back to 1.2.0 from the pinned feed (a downgrade electron-updater allows only then)', async () => {
    const t = kiosk('1.3.0', {
      pending: { phase: 'installing', fromVersion: '1.2.0', toVersion: '1.3.0', feedUrl, startedAtMs: 0, unhealthyStarts: 0, healthGraceSeconds: 60, maxUnhealthyStarts: 3 },
      badVersions: [],
    });
    expect(t.service.status().state).toBe('verifying');
    t.clock.advance(61_000); // grace over, never reported healthy
    await vi.waitFor(async () => expect(await readStagedRequest(t.staging)).toEqual({ version: '1.2.0', file: deb('1.2.0') }), { timeout: 10_000 });
    expect(readFileSync(join(t.staging, deb('1.2.0')))).toEqual(readFileSync(join(releases.dir, deb('1.2.0'))));
    expect(t.store.current().pending).toMatchObject({ phase: 'rolling-back', rollbackReason: 'not healthy within 60 s' });
    t.service.stop();
  });
});
