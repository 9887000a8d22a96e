import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEventMessage, BridgeReply } from '../../../electron/bridge/bridgeContract.js';
import { BridgeUnavailableError, type ConnectionState } from '../../../renderer/src/bridge/bridgeConnection.js';
import { buildBridgeUrl, readBridgeToken } from '../../../renderer/src/bridge/bridgeUrl.js';
import { connectBridge, reloadIfShellRestarted, wrapPreloadBridge } from '../../../renderer/src/bridge/connectBridge.js';
import { reconnectDelayMs } from '../../../renderer/src/bridge/reconnectDelay.js';
import { WebSocketBridgeClient, type WebSocketLike } from '../../../renderer/src/bridge/webSocketBridgeClient.js';
import { createKioskStore } from '../../../renderer/src/state/kioskStore.js';
import { sampleSnapshot } from './sampleSnapshot.js';

/** Plays the browser shell's side of one socket. */
class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  readonly sent: unknown[] = [];
  closedByClient = false;
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closedByClient = true;
  }

  accept(): void {
    this.onopen?.({} as Event);
  }
  drop(): void {
    this.onerror?.({} as Event);
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
  deliver(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  lastSent(): { kind: string; id: number; [key: string]: unknown } {
    return this.sent.at(-1) as { kind: string; id: number };
  }
}

const URL_WITH_TOKEN = 'ws://127.0.0.1:8787/bridge?token=abc';

function startClient(options: Partial<ConstructorParameters<typeof WebSocketBridgeClient>[0]> = {}) {
  const client = new WebSocketBridgeClient({ url: URL_WITH_TOKEN, WebSocketImpl: FakeWebSocket, ...options });
  const states: ConnectionState[] = [];
  client.onConnectionStateChange((state) => states.push(state));
  client.start();
  return { client, states };
}

beforeEach(() => {
  FakeWebSocket.instances = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('bridge URL and token', () => {
  it('builds ws://<host>/bridge?token=… on the page host', () => {
    expect(buildBridgeUrl({ protocol: 'http:', host: '127.0.0.1:8787' }, 'abc')).toBe(URL_WITH_TOKEN);
    expect(buildBridgeUrl({ protocol: 'https:', host: 'kiosk.local' }, 'a+b/c')).toBe(
      'wss://kiosk.local/bridge?token=a%2Bb%2Fc',
    );
  });

  it('reads the token from the meta tag', () => {
    const doc = {
      querySelector: (selector: string) =>
        selector === 'meta[name="kiosk-bridge-token"]' ? ({ content: 'tok-123' } as HTMLMetaElement) : null,
    } as Pick<Document, 'querySelector'>;
    expect(readBridgeToken(doc)).toBe('tok-123');
    expect(readBridgeToken({ querySelector: () => null } as Pick<Document, 'querySelector'>)).toBe('');
  });

  it('connects with the token from the page when there is no preload bridge', () => {
    const fakeWindow = {
      location: { protocol: 'http:', host: '127.0.0.1:9000' },
      document: { querySelector: () => ({ content: 'launch-token' }) },
    } as unknown as Window;
    const connection = connectBridge(fakeWindow, FakeWebSocket);
    expect(FakeWebSocket.latest().url).toBe('ws://127.0.0.1:9000/bridge?token=launch-token');
    expect(connection.getConnectionState()).toBe('connecting');
    (connection as WebSocketBridgeClient).stop();
  });

  it('uses the Electron preload bridge when present, always open', async () => {
    const reply: BridgeReply = { kind: 'reply', id: 1, ok: true, result: null };
    const preload = { request: vi.fn(async () => reply), onEvent: vi.fn(() => () => undefined) };
    const connection = connectBridge({ kioskBridge: preload } as unknown as Window, FakeWebSocket);
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(connection.getConnectionState()).toBe('open');
    await expect(connection.request({ kind: 'intent', id: 1, intent: { type: 'nav.back' } })).resolves.toBe(reply);
    expect(wrapPreloadBridge(preload).getConnectionState()).toBe('open');
  });
});

describe('WebSocket bridge client', () => {
  it('opens the socket with the token in the URL and reports the connection state', () => {
    const { client, states } = startClient();
    expect(FakeWebSocket.latest().url).toBe(URL_WITH_TOKEN);
    expect(client.getConnectionState()).toBe('connecting');
    FakeWebSocket.latest().accept();
    expect(states).toEqual(['connecting', 'open']);
  });

  it('refuses requests while not connected, without queueing them', async () => {
    const { client } = startClient();
    await expect(client.request({ kind: 'intent', id: 1, intent: { type: 'session.start' } })).rejects.toBeInstanceOf(
      BridgeUnavailableError,
    );
    FakeWebSocket.latest().accept();
    expect(FakeWebSocket.latest().sent).toEqual([]);
  });

  it('matches replies to requests by id, whatever the order', async () => {
    const { client } = startClient();
    const socket = FakeWebSocket.latest();
    socket.accept();
    const first = client.request({ kind: 'query', id: 70, query: { type: 'snapshot.get' } });
    const firstWire = socket.lastSent();
    const second = client.request({ kind: 'intent', id: 71, intent: { type: 'nav.back' } });
    const secondWire = socket.lastSent();
    expect(firstWire).toMatchObject({ kind: 'query', query: { type: 'snapshot.get' } });
    expect(secondWire).toMatchObject({ kind: 'intent', intent: { type: 'nav.back' } });
    expect(firstWire.id).not.toBe(secondWire.id);

    socket.deliver({ kind: 'reply', id: secondWire.id, ok: false, error: { code: 'not-allowed', message: 'no' } });
    socket.deliver({ kind: 'reply', id: firstWire.id, ok: true, result: { seq: 1 } });
    // The caller gets its own id back.
    await expect(first).resolves.toEqual({ kind: 'reply', id: 70, ok: true, result: { seq: 1 } });
    await expect(second).resolves.toMatchObject({ id: 71, ok: false, error: { code: 'not-allowed' } });
  });

  it('ignores garbage and replies to unknown ids', () => {
    const { client } = startClient();
    const socket = FakeWebSocket.latest();
    socket.accept();
    const listener = vi.fn();
    client.onEvent(listener);
    socket.onmessage?.({ data: 'not json' } as MessageEvent);
    socket.deliver({ kind: 'reply', id: 999, ok: true, result: null });
    socket.deliver(42);
    expect(listener).not.toHaveBeenCalled();
  });

  it('delivers events to every listener until it unsubscribes', () => {
    const { client } = startClient();
    const socket = FakeWebSocket.latest();
    socket.accept();
    const received: BridgeEventMessage[] = [];
    const other = vi.fn();
    const unsubscribe = client.onEvent((message) => received.push(message));
    client.onEvent(other);
    const message: BridgeEventMessage = { kind: 'event', event: { type: 'reload' } };
    socket.deliver(message);
    unsubscribe();
    socket.deliver(message);
    expect(received).toEqual([message]);
    expect(other).toHaveBeenCalledTimes(2);
  });

  it('rejects pending requests when the socket closes', async () => {
    const { client } = startClient();
    FakeWebSocket.latest().accept();
    const pending = client.request({ kind: 'intent', id: 1, intent: { type: 'session.keepAlive' } });
    FakeWebSocket.latest().drop();
    await expect(pending).rejects.toBeInstanceOf(BridgeUnavailableError);
    expect(client.getConnectionState()).toBe('closed');
  });

  it('rejects a request that gets no reply in time', async () => {
    const { client } = startClient({ requestTimeoutMs: 1000 });
    FakeWebSocket.latest().accept();
    const pending = client.request({ kind: 'intent', id: 1, intent: { type: 'nav.back' } });
    const assertion = expect(pending).rejects.toBeInstanceOf(BridgeUnavailableError);
    vi.advanceTimersByTime(1000);
    await assertion;
  });

  it('reconnects with doubling delays, capped, and resets the delay after a success', () => {
    const backoff = { initialDelayMs: 100, maxDelayMs: 400 };
    const { states } = startClient({ backoff });
    const expectNewSocketAfter = (delayMs: number) => {
      const count = FakeWebSocket.instances.length;
      vi.advanceTimersByTime(delayMs - 1);
      expect(FakeWebSocket.instances).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(FakeWebSocket.instances).toHaveLength(count + 1);
    };

    FakeWebSocket.latest().drop();
    expectNewSocketAfter(100);
    FakeWebSocket.latest().drop();
    expectNewSocketAfter(200);
    FakeWebSocket.latest().drop();
    expectNewSocketAfter(400);
    FakeWebSocket.latest().drop();
    expectNewSocketAfter(400);

    FakeWebSocket.latest().accept();
    FakeWebSocket.latest().drop();
    expectNewSocketAfter(100);
    expect(states.slice(0, 3)).toEqual(['connecting', 'closed', 'connecting']);
    expect(FakeWebSocket.instances.every((socket) => socket.url === URL_WITH_TOKEN)).toBe(true);
  });

  it('reports every failure from the third in a row on, and starts counting again after a success', () => {
    const onRepeatedFailure = vi.fn();
    startClient({ backoff: { initialDelayMs: 10, maxDelayMs: 10 }, onRepeatedFailure });
    FakeWebSocket.latest().accept();
    for (let i = 0; i < 2; i++) {
      FakeWebSocket.latest().drop();
      vi.advanceTimersByTime(10);
    }
    expect(onRepeatedFailure).not.toHaveBeenCalled();
    FakeWebSocket.latest().drop();
    expect(onRepeatedFailure).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10);
    FakeWebSocket.latest().drop();
    expect(onRepeatedFailure).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10);
    FakeWebSocket.latest().accept();
    for (let i = 0; i < 2; i++) {
      FakeWebSocket.latest().drop();
      vi.advanceTimersByTime(10);
    }
    expect(onRepeatedFailure).toHaveBeenCalledTimes(2);
  });

  it('stops reconnecting once stopped', () => {
    const { client } = startClient();
    FakeWebSocket.latest().accept();
    client.stop();
    expect(FakeWebSocket.latest().closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('makes the store query the snapshot again on every reconnect', async () => {
    const { client } = startClient({ backoff: { initialDelayMs: 100, maxDelayMs: 100 } });
    const store = createKioskStore(client, { now: () => 0 });

    const answerSnapshotQuery = (socket: FakeWebSocket, seq: number) => {
      const query = socket.sent.find((message) => (message as { kind: string }).kind === 'query') as { id: number };
      expect(query).toBeDefined();
      socket.deliver({ kind: 'reply', id: query.id, ok: true, result: sampleSnapshot({ seq }) });
    };

    FakeWebSocket.latest().accept();
    answerSnapshotQuery(FakeWebSocket.latest(), 30);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().snapshot?.seq).toBe(30);

    FakeWebSocket.latest().drop();
    expect(store.getState().connection).toBe('closed');
    await vi.advanceTimersByTimeAsync(100);
    FakeWebSocket.latest().accept();
    expect(FakeWebSocket.instances).toHaveLength(2);
    answerSnapshotQuery(FakeWebSocket.latest(), 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().snapshot?.seq).toBe(1);
    client.stop();
  });
});

describe('reconnect delay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = { initialDelayMs: 250, maxDelayMs: 5000 };
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((attempt) => reconnectDelayMs(attempt, policy))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });
});

describe('reload after the browser shell restarted', () => {
  function fakeWindow(health: 'up' | 'down' | 'error') {
    const storage = new Map<string, string>();
    const reload = vi.fn();
    const fetch = vi.fn(async () => {
      if (health === 'down') throw new TypeError('Failed to fetch');
      return { ok: health === 'up' } as Response;
    });
    const win = {
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
      fetch,
      location: { reload },
    } as unknown as Window;
    return { win, reload, fetch };
  }

  it('reloads when the shell answers its health check, at most once a minute', async () => {
    const { win, reload, fetch } = fakeWindow('up');
    expect(await reloadIfShellRestarted(win)).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(await reloadIfShellRestarted(win)).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(await reloadIfShellRestarted(win)).toBe(true);
  });

  it('keeps the reconnecting screen when the shell is down or unhealthy (a reload would show an error page)', async () => {
    for (const health of ['down', 'error'] as const) {
      const { win, reload } = fakeWindow(health);
      expect(await reloadIfShellRestarted(win)).toBe(false);
      expect(reload).not.toHaveBeenCalled();
    }
  });
});
