import { isWithinDailyWindow, type DailyWindow } from '../../../config/dailyWindow.js';
import { compareReleaseVersions, isReleaseVersion } from './releaseVersion.js';
import { isWithinRollout } from './rolloutBucket.js';
import type { UpdateSettings } from './updateSettings.js';

/**
 * The update policy, pure: which version a terminal may take, and when it may install it.
 * Never during a citizen's session; otherwise only in the quiet window, when staff choose
 * it, or (a rollback of an unhealthy version) as soon as the terminal is idle.
 */

export interface OfferFacts {
  currentVersion: string;
  /** The version the feed offers. */
  offeredVersion: string;
  settings: UpdateSettings;
  terminalId: string;
  /** Versions this terminal rolled back from; never installed again automatically. */
  badVersions: readonly string[];
}

export type OfferSkipReason =
  | 'updates-disabled'
  | 'no-approved-version'
  | 'invalid-version'
  | 'not-the-approved-version'
  | 'not-newer'
  | 'known-bad'
  | 'outside-rollout';

export type OfferDecision = { take: true } | { take: false; reason: OfferSkipReason };

export function decideOffer(facts: OfferFacts): OfferDecision {
  const { settings, offeredVersion } = facts;
  if (!settings.enabled) return { take: false, reason: 'updates-disabled' };
  if (settings.approvedVersion === undefined) return { take: false, reason: 'no-approved-version' };
  if (!isReleaseVersion(offeredVersion) || !isReleaseVersion(facts.currentVersion)) return { take: false, reason: 'invalid-version' };
  // The feed is pinned to the approved version; anything else means a misconfigured feed.
  if (offeredVersion !== settings.approvedVersion) return { take: false, reason: 'not-the-approved-version' };
  if (compareReleaseVersions(offeredVersion, facts.currentVersion) <= 0) return { take: false, reason: 'not-newer' };
  if (facts.badVersions.includes(offeredVersion)) return { take: false, reason: 'known-bad' };
  if (!isWithinRollout(facts.terminalId, offeredVersion, settings.rolloutPercent)) return { take: false, reason: 'outside-rollout' };
  return { take: true };
}

export interface InstallFacts {
  now: Date;
  quietWindow: DailyWindow;
  sessionActive: boolean;
  /** A staff member chose "install now" in maintenance mode. */
  staffRequested: boolean;
  /** Installing the previous version because the new one is unhealthy. */
  rollback: boolean;
}

export type InstallDecision = 'install' | 'session-active' | 'outside-quiet-window';

export function decideInstall(facts: InstallFacts): InstallDecision {
  if (facts.sessionActive) return 'session-active';
  if (facts.staffRequested || facts.rollback) return 'install';
  return isWithinDailyWindow(facts.now, facts.quietWindow) ? 'install' : 'outside-quiet-window';
}
