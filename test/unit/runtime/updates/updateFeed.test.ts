import yaml from 'js-yaml';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFeedDocument,
  buildUpdateFeed,
  parseReleaseFileName,
  readReleaseDirectory,
  type FeedDocument,
} from '../../../../electron/runtime/updates/updateFeed.js';
import { parseSingleRange } from '../../../../electron/runtime/updates/updateFeedHandler.js';
import { packageBytes, releaseDirectory, serveFeed } from './feedFixtures.js';

const releases = releaseDirectory({
  'gov-kiosk_1.2.0_x64.deb': packageBytes(3000),
  'gov-kiosk_1.3.0_x64.deb': packageBytes(5000),
  'gov-kiosk_1.3.0_x64.deb.sig': 'signature',
  'gov-kiosk_1.10.0-rc.1_x64.deb': packageBytes(100),
  'gov-kiosk_1.3.0_arm64.deb': packageBytes(4000),
  'gov-kiosk-setup-1.3.0.exe': packageBytes(6000),
  'release-notes.txt': 'not served',
  'gov-kiosk_9.9.9_x64.deb.sig': 'signature without a package',
});
afterAll(() => releases.remove());

describe('release file names', () => {
  it.each([
    ['gov-kiosk_1.3.0_x64.deb', { version: '1.3.0', channel: 'latest-linux.yml' }],
    ['gov-kiosk_1.3.0-rc.1_arm64.deb', { version: '1.3.0-rc.1', channel: 'latest-linux-arm64.yml' }],
    ['gov-kiosk-setup-1.3.0.exe', { version: '1.3.0', channel: 'latest.yml' }],
  ])('%s', (name, parsed) => {
    expect(parseReleaseFileName(name)).toEqual(parsed);
  });

  it.each(['gov-kiosk_1.3_x64.deb', 'gov-kiosk_1.3.0_i386.deb', 'other_1.3.0_x64.deb', 'gov-kiosk_1.3.0_x64.deb.sig', '../gov-kiosk_1.3.0_x64.deb'])(
    'ignores %s',
    (name) => {
      expect(parseReleaseFileName(name)).toBeUndefined();
    },
  );
});

describe('feed documents', () => {
  it('list the newest version of a channel with its sha512 and size, in electron-updater’s format', async () => {
    const yamlText = await buildUpdateFeed(releases.dir, 'latest-linux.yml');
    const document = yaml.load(yamlText ?? '') as FeedDocument;
    expect(document).toEqual({
      version: '1.10.0-rc.1',
      files: [{ url: 'gov-kiosk_1.10.0-rc.1_x64.deb', sha512: releases.sha512('gov-kiosk_1.10.0-rc.1_x64.deb'), size: 100 }],
      path: 'gov-kiosk_1.10.0-rc.1_x64.deb',
      sha512: releases.sha512('gov-kiosk_1.10.0-rc.1_x64.deb'),
      releaseDate: expect.stringMatching(/^2026-11-\d\dT03:00:00\.000Z$/),
    });
  });

  it('pin a version, per channel', async () => {
    const { releases: files } = await readReleaseDirectory(releases.dir);
    expect(buildFeedDocument(files, 'latest-linux.yml', '1.2.0')?.path).toBe('gov-kiosk_1.2.0_x64.deb');
    expect(buildFeedDocument(files, 'latest-linux-arm64.yml')?.path).toBe('gov-kiosk_1.3.0_arm64.deb');
    expect(buildFeedDocument(files, 'latest.yml')?.path).toBe('gov-kiosk-setup-1.3.0.exe');
    expect(buildFeedDocument(files, 'latest-linux-arm64.yml', '1.2.0')).toBeUndefined();
  });

  it('serve signatures of present packages only', async () => {
    const { assets } = await readReleaseDirectory(releases.dir);
    expect(assets).toEqual(['gov-kiosk_1.3.0_x64.deb.sig']);
  });
});

describe('feed handler over loopback HTTP', () => {
  let feed: Awaited<ReturnType<typeof serveFeed>>;
  beforeAll(async () => {
    feed = await serveFeed(releases.dir);
  });
  afterAll(() => feed.close());

  async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(`${feed.baseUrl}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves the channel files', async () => {
    const latest = await get('/updates/latest-linux.yml');
    expect(latest.status).toBe(200);
    expect((yaml.load(latest.body.toString()) as FeedDocument).version).toBe('1.10.0-rc.1');
    const pinned = await get('/updates/versions/1.2.0/latest-linux.yml');
    expect((yaml.load(pinned.body.toString()) as FeedDocument).version).toBe('1.2.0');
    expect((await get('/updates/versions/7.0.0/latest-linux.yml')).status).toBe(404);
  });

  it('serves release files whole and by range, from the top or a pinned path', async () => {
    const whole = await get('/updates/versions/1.3.0/gov-kiosk_1.3.0_x64.deb');
    expect(whole.status).toBe(200);
    expect(whole.body.length).toBe(5000);
    const part = await get('/updates/gov-kiosk_1.3.0_x64.deb', { Range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/5000');
    expect(part.body).toEqual(whole.body.subarray(10, 20));
    expect((await get('/updates/gov-kiosk_1.3.0_x64.deb', { Range: 'bytes=6000-' })).status).toBe(416);
    const head = await get('/updates/gov-kiosk_1.3.0_x64.deb', {}, 'HEAD');
    expect(head.headers['content-length']).toBe('5000');
    expect(head.body.length).toBe(0);
    expect((await get('/updates/gov-kiosk_1.3.0_x64.deb.sig')).body.toString()).toBe('signature');
  });

  it.each([
    '/updates/release-notes.txt',
    '/updates/..%2f..%2fetc%2fpasswd',
    '/updates/versions/1.3.0/../../package.json',
    '/updates/%E0%A4%A',
    '/updates/gov-kiosk_9.9.9_x64.deb.sig',
    '/updates/',
  ])('serves nothing else: %s', async (path) => {
    expect([400, 404]).toContain((await get(path)).status);
  });

  it('refuses writes and leaves other paths to the next handler', async () => {
    const post = await get('/updates/latest-linux.yml', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get('/api/heartbeat')).body.toString()).toBe('not the feed');
  });
});

describe('parseSingleRange', () => {
  it.each([
    ['bytes=0-9', 100, [0, 9]],
    ['bytes=90-', 100, [90, 99]],
    ['bytes=-10', 100, [90, 99]],
    ['bytes=50-500', 100, [50, 99]],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, undefined],
    ['items=0-1', 100, undefined],
  ] as const)('%s of %d', (header, size, expected) => {
    expect(parseSingleRange(header, size)).toEqual(expected);
  });
});
