import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import {
  denyWindowOpen,
  installNavigationGuards,
  isNavigationAllowed,
  type GuardedWebContents,
} from '../../../electron/shell-electron/navigationPolicy.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { FakeEvent, FakeWebContents } from './fakeElectron.js';

describe('isNavigationAllowed', () => {
  it.each([
    'app://kiosk/index.html',
    'app://kiosk/',
    'app://kiosk/assets/main-abc123.js',
    'app://kiosk/index.html#/menu',
    'app://KIOSK/index.html',
  ])('allows the app origin: %s', (url) => {
    expect(isNavigationAllowed(url)).toBe(true);
  });

  it.each([
    ['file', 'file:///etc/passwd'],
    ['http', 'http://example.com/'],
    ['https', 'https://kiosk/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['other host', 'app://evil/index.html'],
    ['host with suffix', 'app://kiosk.evil/index.html'],
    ['userinfo trick', 'app://kiosk@evil/index.html'],
    ['port', 'app://kiosk:8080/index.html'],
    ['chrome scheme', 'chrome://gpu'],
    ['devtools scheme', 'devtools://devtools/bundled/inspector.html'],
    ['relative', '/index.html'],
    ['empty', ''],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

describe('installNavigationGuards', () => {
  function guarded() {
    const contents = new FakeWebContents();
    installNavigationGuards(contents as unknown as GuardedWebContents, silentLogger);
    return contents;
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: prevents foreign URLs, lets app URLs through', (name) => {
    const contents = guarded();
    const foreign = new FakeEvent('https://example.com/');
    contents.emit(name, foreign);
    expect(foreign.defaultPrevented).toBe(true);
    const own = new FakeEvent('app://kiosk/index.html');
    contents.emit(name, own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('denies every new window, including ones to our own origin', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('prevents every webview attach', () => {
    const contents = guarded();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('installs a guard for each navigation event', () => {
    const contents = guarded() as EventEmitter;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.listenerCount(name)).toBe(1);
    }
  });
});
