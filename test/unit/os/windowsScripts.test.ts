import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseReleaseFileName } from '../../../electron/runtime/updates/updateFeed.js';

/**
 * The PowerShell scripts cannot run here (no Windows); these checks keep them consistent with
 * each other and with the app's staging contract (electron/runtime/updates/stagedInstaller.ts).
 */
const dir = new URL('../../../config/os/windows/', import.meta.url);
const lockdown = readFileSync(fileURLToPath(new URL('Install-KioskLockdown.ps1', dir)), 'utf8');
const maintenance = readFileSync(fileURLToPath(new URL('Invoke-KioskMaintenance.ps1', dir)), 'utf8');

function fileLinePattern(): RegExp {
  const source = /'\^FILE=\((.+?)\)\$'/.exec(maintenance)?.[1];
  if (!source) throw new Error('no FILE= pattern in Invoke-KioskMaintenance.ps1');
  return new RegExp(`^FILE=(${source})$`);
}

describe('Windows lockdown scripts', () => {
  it('register only actions the maintenance script knows', () => {
    const known = /ValidateSet\(([^)]*)\)\]\[string\]\$Action/.exec(maintenance)?.[1]?.match(/'(\w+)'/g)?.map((s) => s.slice(1, -1));
    const registered = [...lockdown.matchAll(/-Action (\w+)/g)].map((m) => m[1]);
    expect(known).toEqual(['RestartIfStale', 'InstallStagedUpdate']);
    expect(registered.sort()).toEqual(['InstallStagedUpdate', 'RestartIfStale']);
  });

  it('accept exactly the installer names the feed and the app stage', () => {
    const pattern = fileLinePattern();
    for (const name of ['gov-kiosk-setup-1.3.0.exe', 'gov-kiosk-setup-1.4.0-rc.1.exe']) {
      expect(parseReleaseFileName(name)?.channel).toBe('latest.yml');
      expect(pattern.test(`FILE=${name}`)).toBe(true);
    }
    for (const name of ['..\\..\\Windows\\System32\\cmd.exe', 'gov-kiosk-setup-1.3.0.exe & calc', 'evil.exe', 'gov-kiosk_1.3.0_x64.deb']) {
      expect(pattern.test(`FILE=${name}`)).toBe(false);
    }
  });

  it('speak the staging contract: request VERSION/FILE in, result STATUS/VERSION/REASON out', () => {
    expect(maintenance).toContain("Join-Path $StagingDir 'request'");
    expect(maintenance).toContain("Join-Path $StagingDir 'result'");
    expect(maintenance).toMatch(/STATUS=\$Status`nVERSION=\$script:version`nREASON=\$Reason/);
    expect(lockdown).toContain("'KIOSK_UPDATE_STAGING_DIR'");
  });

  it('refuse an update without a valid signature of the configured publisher', () => {
    expect(maintenance).toMatch(/\$signature\.Status -ne 'Valid' -or \$signer -ne \$Publisher/);
    expect(maintenance).toMatch(/if \(-not \$Publisher\)/);
  });
});
