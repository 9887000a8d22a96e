import type { BridgeEventMessage, BridgeReply, BridgeRequest } from './bridgeContract.js';

/**
 * What the preload exposes as `window.kioskBridge` (Electron) and what the renderer's
 * WebSocket client implements (browser shell): the only API the renderer has.
 * Type-only, so the preload can import it without bundling the schemas.
 */
export interface KioskBridgeApi {
  request(request: BridgeRequest): Promise<BridgeReply>;
  /** Subscribes to runtime events; returns the unsubscribe function. */
  onEvent(listener: (message: BridgeEventMessage) => void): () => void;
}
