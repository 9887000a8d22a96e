import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../../electron/shell-electron/windowOptions.js';

const PRELOAD = '/opt/gov-kiosk/out/preload/preload.cjs';

describe('kioskWindowOptions', () => {
  const production = kioskWindowOptions({ preloadPath: PRELOAD, isPackaged: true });
  const prefs = production.webPreferences ?? {};

  it.each([
    ['preload', PRELOAD],
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['devTools', false],
    ['spellcheck', false],
    ['disableDialogs', true],
    ['navigateOnDragDrop', false],
    ['backgroundThrottling', false],
    ['autoplayPolicy', 'no-user-gesture-required'],
    ['disableBlinkFeatures', 'Auxclick'],
    ['zoomFactor', 1],
  ] as const)('sets webPreferences.%s explicitly to %s', (key, value) => {
    expect(Object.hasOwn(prefs, key)).toBe(true);
    expect(prefs[key]).toBe(value);
  });

  it('never enables Blink features or insecure switches', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(Object.keys(prefs)).not.toContain('enableRemoteModule');
  });

  it('is a frameless fullscreen kiosk window, hidden until ready-to-show', () => {
    expect(production).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      show: false,
      autoHideMenuBar: true,
    });
    expect(production.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('allows devtools only in an unpackaged (development) build', () => {
    expect(kioskWindowOptions({ preloadPath: PRELOAD, isPackaged: false }).webPreferences?.devTools).toBe(true);
    expect(prefs.devTools).toBe(false);
  });
});
