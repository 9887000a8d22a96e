import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedDocument } from '../../../../electron/runtime/updates/updateFeed.js';
import { decideInstall, decideOffer, type InstallFacts, type OfferFacts } from '../../../../electron/runtime/updates/updatePolicy.js';
import { rolloutBucket } from '../../../../electron/runtime/updates/rolloutBucket.js';
import { DEFAULT_UPDATE_SETTINGS, versionFeedUrl } from '../../../../electron/runtime/updates/updateSettings.js';
import { packageBytes, releaseDirectory, serveFeed } from './feedFixtures.js';

const TERMINAL = 'GZ-TH-0001';
function offer(overrides: Omit<Partial<OfferFacts>, 'settings'> & { settings?: Partial<OfferFacts['settings']> } = {}): OfferFacts {
  return {
    currentVersion: '1.2.0',
    offeredVersion: '1.3.0',
    terminalId: TERMINAL,
    badVersions: [],
    ...overrides,
    settings: { ...DEFAULT_UPDATE_SETTINGS, approvedVersion: '1.3.0', ...overrides.settings },
  };
}

describe('decideOffer', () => {
  it('takes the approved, newer version', () => {
    expect(decideOffer(offer())).toEqual({ take: true });
  });

  it.each([
    ['updates are disabled', offer({ settings: { enabled: false } }), 'updates-disabled'],
    ['no version is approved for this terminal’s group', offer({ settings: { approvedVersion: undefined } }), 'no-approved-version'],
    ['the feed offers another version than the approved one', offer({ offeredVersion: '1.4.0' }), 'not-the-approved-version'],
    ['the approved version is the running one', offer({ currentVersion: '1.3.0' }), 'not-newer'],
    ['the approved version is older (a rollback is not an update)', offer({ currentVersion: '1.4.0' }), 'not-newer'],
    ['this terminal rolled back from it', offer({ badVersions: ['1.3.0'] }), 'known-bad'],
    ['the feed sends junk', offer({ offeredVersion: 'latest', settings: { approvedVersion: '1.3.0' } }), 'invalid-version'],
  ] as const)('skips when %s', (_name, facts, reason) => {
    expect(decideOffer(facts)).toEqual({ take: false, reason });
  });

  it('takes a version only once the group’s rollout reaches this terminal’s bucket', () => {
    const bucket = rolloutBucket(TERMINAL, '1.3.0');
    expect(decideOffer(offer({ settings: { rolloutPercent: bucket } }))).toEqual({ take: false, reason: 'outside-rollout' });
    expect(decideOffer(offer({ settings: { rolloutPercent: bucket + 1 } }))).toEqual({ take: true });
  });
});

describe('decideInstall', () => {
  // Local-time constructors, so the tests hold in any TZ.
  const at = (hours: number, minutes = 0) => new Date(2026, 10, 24, hours, minutes);
  const facts = (overrides: Partial<InstallFacts>): InstallFacts => ({
    now: at(3, 30),
    quietWindow: { start: '03:00', end: '04:00' },
    sessionActive: false,
    staffRequested: false,
    rollback: false,
    ...overrides,
  });

  it.each([
    ['in the quiet window, idle', {}, 'install'],
    ['in the quiet window during a session', { sessionActive: true }, 'session-active'],
    ['in the afternoon', { now: at(15) }, 'outside-quiet-window'],
    ['at the end of the window', { now: at(4) }, 'outside-quiet-window'],
    ['in the afternoon when staff choose it', { now: at(15), staffRequested: true }, 'install'],
    ['when staff choose it during a session', { now: at(15), staffRequested: true, sessionActive: true }, 'session-active'],
    ['a rollback in the afternoon', { now: at(15), rollback: true }, 'install'],
    ['a rollback during a session', { now: at(15), rollback: true, sessionActive: true }, 'session-active'],
    ['across midnight', { now: at(0, 30), quietWindow: { start: '23:30', end: '01:00' } }, 'install'],
  ] as const)('%s: %s', (_name, overrides, decision) => {
    expect(decideInstall(facts(overrides))).toBe(decision);
  });
});

describe('the policy against the platform’s update feed over loopback HTTP', () => {
  const releases = releaseDirectory({
    'gov-kiosk_1.2.0_x64.deb': packageBytes(),
    'gov-kiosk_1.3.0_x64.deb': packageBytes(),
    'gov-kiosk_1.4.0_x64.deb': packageBytes(),
  });
  let feed: Awaited<ReturnType<typeof serveFeed>>;
  beforeAll(async () => {
    feed = await serveFeed(releases.dir);
  });
  afterAll(async () => {
    await feed.close();
    releases.remove();
  });

  async function offeredBy(url: string): Promise<string> {
    const response = await fetch(`${url}latest-linux.yml`);
    return (yaml.load(await response.text()) as FeedDocument).version;
  }

  it('a pilot group approved for 1.3.0 takes 1.3.0 from the pinned feed though 1.4.0 is the newest', async () => {
    expect(await offeredBy(feed.feedUrl)).toBe('1.4.0');
    const offered = await offeredBy(versionFeedUrl(feed.feedUrl, '1.3.0'));
    expect(decideOffer(offer({ offeredVersion: offered, settings: { approvedVersion: '1.3.0' } }))).toEqual({ take: true });
  });

  it('the rest of the fleet, still approved for 1.2.0, takes nothing', async () => {
    const offered = await offeredBy(versionFeedUrl(feed.feedUrl, '1.2.0'));
    expect(decideOffer(offer({ offeredVersion: offered, settings: { approvedVersion: '1.2.0' } }))).toEqual({ take: false, reason: 'not-newer' });
  });

  it('the unpinned feed is refused (its newest version was not approved)', async () => {
    const offered = await offeredBy(feed.feedUrl);
    expect(decideOffer(offer({ offeredVersion: offered }))).toEqual({ take: false, reason: 'not-the-approved-version' });
  });
});
