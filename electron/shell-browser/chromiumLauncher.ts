import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(candidates: string[] = CANDIDATES): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Chromium flags for the kiosk window: app + kiosk mode, own profile, no background chatter. */
export function chromiumKioskArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export function launchChromium(executable: string, url: string, dataDir: string): ChildProcess {
  const child = spawn(executable, chromiumKioskArgs(url, join(dataDir, 'chromium-profile')), {
    stdio: 'ignore',
    detached: false,
  });
  return child;
}
