import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { createUpdateFeedHandler } from '../../../electron/runtime/updates/updateFeedHandler.js';
import { startPlatformSimulator, type RunningPlatformSimulator } from '../../platform-sim/platformSimulator.js';

describe('the platform simulator serves the software-update feed', () => {
  let sim: RunningPlatformSimulator | null = null;
  afterEach(async () => sim?.close());

  it('lists the newest release in latest-linux.yml, pins older ones under versions/, and serves the package bytes', async () => {
    const releases = mkdtempSync(join(tmpdir(), 'kiosk-releases-'));
    const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
    writeFileSync(join(releases, `gov-kiosk_1.2.0_${arch}.deb`), Buffer.alloc(2_000, 1));
    writeFileSync(join(releases, `gov-kiosk_1.3.0_${arch}.deb`), Buffer.alloc(3_000, 2));
    sim = await startPlatformSimulator({ dataDir: mkdtempSync(join(tmpdir(), 'sim-')), updateFeedHandler: createUpdateFeedHandler(releases) });
    const feedName = arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml';
    const latest = load(await (await fetch(`${sim.url}/updates/${feedName}`)).text()) as { version: string; path: string };
    expect(latest).toMatchObject({ version: '1.3.0', path: `gov-kiosk_1.3.0_${arch}.deb` });
    const pinned = load(await (await fetch(`${sim.url}/updates/versions/1.2.0/${feedName}`)).text()) as { version: string };
    expect(pinned.version).toBe('1.2.0');
    const bytes = Buffer.from(await (await fetch(`${sim.url}/updates/gov-kiosk_1.3.0_${arch}.deb`)).arrayBuffer());
    expect(bytes).toEqual(Buffer.alloc(3_000, 2));
    expect((await fetch(`${sim.url}/updates/../platform-sim.db`)).status).toBe(404);
  });
});
