import { vi } from 'vitest';
import { loadTerminalConfig } from '../../../config/loadTerminalConfig.js';
import type { TerminalConfig } from '../../../config/terminalConfigSchema.js';
import type { BridgeEventMessage, BridgeReply } from '../../../electron/bridge/bridgeContract.js';
import type { BridgeEndpoint, KioskRuntime } from '../../../electron/runtime/kioskRuntime.js';

/** The shipped sample config, so the shell sees a realistic recovery/quietWindow section. */
export function sampleTerminalConfig(): TerminalConfig {
  const loaded = loadTerminalConfig('config/terminal.sample.json');
  if (!loaded.ok) throw new Error('config/terminal.sample.json does not load');
  return structuredClone(loaded.config);
}

/** A KioskRuntime double: records bridge calls and shutdown, publishes events on demand. */
export function createFakeRuntime(config: TerminalConfig = sampleTerminalConfig()) {
  const listeners = new Set<(message: BridgeEventMessage) => void>();
  const handle = vi.fn<BridgeEndpoint['handle']>(
    async (raw): Promise<BridgeReply> => ({ kind: 'reply', id: (raw as { id: number }).id, ok: true, result: 'handled' }),
  );
  const shutdown = vi.fn(async () => {});
  const state = { sessionActive: false };
  const runtime: KioskRuntime = {
    bridge: {
      handle,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    config,
    dataDir: '/tmp/kiosk-test',
    isSessionActive: () => state.sessionActive,
    isInService: () => true,
    shutdown,
  };
  return {
    runtime,
    handle,
    shutdown,
    state,
    publish(message: BridgeEventMessage) {
      for (const listener of listeners) listener(message);
    },
  };
}
