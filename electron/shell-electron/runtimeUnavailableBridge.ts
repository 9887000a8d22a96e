import type { BridgeReply } from '../bridge/bridgeContract.js';
import type { BridgeEndpoint } from '../runtime/kioskRuntime.js';
import { requestIdOf } from './bridgeIpcHandler.js';

/**
 * Stands in for the runtime's bridge when the runtime could not be created: every request
 * gets an 'internal' error reply, so the renderer keeps showing its "reconnecting" screen
 * instead of waiting forever.
 */
export const runtimeUnavailableBridge: BridgeEndpoint = {
  handle: async (raw): Promise<BridgeReply> => ({
    kind: 'reply',
    id: requestIdOf(raw),
    ok: false,
    error: { code: 'internal', message: 'the terminal runtime is not available' },
  }),
  subscribe: () => () => {},
};
