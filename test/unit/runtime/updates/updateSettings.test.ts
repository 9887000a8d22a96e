import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UPDATE_SETTINGS,
  resolveFeedBaseUrl,
  updateSettingsFragment,
  updateSettingsSchema,
  versionFeedUrl,
} from '../../../../electron/runtime/updates/updateSettings.js';

describe('update settings', () => {
  it('default to enabled but with no approved version, so nothing installs', () => {
    expect(DEFAULT_UPDATE_SETTINGS).toEqual({
      enabled: true,
      rolloutPercent: 100,
      checkIntervalMinutes: 60,
      healthGraceSeconds: 300,
      maxUnhealthyStarts: 3,
    });
  });

  it('accept a group bundle’s staged rollout', () => {
    const parsed = updateSettingsSchema.parse({ approvedVersion: '1.4.0-rc.1', rolloutPercent: 25, feedUrl: 'https://gov.example/updates/' });
    expect(parsed.approvedVersion).toBe('1.4.0-rc.1');
    expect(parsed.rolloutPercent).toBe(25);
  });

  it.each([
    [{ approvedVersion: 'latest' }, 'approvedVersion'],
    [{ rolloutPercent: 120 }, 'rolloutPercent'],
    [{ feedUrl: 'http://gov.example/updates/' }, 'feedUrl'],
    [{ feedUrl: 'ftp://gov.example/' }, 'feedUrl'],
    [{ checkIntervalMinutes: 1 }, 'checkIntervalMinutes'],
    [{ autoInstall: true }, ''],
  ])('reject %j with a problem at %s', (input, path) => {
    const result = updateSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.') ?? '').toBe(path);
  });

  it('allow plain http only on loopback (the platform simulator)', () => {
    expect(updateSettingsSchema.safeParse({ feedUrl: 'http://127.0.0.1:8790/updates/' }).success).toBe(true);
  });

  it('fit into a strict config schema as an optional block', () => {
    const config = z.strictObject({ terminalId: z.string(), ...updateSettingsFragment });
    expect(config.parse({ terminalId: 'GZ-TH-0001' }).updates).toBeUndefined();
    expect(config.parse({ terminalId: 'GZ-TH-0001', updates: { approvedVersion: '1.4.0' } }).updates?.checkIntervalMinutes).toBe(60);
  });

  it('derive the feed from the platform and pin it to a version', () => {
    expect(resolveFeedBaseUrl(DEFAULT_UPDATE_SETTINGS, 'https://gov.example/api')).toBe('https://gov.example/api/updates/');
    expect(resolveFeedBaseUrl({ ...DEFAULT_UPDATE_SETTINGS, feedUrl: 'https://cdn.example/kiosk' }, 'https://x')).toBe('https://cdn.example/kiosk/');
    expect(versionFeedUrl('https://cdn.example/kiosk/', '1.4.0-rc.1')).toBe('https://cdn.example/kiosk/versions/1.4.0-rc.1/');
  });
});
