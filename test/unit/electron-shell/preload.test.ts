import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_IPC_EVENT_CHANNEL, BRIDGE_IPC_REQUEST_CHANNEL } from '../../../electron/bridge/bridgeChannels.js';
import type { BridgeEventMessage, BridgeRequest } from '../../../electron/bridge/bridgeContract.js';
import type { IpcRendererEvent } from 'electron';

/** A fake ipcRenderer: invoke records, on/removeListener keep real listener sets. */
const fakes = vi.hoisted(() => {
  type Listener = (event: IpcRendererEvent, message: BridgeEventMessage) => void;
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: vi.fn(async (_channel: string, request: unknown) => ({ kind: 'reply', id: (request as { id: number }).id, ok: true, result: null })),
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    /** What main's webContents.send does on the renderer side. */
    deliver(channel: string, message: BridgeEventMessage) {
      const event = { sender: 'IpcRendererEvent', ports: [] } as unknown as IpcRendererEvent;
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(event, message);
    },
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  return { ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({ contextBridge: fakes.contextBridge, ipcRenderer: fakes.ipcRenderer }));

const { createKioskBridgeApi, KIOSK_BRIDGE_GLOBAL } = await import('../../../electron/preload/preload.js');

const snapshotEvent = { kind: 'event', event: { type: 'reload' } } as const satisfies BridgeEventMessage;
const request: BridgeRequest = { kind: 'query', id: 5, query: { type: 'snapshot.get' } };

describe('preload', () => {
  it('exposes exactly one global, kioskBridge, with only request and onEvent', () => {
    expect(fakes.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = fakes.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('kioskBridge');
    expect(KIOSK_BRIDGE_GLOBAL).toBe('kioskBridge');
    expect(Object.keys(api).sort()).toEqual(['onEvent', 'request']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('request invokes the fixed request channel', async () => {
    const api = createKioskBridgeApi(fakes.ipcRenderer);
    await expect(api.request(request)).resolves.toEqual({ kind: 'reply', id: 5, ok: true, result: null });
    expect(fakes.ipcRenderer.invoke).toHaveBeenLastCalledWith(BRIDGE_IPC_REQUEST_CHANNEL, request);
  });

  it.each([
    ['a string', 'snapshot.get'],
    ['null', null],
    ['a number', 42],
    ['an array', [request]],
    ['undefined', undefined],
  ])('rejects %s locally without touching IPC', async (_name, value) => {
    const api = createKioskBridgeApi(fakes.ipcRenderer);
    fakes.ipcRenderer.invoke.mockClear();
    await expect(api.request(value as unknown as BridgeRequest)).rejects.toThrow(TypeError);
    expect(fakes.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('onEvent hands the page the message only, never the IpcRendererEvent', () => {
    const api = createKioskBridgeApi(fakes.ipcRenderer);
    const received: unknown[][] = [];
    const unsubscribe = api.onEvent((...args: unknown[]) => received.push(args));
    fakes.ipcRenderer.deliver(BRIDGE_IPC_EVENT_CHANNEL, snapshotEvent);
    expect(received).toEqual([[snapshotEvent]]);
    unsubscribe();
  });

  it('unsubscribe removes only its own listener', () => {
    const api = createKioskBridgeApi(fakes.ipcRenderer);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const before = fakes.ipcRenderer.listenerCount(BRIDGE_IPC_EVENT_CHANNEL);
    const stopFirst = api.onEvent((message) => first.push(message));
    const stopSecond = api.onEvent((message) => second.push(message));
    stopFirst();
    stopFirst();
    fakes.ipcRenderer.deliver(BRIDGE_IPC_EVENT_CHANNEL, snapshotEvent);
    expect(first).toEqual([]);
    expect(second).toEqual([snapshotEvent]);
    stopSecond();
    expect(fakes.ipcRenderer.listenerCount(BRIDGE_IPC_EVENT_CHANNEL)).toBe(before);
  });

  it('onEvent refuses a non-function listener', () => {
    const api = createKioskBridgeApi(fakes.ipcRenderer);
    expect(() => api.onEvent('nope' as unknown as (message: BridgeEventMessage) => void)).toThrow(TypeError);
  });

  it('the preload source imports nothing at runtime but electron and the channel constants', async () => {
    const { readFileSync } = await import('node:fs');
    const code = readFileSync('electron/preload/preload.ts', 'utf8');
    const runtimeImports = [...code.matchAll(/^import\s+(?!type\b)[^;]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../bridge/bridgeChannels.js', 'electron']);
  });
});

describe('preload bundle', () => {
  it('bundles to CommonJS that requires only electron and carries no zod', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: ['electron/preload/preload.ts'],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/zod/i);
  });
});
