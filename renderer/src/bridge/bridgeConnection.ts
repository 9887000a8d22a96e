import type { KioskBridgeApi } from '../../../electron/bridge/bridgeApi.js';

/** 'open': requests can be sent. 'connecting': first attempt or a retry under way. 'closed': waiting to retry. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The bridge API plus a signal of whether it is currently usable. */
export interface BridgeConnection extends KioskBridgeApi {
  getConnectionState(): ConnectionState;
  /** Returns the unsubscribe function. */
  onConnectionStateChange(listener: (state: ConnectionState) => void): () => void;
}

/** Why a request never got a reply: the renderer shows a friendly line, never this message. */
export class BridgeUnavailableError extends Error {
  constructor(reason: 'disconnected' | 'timeout') {
    super(`bridge request failed: ${reason}`);
    this.name = 'BridgeUnavailableError';
  }
}
