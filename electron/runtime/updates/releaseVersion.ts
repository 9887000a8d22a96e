/**
 * Release versions: semantic versions as electron-builder writes them ("1.4.0",
 * "1.4.0-rc.1"), without build metadata. Compared by semver precedence.
 */

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$/;

export const RELEASE_VERSION_PATTERN = SEMVER;

export interface ReleaseVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly string[];
}

export function parseReleaseVersion(text: string): ReleaseVersion | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

export function isReleaseVersion(text: string): boolean {
  return SEMVER.test(text);
}

/** Negative when a < b, zero when equal, positive when a > b. Throws on a non-version. */
export function compareReleaseVersions(a: string, b: string): number {
  const va = parseReleaseVersion(a);
  const vb = parseReleaseVersion(b);
  if (!va || !vb) throw new Error(`not a release version: ${va ? b : a}`);
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (va[key] !== vb[key]) return va[key] - vb[key];
  }
  // A pre-release sorts before its release; identifiers compare numerically or lexically.
  if (va.prerelease.length === 0 || vb.prerelease.length === 0) return vb.prerelease.length - va.prerelease.length;
  for (let i = 0; i < Math.max(va.prerelease.length, vb.prerelease.length); i++) {
    const pa = va.prerelease[i];
    const pb = vb.prerelease[i];
    if (pa === undefined) return -1;
    if (pb === undefined) return 1;
    if (pa === pb) continue;
    const na = /^\d+$/.test(pa);
    const nb = /^\d+$/.test(pb);
    if (na && nb) return Number(pa) - Number(pb);
    if (na !== nb) return na ? -1 : 1;
    return pa < pb ? -1 : 1;
  }
  return 0;
}
