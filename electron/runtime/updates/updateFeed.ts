import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { compareReleaseVersions, isReleaseVersion } from './releaseVersion.js';

/**
 * The update feed in electron-updater's generic-provider format, built from a directory of
 * release files named as electron-builder.yml names them:
 *   gov-kiosk_<version>_<x64|arm64>.deb   → latest-linux.yml / latest-linux-arm64.yml
 *   gov-kiosk-setup-<version>.exe         → latest.yml (Windows, x64)
 * Beside them may lie <file>.sig (detached signature for the Linux OS installer) and
 * <file>.blockmap; they are served, not listed. The platform serves the newest version at
 * the top and every version pinned under versions/<version>/ (staged rollout and rollback
 * pick a version there).
 */

export type ReleasePlatform = 'linux' | 'win';
export type ReleaseArch = 'x64' | 'arm64';
export type ChannelFile = 'latest-linux.yml' | 'latest-linux-arm64.yml' | 'latest.yml';

export const CHANNEL_FILES: readonly ChannelFile[] = ['latest-linux.yml', 'latest-linux-arm64.yml', 'latest.yml'];

export interface ReleaseFile {
  name: string;
  version: string;
  channel: ChannelFile;
  size: number;
  /** base64, as electron-updater expects. */
  sha512: string;
  modifiedAt: Date;
}

/** One channel file's content. */
export interface FeedDocument {
  version: string;
  files: { url: string; sha512: string; size: number }[];
  path: string;
  sha512: string;
  releaseDate: string;
}

const DEB = /^gov-kiosk_([0-9][0-9A-Za-z.+-]*)_(x64|arm64)\.deb$/;
const NSIS = /^gov-kiosk-setup-([0-9][0-9A-Za-z.+-]*)\.exe$/;
const ASSET = /\.(sig|blockmap)$/;

/** The channel and version of a release file name; undefined for anything else. */
export function parseReleaseFileName(name: string): { version: string; channel: ChannelFile } | undefined {
  const deb = DEB.exec(name);
  if (deb && isReleaseVersion(deb[1] ?? '')) {
    return { version: deb[1] ?? '', channel: deb[2] === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml' };
  }
  const nsis = NSIS.exec(name);
  if (nsis && isReleaseVersion(nsis[1] ?? '')) return { version: nsis[1] ?? '', channel: 'latest.yml' };
  return undefined;
}

/** Files served beside the releases (signatures, block maps) whose release is present. */
export function isReleaseAsset(name: string, releases: readonly ReleaseFile[]): boolean {
  return ASSET.test(name) && releases.some((r) => name === `${r.name}.sig` || name === `${r.name}.blockmap`);
}

/** The channel document for `version`, or for the newest version when none is given. */
export function buildFeedDocument(releases: readonly ReleaseFile[], channel: ChannelFile, version?: string): FeedDocument | undefined {
  const candidates = releases.filter((r) => r.channel === channel);
  const chosen =
    version === undefined
      ? [...candidates].sort((a, b) => compareReleaseVersions(b.version, a.version))[0]
      : candidates.find((r) => r.version === version);
  if (!chosen) return undefined;
  return {
    version: chosen.version,
    files: [{ url: chosen.name, sha512: chosen.sha512, size: chosen.size }],
    path: chosen.name,
    sha512: chosen.sha512,
    releaseDate: chosen.modifiedAt.toISOString(),
  };
}

export function renderFeedYaml(document: FeedDocument): string {
  return yaml.dump(document, { lineWidth: -1, noRefs: true });
}

export async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

export interface ReleaseDirectory {
  releases: ReleaseFile[];
  /** Signatures and block maps of present releases. */
  assets: string[];
}

/**
 * Reads a release directory. Hashes are cached by name, size and mtime (`cache`), so a feed
 * served on every request does not re-read large installers. Other files are ignored.
 */
export async function readReleaseDirectory(
  dir: string,
  cache: Map<string, { size: number; mtimeMs: number; sha512: string }> = new Map(),
): Promise<ReleaseDirectory> {
  const names = await readdir(dir);
  const releases: ReleaseFile[] = [];
  for (const name of names.sort()) {
    const parsed = parseReleaseFileName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    const info = await stat(file);
    if (!info.isFile()) continue;
    let cached = cache.get(name);
    if (!cached || cached.size !== info.size || cached.mtimeMs !== info.mtimeMs) {
      cached = { size: info.size, mtimeMs: info.mtimeMs, sha512: await sha512Base64(file) };
      cache.set(name, cached);
    }
    releases.push({ name, ...parsed, size: info.size, sha512: cached.sha512, modifiedAt: info.mtime });
  }
  return { releases, assets: names.filter((n) => isReleaseAsset(n, releases)).sort() };
}

/** The channel file (YAML) for a release directory: the newest version, or `version`. */
export async function buildUpdateFeed(dir: string, channel: ChannelFile, version?: string): Promise<string | undefined> {
  const { releases } = await readReleaseDirectory(dir);
  const document = buildFeedDocument(releases, channel, version);
  return document ? renderFeedYaml(document) : undefined;
}
