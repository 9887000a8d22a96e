import type { WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../bridge/bridgeChannels.js';
import type { Logger } from '../runtime/logger.js';

/**
 * True only for URLs of the renderer's own origin (app://kiosk/...). Parsed with URL, so
 * tricks like "app://kiosk@evil/" (userinfo) or "app://kiosk.evil/" are recognised as
 * other hosts; file:, http(s):, javascript:, data:, about: and malformed URLs are refused.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The kiosk only ever shows its own renderer: any navigation elsewhere is an escape route. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** window.open, target=_blank and friends: there is never a second window on a kiosk. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The narrow part of WebContents the guards need; a real WebContents satisfies it. */
export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

interface PreventableNavigation {
  url: string;
  preventDefault(): void;
}

/**
 * Installs the navigation, new-window and webview guards on one webContents. The shell
 * calls it from app 'web-contents-created', so it covers every webContents, not only the
 * kiosk window's. shell.openExternal is deliberately never called: it would open the OS
 * browser, which is a way out of the kiosk.
 */
export function installNavigationGuards(contents: GuardedWebContents, logger: Logger): void {
  contents.setWindowOpenHandler((details) => {
    logger.warn('window open denied', { url: describeUrl(details.url) });
    return denyWindowOpen();
  });
  const guard = (kind: string) => (event: PreventableNavigation) => {
    if (isNavigationAllowed(event.url)) return;
    event.preventDefault();
    logger.warn('navigation blocked', { kind, url: describeUrl(event.url) });
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview attach prevented');
  });
}

/** Scheme and host only: a blocked URL may carry query data we do not want in the log. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable)';
  }
}
