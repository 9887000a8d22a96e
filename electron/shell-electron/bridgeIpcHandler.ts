import { bridgeMessageLimit } from '../bridge/bridgeChannels.js';
import type { BridgeReply } from '../bridge/bridgeContract.js';
import type { BridgeEndpoint } from '../runtime/kioskRuntime.js';
import type { Logger } from '../runtime/logger.js';
import { checkIpcSender, type IpcSenderFacts } from './ipcSenderCheck.js';

export interface BridgeIpcHandlerOptions {
  /** Resolves once the runtime is up; requests that arrive earlier wait for it. */
  bridge: () => Promise<BridgeEndpoint>;
  /** The kiosk window's webContents, the only trusted sender; undefined before it exists. */
  kioskWebContents: () => unknown;
  logger: Logger;
}

/**
 * The ipcMain.handle(BRIDGE_IPC_REQUEST_CHANNEL) handler: sender check, size limit, then the
 * runtime's validator. Untrusted senders never reach the runtime. A vanished frame gets
 * `undefined` (nobody is listening); any other refusal gets a typed error reply.
 */
export function createBridgeIpcHandler(options: BridgeIpcHandlerOptions) {
  return async (event: IpcSenderFacts, payload: unknown): Promise<BridgeReply | undefined> => {
    const verdict = checkIpcSender(event, options.kioskWebContents());
    if (!verdict.trusted) {
      options.logger.warn('bridge IPC from untrusted sender ignored', { reason: verdict.reason });
      return verdict.answerable ? refusal(payload, 'not-allowed', 'sender not allowed') : undefined;
    }
    const size = jsonSize(payload);
    const limit = bridgeMessageLimit(payload);
    if (size === null || size > limit) {
      options.logger.warn('bridge IPC message refused', { bytes: size ?? 'unserialisable' });
      return refusal(payload, 'invalid-message', size === null ? 'message cannot be serialised' : `message larger than ${limit} bytes`);
    }
    const bridge = await options.bridge();
    return bridge.handle(payload, { transport: 'ipc', peer: verdict.frameUrl });
  };
}

/** Size as the runtime measures it: UTF-8 bytes of the JSON text. */
function jsonSize(payload: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
  } catch {
    return null;
  }
}

function refusal(payload: unknown, code: 'not-allowed' | 'invalid-message', message: string): BridgeReply {
  return { kind: 'reply', id: requestIdOf(payload), ok: false, error: { code, message } };
}

/** Echo a usable id so the renderer can pair the refusal with its request; else -1. */
export function requestIdOf(payload: unknown): number {
  if (typeof payload === 'object' && payload !== null && 'id' in payload) {
    const id = (payload as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  }
  return -1;
}
