import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEventMessage, BridgeReply, BridgeRequest } from '../../../electron/bridge/bridgeContract.js';
import type { KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';
import { BridgeUnavailableError, type BridgeConnection, type ConnectionState } from '../../../renderer/src/bridge/bridgeConnection.js';
import { createKioskStore } from '../../../renderer/src/state/kioskStore.js';
import { sampleSnapshot } from './sampleSnapshot.js';

/** A bridge whose replies the test decides; records every request. */
class FakeBridge implements BridgeConnection {
  readonly requests: BridgeRequest[] = [];
  connection: ConnectionState = 'open';
  snapshotForQuery: KioskSnapshot | null = null;
  replyFor: (request: BridgeRequest) => Promise<BridgeReply> = (request) =>
    Promise.resolve(
      request.kind === 'query'
        ? this.snapshotForQuery
          ? { kind: 'reply', id: request.id, ok: true, result: this.snapshotForQuery }
          : { kind: 'reply', id: request.id, ok: false, error: { code: 'internal', message: 'no snapshot' } }
        : { kind: 'reply', id: request.id, ok: true, result: null },
    );
  private readonly eventListeners = new Set<(message: BridgeEventMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  request(request: BridgeRequest): Promise<BridgeReply> {
    this.requests.push(request);
    return this.replyFor(request);
  }
  onEvent(listener: (message: BridgeEventMessage) => void) {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
  getConnectionState() {
    return this.connection;
  }
  onConnectionStateChange(listener: (state: ConnectionState) => void) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  emitSnapshot(snapshot: KioskSnapshot) {
    for (const listener of this.eventListeners) listener({ kind: 'event', event: { type: 'snapshot', snapshot } });
  }
  emitReload() {
    for (const listener of this.eventListeners) listener({ kind: 'event', event: { type: 'reload' } });
  }
  setConnection(state: ConnectionState) {
    this.connection = state;
    for (const listener of this.stateListeners) listener(state);
  }
  intentTypes() {
    return this.requests.flatMap((request) => (request.kind === 'intent' ? [request.intent.type] : []));
  }
  queryCount() {
    return this.requests.filter((request) => request.kind === 'query').length;
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('kiosk store', () => {
  let bridge: FakeBridge;
  let localNow: number;
  const now = () => localNow;

  beforeEach(() => {
    bridge = new FakeBridge();
    localNow = 500_000;
  });

  it('queries the snapshot at once when the bridge is already open', async () => {
    bridge.snapshotForQuery = sampleSnapshot({ seq: 4 });
    const store = createKioskStore(bridge, { now });
    await flush();
    expect(bridge.queryCount()).toBe(1);
    expect(store.getState().snapshot?.seq).toBe(4);
  });

  it('drops snapshots older than the one shown', async () => {
    const store = createKioskStore(bridge, { now });
    await flush();
    bridge.emitSnapshot(sampleSnapshot({ seq: 5, screen: { name: 'menu' } }));
    bridge.emitSnapshot(sampleSnapshot({ seq: 3, screen: { name: 'attract' } }));
    expect(store.getState().snapshot?.seq).toBe(5);
    expect(store.getState().snapshot?.screen.name).toBe('menu');
    bridge.emitSnapshot(sampleSnapshot({ seq: 6, screen: { name: 'attract' } }));
    expect(store.getState().snapshot?.screen.name).toBe('attract');
  });

  it('drops a query reply that crossed a newer event', async () => {
    let answerQuery: (reply: BridgeReply) => void = () => undefined;
    bridge.replyFor = (request) =>
      request.kind === 'query'
        ? new Promise((resolve) => (answerQuery = resolve))
        : Promise.resolve({ kind: 'reply', id: request.id, ok: true, result: null });
    const store = createKioskStore(bridge, { now });
    bridge.emitSnapshot(sampleSnapshot({ seq: 10, screen: { name: 'menu' } }));
    answerQuery({ kind: 'reply', id: 1, ok: true, result: sampleSnapshot({ seq: 9 }) });
    await flush();
    expect(store.getState().snapshot?.seq).toBe(10);
  });

  it('records the runtime clock offset of the shown snapshot', async () => {
    const store = createKioskStore(bridge, { now });
    bridge.emitSnapshot(sampleSnapshot({ seq: 2, at: 503_000 }));
    expect(store.getState().clockOffsetMs).toBe(3_000);
    localNow = 600_000;
    bridge.emitSnapshot(sampleSnapshot({ seq: 1, at: 1 }));
    expect(store.getState().clockOffsetMs).toBe(3_000);
  });

  it('re-queries on every reconnect and accepts the restarted runtime whatever its seq', async () => {
    const store = createKioskStore(bridge, { now });
    bridge.emitSnapshot(sampleSnapshot({ seq: 40 }));
    bridge.setConnection('closed');
    expect(store.getState().connection).toBe('closed');
    bridge.snapshotForQuery = sampleSnapshot({ seq: 2, screen: { name: 'out-of-service' } });
    bridge.setConnection('open');
    await flush();
    expect(bridge.queryCount()).toBe(2);
    expect(store.getState().connection).toBe('open');
    expect(store.getState().snapshot?.seq).toBe(2);
    // Back to normal ordering after that first snapshot.
    bridge.emitSnapshot(sampleSnapshot({ seq: 1 }));
    expect(store.getState().snapshot?.seq).toBe(2);
  });

  it('does not query while the bridge is still connecting', async () => {
    bridge.connection = 'connecting';
    createKioskStore(bridge, { now });
    await flush();
    expect(bridge.queryCount()).toBe(0);
  });

  it('sends intents in request envelopes with increasing ids', async () => {
    const store = createKioskStore(bridge, { now });
    expect(await store.send({ type: 'session.start' })).toBe(true);
    expect(await store.send({ type: 'nav.back' })).toBe(true);
    const intents = bridge.requests.filter((request) => request.kind === 'intent');
    expect(intents.map((request) => request.intent.type)).toEqual(['session.start', 'nav.back']);
    expect(intents[0]!.id).toBeLessThan(intents[1]!.id);
  });

  it('records a refusal and a disconnect as failures, and clears them', async () => {
    const store = createKioskStore(bridge, { now });
    bridge.replyFor = (request) =>
      Promise.resolve({ kind: 'reply', id: request.id, ok: false, error: { code: 'not-allowed', message: 'no' } });
    expect(await store.send({ type: 'nav.back' })).toBe(false);
    expect(store.getState().lastFailure).toEqual({ code: 'not-allowed', at: localNow });

    bridge.replyFor = () => Promise.reject(new BridgeUnavailableError('disconnected'));
    expect(await store.send({ type: 'nav.back' })).toBe(false);
    expect(store.getState().lastFailure?.code).toBe('disconnected');

    store.clearFailure();
    expect(store.getState().lastFailure).toBeNull();
  });

  it('does not send the same intent again while the first is in flight', async () => {
    let answer: () => void = () => undefined;
    const store = createKioskStore(bridge, { now });
    bridge.replyFor = (request) =>
      new Promise((resolve) => (answer = () => resolve({ kind: 'reply', id: request.id, ok: true, result: null })));
    const first = store.send({ type: 'session.start' });
    expect(await store.send({ type: 'session.start' })).toBe(false);
    answer();
    expect(await first).toBe(true);
    expect(bridge.intentTypes()).toEqual(['session.start']);
  });

  it('reports activity only during a session, at most once per 2 s', async () => {
    const store = createKioskStore(bridge, { now });
    store.reportActivity();
    expect(bridge.intentTypes()).toEqual([]);

    bridge.emitSnapshot(
      sampleSnapshot({ seq: 2, screen: { name: 'menu' }, session: { id: 's1', startedAt: 0, idleWarning: null } }),
    );
    store.reportActivity();
    localNow += 500;
    store.reportActivity();
    localNow += 1499;
    store.reportActivity();
    expect(bridge.intentTypes()).toEqual(['session.activity']);
    localNow += 1;
    store.reportActivity();
    expect(bridge.intentTypes()).toEqual(['session.activity', 'session.activity']);
  });

  it('also reports activity during PIN entry and maintenance, so staff are not timed out while working', async () => {
    const store = createKioskStore(bridge, { now });
    bridge.emitSnapshot(sampleSnapshot({ seq: 3, screen: { name: 'staff-pin', attemptsLeft: 5, lockedUntil: null, lastResult: null } }));
    store.reportActivity();
    expect(bridge.intentTypes()).toEqual(['session.activity']);
  });

  it('calls onReload on the reload event', () => {
    const onReload = vi.fn();
    createKioskStore(bridge, { now, onReload });
    bridge.emitReload();
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('notifies subscribers and stops listening when disposed', () => {
    const store = createKioskStore(bridge, { now });
    const listener = vi.fn();
    store.subscribe(listener);
    bridge.emitSnapshot(sampleSnapshot({ seq: 7 }));
    expect(listener).toHaveBeenCalled();
    store.dispose();
    bridge.emitSnapshot(sampleSnapshot({ seq: 8 }));
    expect(store.getState().snapshot?.seq).toBe(7);
  });
});
