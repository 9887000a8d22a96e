import { z } from 'zod';
import { RELEASE_VERSION_PATTERN } from './releaseVersion.js';

/**
 * The terminal's software-update settings. They arrive through the signed config bundle, so
 * a bundle targeting a terminal group sets that group's approvedVersion: that is the staged
 * rollout (pilot halls first, then everyone), with rolloutPercent for finer steps inside a
 * group. To be added to the terminal config schema as `...updateSettingsFragment`.
 */

const releaseVersion = z.string().regex(RELEASE_VERSION_PATTERN, 'must be a release version such as "1.4.0" or "1.4.0-rc.1"');

/** The feed's sha512 sums are only as trustworthy as the channel they come over. */
export function isTrustedFeedUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export const updateSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Check for, download and install software updates.'),
    feedUrl: z
      .url()
      .refine(isTrustedFeedUrl, 'must be an https:// URL (plain http only on loopback)')
      .optional()
      .describe('Base URL of the update feed (electron-updater generic provider). Default: the platform base URL + "/updates/".'),
    approvedVersion: releaseVersion
      .optional()
      .describe('The version this terminal may update to; set per terminal group by a signed config bundle. Absent: stay on the installed version.'),
    rolloutPercent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(100)
      .describe('Share of the terminals (chosen by terminal id) that take approvedVersion now; raise it to widen the rollout.'),
    checkIntervalMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440)
      .default(60)
      .describe('How often the feed is checked; updates download in the background and install only in the quiet window or when staff choose.'),
    healthGraceSeconds: z
      .number()
      .int()
      .min(30)
      .max(3600)
      .default(300)
      .describe('A new version must report healthy and stay up this long, or it is rolled back to the previous one.'),
    maxUnhealthyStarts: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(3)
      .describe('Starts of a new version that end before it proves healthy; after this many it is rolled back.'),
  })
  .describe('Software updates: electron-updater against the generic feed the platform serves.');

export type UpdateSettings = z.infer<typeof updateSettingsSchema>;
export type UpdateSettingsInput = z.input<typeof updateSettingsSchema>;

/** The block as it goes into the terminal config schema; optional, so configs without it stay valid. */
export const updateSettingsFragment = {
  updates: updateSettingsSchema.optional(),
};

/** No block in the config: updates enabled, but no version approved, so nothing installs. */
export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = updateSettingsSchema.parse({});

/** The feed base URL, always ending in "/" so relative file URLs resolve inside it. */
export function resolveFeedBaseUrl(settings: UpdateSettings, platformBaseUrl: string): string {
  const base = settings.feedUrl ?? new URL('updates/', withTrailingSlash(platformBaseUrl)).href;
  return withTrailingSlash(base);
}

/** The feed pinned to one version: the platform serves it under versions/<version>/. */
export function versionFeedUrl(feedBaseUrl: string, version: string): string {
  return new URL(`versions/${encodeURIComponent(version)}/`, withTrailingSlash(feedBaseUrl)).href;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
