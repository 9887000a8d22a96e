import type { BridgeEventMessage, BridgeReply } from '../bridge/bridgeContract.js';
import type { TerminalConfig } from '../../config/terminalConfigSchema.js';

/** Where a bridge message came from; recorded in the audit entry when it is rejected. */
export interface BridgeOrigin {
  transport: 'ipc' | 'websocket';
  /** Connection or frame description, e.g. "app://kiosk/" or "ws#3". */
  peer: string;
}

/** The runtime's side of the bridge, shared by both shells. */
export interface BridgeEndpoint {
  /** Validates and handles one raw message. Never throws: bad input becomes an error reply. */
  handle(raw: unknown, origin: BridgeOrigin): Promise<BridgeReply>;
  /** Runtime → renderer events; returns the unsubscribe function. */
  subscribe(listener: (message: BridgeEventMessage) => void): () => void;
}

/** What a shell needs from the composed runtime. */
export interface KioskRuntime {
  readonly bridge: BridgeEndpoint;
  readonly config: TerminalConfig;
  readonly dataDir: string;
  /** True while a citizen is being served: no restart, update or reload may interrupt it. */
  isSessionActive(): boolean;
  /** False on the out-of-service screen (staff, operating hours, broken config). */
  isInService(): boolean;
  /** Stops timers, closes devices and the database. Idempotent. */
  shutdown(): Promise<void>;
}
