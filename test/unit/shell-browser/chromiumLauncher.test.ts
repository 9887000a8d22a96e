import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumKioskArgs, findChromium, hasDisplay } from '../../../electron/shell-browser/chromiumLauncher.js';

describe('Chromium launcher', () => {
  it('finds the first installed browser of the candidates, or none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-'));
    const present = join(dir, 'chromium');
    writeFileSync(present, '');
    expect(findChromium([join(dir, 'missing'), present])).toBe(present);
    expect(findChromium([join(dir, 'missing')])).toBeNull();
  });

  it('needs an X11 or Wayland display to open a window', () => {
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });

  it('opens the kiosk URL as a full-screen app with its own profile and no background network chatter', () => {
    const args = chromiumKioskArgs('http://127.0.0.1:8787/', '/var/lib/kiosk/chromium-profile');
    expect(args).toEqual(
      expect.arrayContaining([
        '--app=http://127.0.0.1:8787/',
        '--kiosk',
        '--user-data-dir=/var/lib/kiosk/chromium-profile',
        '--disable-background-networking',
        '--no-first-run',
      ]),
    );
  });
});
