import { readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseReleaseFileName } from './updateFeed.js';
import type { InstallerResult } from './updateJournal.js';
import type { DownloadedUpdate, UpdateInstaller } from './updateInstaller.js';

/**
 * Stages a downloaded update for the privileged OS installer, which the unprivileged kiosk
 * cannot be: config/os/linux/install-update.sh (a systemd path unit watches the request
 * file) or config/os/windows/Invoke-KioskMaintenance.ps1 (a SYSTEM scheduled task). The
 * contract, in the staging directory:
 *   <release file>        copied from electron-updater's download
 *   <release file>.sig    detached signature fetched from the feed (Linux; Windows installers
 *                         carry an Authenticode signature instead)
 *   request               "VERSION=<v>" and "FILE=<release file>" lines, renamed into place last
 *   result                written by the OS installer: STATUS=installed|failed, VERSION=, REASON=
 */

export const REQUEST_FILE = 'request';
export const RESULT_FILE = 'result';

export interface StagedInstallerOptions {
  stagingDir: string;
  /** Fetches the detached signature; omit where the installer is signed itself (Windows). */
  fetchSignature?: (url: string) => Promise<Uint8Array>;
}

export function createStagedInstaller(options: StagedInstallerOptions): UpdateInstaller & { readonly stagingDir: string } {
  const { stagingDir } = options;
  return {
    kind: 'staged-for-os-installer',
    stagingDir,
    async install(update: DownloadedUpdate) {
      const source = update.files[0];
      if (!source) throw new Error('the download produced no file');
      const name = basename(source);
      const parsed = parseReleaseFileName(name);
      if (!parsed || parsed.version !== update.version) {
        throw new Error(`downloaded file ${name} is not the release file of ${update.version}`);
      }
      await mkdir(stagingDir, { recursive: true });
      await rm(join(stagingDir, RESULT_FILE), { force: true });
      await copyFile(source, join(stagingDir, name));
      if (options.fetchSignature) {
        const signature = await options.fetchSignature(`${update.fileUrl}.sig`);
        if (signature.length === 0) throw new Error(`empty signature at ${update.fileUrl}.sig`);
        await writeFile(join(stagingDir, `${name}.sig`), signature);
      }
      const temporary = join(stagingDir, `${REQUEST_FILE}.tmp`);
      await writeFile(temporary, `VERSION=${update.version}\nFILE=${name}\n`);
      await rename(temporary, join(stagingDir, REQUEST_FILE));
    },
    takeResult() {
      return takeInstallerResult(stagingDir);
    },
  };
}

/** Reads and removes the OS installer's result file; undefined when absent or malformed. */
export function takeInstallerResult(stagingDir: string): InstallerResult | undefined {
  const file = join(stagingDir, RESULT_FILE);
  let text: string;
  try {
    // Synchronous on purpose: read once at start, before anything else looks at the journal.
    text = readFileSync(file, 'utf8');
    rmSync(file, { force: true });
  } catch {
    return undefined;
  }
  return parseInstallerResult(text);
}

export function parseInstallerResult(text: string): InstallerResult | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const status = fields.get('STATUS');
  const version = fields.get('VERSION');
  if ((status !== 'installed' && status !== 'failed') || !version) return undefined;
  return { status, version, reason: fields.get('REASON') ?? '' };
}

/** Reads a staged request back (tests, and the maintenance screen's "update waiting" line). */
export async function readStagedRequest(stagingDir: string): Promise<{ version: string; file: string } | undefined> {
  try {
    const text = await readFile(join(stagingDir, REQUEST_FILE), 'utf8');
    const version = /^VERSION=(.+)$/m.exec(text)?.[1];
    const file = /^FILE=(.+)$/m.exec(text)?.[1];
    return version && file ? { version, file } : undefined;
  } catch {
    return undefined;
  }
}
