import type { BridgeErrorCode } from '../../../electron/bridge/bridgeErrors.js';
import type { BridgeEventMessage, Intent } from '../../../electron/bridge/bridgeContract.js';
import type { KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';
import type { BridgeConnection, ConnectionState } from '../bridge/bridgeConnection.js';
import { clockOffsetAtReceipt } from '../time/countdown.js';
import { ACTIVITY_THROTTLE_MS, createThrottle } from './activityThrottle.js';

/** Why the last request failed: a runtime refusal code, or the bridge was down. */
export type RequestFailureCode = BridgeErrorCode | 'disconnected';

export interface RequestFailure {
  code: RequestFailureCode;
  /** Local time of the failure; each failure is a new object so the UI can re-show the line. */
  at: number;
}

export interface KioskViewState {
  snapshot: KioskSnapshot | null;
  /** Runtime clock minus local clock, measured when the shown snapshot arrived. */
  clockOffsetMs: number;
  connection: ConnectionState;
  lastFailure: RequestFailure | null;
}

export interface KioskStore {
  getState(): KioskViewState;
  subscribe(listener: () => void): () => void;
  /** Sends an intent; resolves true when the runtime accepted it. Failures land in lastFailure. */
  send(intent: Intent): Promise<boolean>;
  /** A touch anywhere: tells the runtime someone is still there (throttled; sessions, PIN entry, maintenance). */
  reportActivity(): void;
  clearFailure(): void;
  dispose(): void;
}

export interface KioskStoreOptions {
  now?: () => number;
  /** Called on the runtime's 'reload' event; location.reload() in the app. */
  onReload?: () => void;
}

/**
 * Holds the latest snapshot and nothing the runtime does not know: the renderer is a projection.
 * Snapshots older than the one shown are dropped, because an event and a query reply can cross.
 */
export function createKioskStore(bridge: BridgeConnection, options: KioskStoreOptions = {}): KioskStore {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  const activityThrottle = createThrottle(ACTIVITY_THROTTLE_MS, now);
  let nextRequestId = 1;
  let state: KioskViewState = {
    snapshot: null,
    clockOffsetMs: 0,
    connection: bridge.getConnectionState(),
    lastFailure: null,
  };
  // After a reconnect the runtime may have restarted and counted seq from zero again:
  // the first snapshot of each connection is taken whatever its seq.
  let acceptAnySeq = true;

  function update(patch: Partial<KioskViewState>): void {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  }

  function acceptSnapshot(snapshot: KioskSnapshot): void {
    const shown = state.snapshot;
    if (!acceptAnySeq && shown && snapshot.seq < shown.seq) return;
    acceptAnySeq = false;
    update({ snapshot, clockOffsetMs: clockOffsetAtReceipt(snapshot.at, now()) });
  }

  function fail(code: RequestFailureCode): void {
    update({ lastFailure: { code, at: now() } });
  }

  async function querySnapshot(): Promise<void> {
    try {
      const reply = await bridge.request({ kind: 'query', id: nextRequestId++, query: { type: 'snapshot.get' } });
      if (reply.ok) acceptSnapshot(reply.result as KioskSnapshot);
    } catch {
      // The bridge went down again; the next reconnect queries again.
    }
  }

  function handleEvent(message: BridgeEventMessage): void {
    const event = message.event;
    if (event.type === 'snapshot') acceptSnapshot(event.snapshot);
    else if (event.type === 'reload') options.onReload?.();
  }

  function handleConnectionState(connection: ConnectionState): void {
    update({ connection });
    if (connection === 'open') {
      acceptAnySeq = true;
      void querySnapshot();
    }
  }

  const unsubscribeEvents = bridge.onEvent(handleEvent);
  const unsubscribeConnection = bridge.onConnectionStateChange(handleConnectionState);
  if (state.connection === 'open') void querySnapshot();

  // A double tap must not send the same intent twice while the first is still on its way:
  // the second would arrive after the screen changed and be refused as 'not-allowed'.
  const intentsInFlight = new Set<string>();

  async function send(intent: Intent): Promise<boolean> {
    const intentKey = JSON.stringify(intent);
    if (intentsInFlight.has(intentKey)) return false;
    intentsInFlight.add(intentKey);
    try {
      const reply = await bridge.request({ kind: 'intent', id: nextRequestId++, intent });
      if (reply.ok) return true;
      fail(reply.error.code);
      return false;
    } catch {
      fail('disconnected');
      return false;
    } finally {
      intentsInFlight.delete(intentKey);
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send,
    reportActivity() {
      const snapshot = state.snapshot;
      const watched = snapshot?.session || snapshot?.screen.name === 'staff-pin' || snapshot?.screen.name === 'maintenance';
      if (!watched || state.connection !== 'open') return;
      if (!activityThrottle()) return;
      // Silent on failure: an activity ping is not something the citizen asked for.
      void bridge.request({ kind: 'intent', id: nextRequestId++, intent: { type: 'session.activity' } }).catch(() => undefined);
    },
    clearFailure() {
      if (state.lastFailure) update({ lastFailure: null });
    },
    dispose() {
      unsubscribeEvents();
      unsubscribeConnection();
      listeners.clear();
    },
  };
}
