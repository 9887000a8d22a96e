import type { BrowserWindowConstructorOptions } from 'electron';

/** Painted before the renderer's first frame, so a slow start never flashes the desktop. */
export const KIOSK_BACKGROUND_COLOR = '#ffffff';

export interface KioskWindowOptionsInput {
  /** Absolute path of the bundled, sandbox-safe preload (out/preload/preload.cjs). */
  preloadPath: string;
  /** app.isPackaged: devtools exist only in development builds. */
  isPackaged: boolean;
}

/**
 * The one kiosk window. Every security-relevant webPreference is spelled out even where it
 * equals Electron's default, so an Electron upgrade that changes a default cannot loosen
 * the shell, and electronegativity sees an explicit value.
 */
export function kioskWindowOptions({ preloadPath, isPackaged }: KioskWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    // Shown on ready-to-show, so the citizen never sees a blank window being painted.
    show: false,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: !isPackaged,
      spellcheck: false,
      // alert/confirm/prompt would block the screen with a native dialog nobody can dismiss.
      disableDialogs: true,
      navigateOnDragDrop: false,
      // The kiosk is always in front; timers and animations must not be throttled.
      backgroundThrottling: false,
      // Voice guidance starts without a prior touch (e.g. on the attract screen).
      autoplayPolicy: 'no-user-gesture-required',
      // Middle-click would open links in new windows; those are denied anyway.
      disableBlinkFeatures: 'Auxclick',
      zoomFactor: 1,
    },
  };
}
