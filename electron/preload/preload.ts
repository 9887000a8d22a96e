import { contextBridge, ipcRenderer } from 'electron';
import type { ContextBridge, IpcRendererEvent } from 'electron';
import { BRIDGE_IPC_EVENT_CHANNEL, BRIDGE_IPC_REQUEST_CHANNEL } from '../bridge/bridgeChannels.js';
import type { KioskBridgeApi } from '../bridge/bridgeApi.js';
import type { BridgeEventMessage, BridgeReply, BridgeRequest } from '../bridge/bridgeContract.js';

/**
 * The sandboxed preload, bundled to one CJS file. It may only require 'electron', so it
 * imports the zod-free channel constants and nothing but types from the contract; the
 * runtime validates every message anyway.
 */

/** The page sees exactly one global: window.kioskBridge. */
export const KIOSK_BRIDGE_GLOBAL = 'kioskBridge';

/** What arrives on the event channel: Electron's event object, then the message. */
type IpcListener = (event: IpcRendererEvent, message: BridgeEventMessage) => void;

/** The slice of ipcRenderer the preload uses; the real ipcRenderer satisfies it. */
export interface PreloadIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * Builds the API on the fixed bridge channels. Never exposes ipcRenderer itself, a channel
 * parameter or the IpcRendererEvent (security checklist #20).
 */
export function createKioskBridgeApi(ipc: PreloadIpcRenderer): KioskBridgeApi {
  return Object.freeze({
    request(request: BridgeRequest): Promise<BridgeReply> {
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        return Promise.reject(new TypeError('kioskBridge.request expects a request object'));
      }
      return ipc.invoke(BRIDGE_IPC_REQUEST_CHANNEL, request) as Promise<BridgeReply>;
    },
    onEvent(listener: (message: BridgeEventMessage) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('kioskBridge.onEvent expects a function');
      const forward = (_event: IpcRendererEvent, message: BridgeEventMessage) => listener(message);
      ipc.on(BRIDGE_IPC_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(BRIDGE_IPC_EVENT_CHANNEL, forward);
      };
    },
  });
}

export function exposeKioskBridge(bridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipc: PreloadIpcRenderer): void {
  bridge.exposeInMainWorld(KIOSK_BRIDGE_GLOBAL, createKioskBridgeApi(ipc));
}

exposeKioskBridge(contextBridge, ipcRenderer);
