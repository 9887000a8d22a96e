/**
 * Transport constants of the bridge, kept free of imports so the sandboxed preload can
 * bundle them without pulling in the schemas.
 */
export const BRIDGE_IPC_REQUEST_CHANNEL = 'kiosk:request';
export const BRIDGE_IPC_EVENT_CHANNEL = 'kiosk:event';
export const BRIDGE_WS_PATH = '/bridge';
/** The browser shell replaces this placeholder in index.html with the per-launch token. */
export const BRIDGE_TOKEN_PLACEHOLDER = '__KIOSK_BRIDGE_TOKEN__';
export const BRIDGE_TOKEN_META_NAME = 'kiosk-bridge-token';
/** The origin the Electron shell serves the renderer from (custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The largest message the runtime accepts from a renderer, in bytes of JSON. */
export const MAX_BRIDGE_MESSAGE_BYTES = 16 * 1024;
