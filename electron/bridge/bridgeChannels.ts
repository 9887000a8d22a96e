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
/**
 * The intents that carry a picture (flow.faceCaptured: one JPEG of at most 2.8 MB of base64;
 * flow.signatureCaptured: a PNG and its strokes) may be this large. A real camera's frame is
 * 50–300 KB and a signature 20–200 KB, so the ordinary limit would refuse them.
 */
export const MAX_BRIDGE_PHOTO_MESSAGE_BYTES = 3 * 1024 * 1024;
export const BRIDGE_PICTURE_INTENT_TYPES: ReadonlySet<string> = new Set(['flow.faceCaptured', 'flow.signatureCaptured']);

/** The size limit for one message (already parsed, or structured-cloned over IPC). */
export function bridgeMessageLimit(message: unknown): number {
  if (typeof message !== 'object' || message === null) return MAX_BRIDGE_MESSAGE_BYTES;
  const { kind, intent } = message as { kind?: unknown; intent?: unknown };
  const type = typeof intent === 'object' && intent !== null ? (intent as { type?: unknown }).type : undefined;
  return kind === 'intent' && typeof type === 'string' && BRIDGE_PICTURE_INTENT_TYPES.has(type) ? MAX_BRIDGE_PHOTO_MESSAGE_BYTES : MAX_BRIDGE_MESSAGE_BYTES;
}
