import { describe, expect, it } from 'vitest';
import { compareReleaseVersions, isReleaseVersion, parseReleaseVersion } from '../../../../electron/runtime/updates/releaseVersion.js';

describe('release versions', () => {
  it.each(['1.0.0', '0.1.0', '10.20.30', '1.4.0-rc.1', '1.4.0-alpha.beta.2'])('accepts %s', (v) => {
    expect(isReleaseVersion(v)).toBe(true);
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0+build.5', '1.0.0-', '1.0.0-01', '', '1.0.0 '])('rejects %j', (v) => {
    expect(isReleaseVersion(v)).toBe(false);
    expect(parseReleaseVersion(v)).toBeUndefined();
  });

  it('orders by semver precedence', () => {
    const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compareReleaseVersions)).toEqual(ordered);
    expect(compareReleaseVersions('1.2.3', '1.2.3')).toBe(0);
  });

  it('throws on a non-version rather than guessing', () => {
    expect(() => compareReleaseVersions('1.2', '1.2.0')).toThrow(/not a release version: 1.2/);
  });
});
