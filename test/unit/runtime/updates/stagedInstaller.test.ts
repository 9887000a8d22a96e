import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStagedInstaller,
  parseInstallerResult,
  readStagedRequest,
  takeInstallerResult,
} from '../../../../electron/runtime/updates/stagedInstaller.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'staged-'));
  dirs.push(dir);
  return dir;
}

function downloaded(dir: string, name = 'gov-kiosk_1.3.0_x64.deb') {
  const file = join(dir, name);
  writeFileSync(file, 'package bytes');
  return { version: '1.3.0', files: [file], fileUrl: `https://gov.example/updates/versions/1.3.0/${name}`, feedUrl: 'https://gov.example/updates/' };
}

describe('staged installer', () => {
  it('stages package, signature and request for the OS installer, request last', async () => {
    const cache = scratch();
    const staging = join(scratch(), 'updates');
    const fetched: string[] = [];
    const installer = createStagedInstaller({
      stagingDir: staging,
      fetchSignature: async (url) => {
        fetched.push(url);
        expect(existsSync(join(staging, 'request'))).toBe(false);
        return new TextEncoder().encode('signature');
      },
    });
    await installer.install(downloaded(cache));
    expect(fetched).toEqual(['https://gov.example/updates/versions/1.3.0/gov-kiosk_1.3.0_x64.deb.sig']);
    expect(readFileSync(join(staging, 'gov-kiosk_1.3.0_x64.deb'), 'utf8')).toBe('package bytes');
    expect(readFileSync(join(staging, 'gov-kiosk_1.3.0_x64.deb.sig'), 'utf8')).toBe('signature');
    expect(readFileSync(join(staging, 'request'), 'utf8')).toBe('VERSION=1.3.0\nFILE=gov-kiosk_1.3.0_x64.deb\n');
    expect(await readStagedRequest(staging)).toEqual({ version: '1.3.0', file: 'gov-kiosk_1.3.0_x64.deb' });
  });

  it('refuses a download that is not the release file of the version', async () => {
    const installer = createStagedInstaller({ stagingDir: scratch() });
    await expect(installer.install(downloaded(scratch(), 'update.deb'))).rejects.toThrow(/not the release file of 1.3.0/);
  });

  it('stages nothing when the signature cannot be fetched', async () => {
    const staging = scratch();
    const installer = createStagedInstaller({ stagingDir: staging, fetchSignature: async () => Promise.reject(new Error('404 Not Found')) });
    await expect(installer.install(downloaded(scratch()))).rejects.toThrow(/404/);
    expect(existsSync(join(staging, 'request'))).toBe(false);
  });

  it('takes the OS installer’s result once', () => {
    const staging = scratch();
    writeFileSync(join(staging, 'result'), 'STATUS=failed\nVERSION=1.3.0\nREASON=signature of x does not verify\n');
    expect(takeInstallerResult(staging)).toEqual({ status: 'failed', version: '1.3.0', reason: 'signature of x does not verify' });
    expect(takeInstallerResult(staging)).toBeUndefined();
  });

  it.each(['', 'STATUS=maybe\nVERSION=1.3.0', 'STATUS=installed\n', 'garbage'])('ignores a malformed result %j', (text) => {
    expect(parseInstallerResult(text)).toBeUndefined();
  });
});
