import type { KioskBridgeApi } from '../../../electron/bridge/bridgeApi.js';
import type { BridgeConnection } from './bridgeConnection.js';
import { buildBridgeUrl, readBridgeToken } from './bridgeUrl.js';
import { WebSocketBridgeClient, type WebSocketConstructor } from './webSocketBridgeClient.js';

/** Electron's IPC bridge lives as long as the page, so it is always open. */
export function wrapPreloadBridge(api: KioskBridgeApi): BridgeConnection {
  return {
    request: (request) => api.request(request),
    onEvent: (listener) => api.onEvent(listener),
    getConnectionState: () => 'open',
    onConnectionStateChange: () => () => undefined,
  };
}

/**
 * The bridge for this page: the preload's window.kioskBridge in Electron, otherwise a
 * WebSocket back to the browser shell that served the page.
 */
export function connectBridge(
  win: Window = window,
  WebSocketImpl: WebSocketConstructor = WebSocket,
): BridgeConnection {
  const preloadBridge = (win as Window & { kioskBridge?: KioskBridgeApi }).kioskBridge;
  if (preloadBridge) return wrapPreloadBridge(preloadBridge);

  const url = buildBridgeUrl(win.location, readBridgeToken(win.document));
  const client = new WebSocketBridgeClient({
    url,
    WebSocketImpl,
    onRepeatedFailure: () => void reloadIfShellRestarted(win),
  });
  client.start();
  return client;
}

const LAST_RELOAD_KEY = 'kiosk.bridgeReloadAt';
const MIN_RELOAD_INTERVAL_MS = 60_000;

/**
 * The bridge keeps failing. If the shell answers its health check, it is up but no longer
 * accepts our token (it restarted): reload to get the new one. If it is down, reloading
 * would show the browser's error page, so keep the "reconnecting" screen and retry. At most
 * one reload a minute, so a shell that refuses us for another reason cannot cause a loop.
 */
export async function reloadIfShellRestarted(win: Window): Promise<boolean> {
  const last = Number(win.sessionStorage.getItem(LAST_RELOAD_KEY) ?? 0);
  if (Date.now() - last < MIN_RELOAD_INTERVAL_MS) return false;
  try {
    const response = await win.fetch('healthz', { cache: 'no-store' });
    if (!response.ok) return false;
  } catch {
    return false;
  }
  win.sessionStorage.setItem(LAST_RELOAD_KEY, String(Date.now()));
  win.location.reload();
  return true;
}
