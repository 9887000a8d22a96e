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
  const client = new WebSocketBridgeClient({ url, WebSocketImpl });
  client.start();
  return client;
}
