import type { BridgeEventMessage, BridgeReply, BridgeRequest } from '../../../electron/bridge/bridgeContract.js';
import { BridgeUnavailableError, type BridgeConnection, type ConnectionState } from './bridgeConnection.js';
import { defaultBackoffPolicy, reconnectDelayMs, type BackoffPolicy } from './reconnectDelay.js';

/** The part of the browser WebSocket the client uses, so tests can pass a fake. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketBridgeOptions {
  url: string;
  WebSocketImpl: WebSocketConstructor;
  backoff?: BackoffPolicy;
  /** A request with no reply after this long is rejected (the runtime answers in milliseconds). */
  requestTimeoutMs?: number;
  /**
   * Called on every failed attempt once this many in a row have failed (default 3): the
   * browser shell may have restarted with a new per-launch token that only a reload gets.
   */
  onRepeatedFailure?: () => void;
  repeatedFailureThreshold?: number;
}

interface PendingRequest {
  callerId: number;
  resolve(reply: BridgeReply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The browser shell's side of the bridge: KioskBridgeApi over a loopback WebSocket.
 * It reconnects forever with capped backoff, and never queues requests while down: an
 * intent replayed minutes later ("start", "pay") could act on a screen the citizen no longer sees.
 */
export class WebSocketBridgeClient implements BridgeConnection {
  private socket: WebSocketLike | null = null;
  private state: ConnectionState = 'closed';
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  // Wire ids are the client's own, so two callers can never collide on an id.
  private nextWireId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly eventListeners = new Set<(message: BridgeEventMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly backoff: BackoffPolicy;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: WebSocketBridgeOptions) {
    this.backoff = options.backoff ?? defaultBackoffPolicy;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.openSocket();
  }

  /** Closes for good: no more reconnects, pending requests rejected. */
  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      socket.close(1000, 'renderer closing');
    }
    this.rejectAllPending();
    this.setState('closed');
  }

  getConnectionState(): ConnectionState {
    return this.state;
  }

  onConnectionStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onEvent(listener: (message: BridgeEventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  request(request: BridgeRequest): Promise<BridgeReply> {
    const socket = this.socket;
    if (!socket || this.state !== 'open') {
      return Promise.reject(new BridgeUnavailableError('disconnected'));
    }
    const wireId = this.nextWireId++;
    return new Promise<BridgeReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(wireId);
        reject(new BridgeUnavailableError('timeout'));
      }, this.requestTimeoutMs);
      this.pending.set(wireId, { callerId: request.id, resolve, reject, timer });
      try {
        socket.send(JSON.stringify({ ...request, id: wireId }));
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(wireId);
        reject(error instanceof Error ? error : new BridgeUnavailableError('disconnected'));
      }
    });
  }

  private openSocket(): void {
    this.setState('connecting');
    let socket: WebSocketLike;
    try {
      socket = new this.options.WebSocketImpl(this.options.url);
    } catch {
      this.handleClose(null);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failedAttempts = 0;
      this.setState('open');
    };
    socket.onmessage = (event) => this.handleMessage(event.data);
    // An error is always followed by close; reconnecting is handled there, once.
    socket.onerror = () => undefined;
    socket.onclose = () => this.handleClose(socket);
  }

  private handleClose(socket: WebSocketLike | null): void {
    if (socket && socket !== this.socket) return;
    if (socket) this.detach(socket);
    this.socket = null;
    this.rejectAllPending();
    this.setState('closed');
    if (this.stopped) return;
    const delay = reconnectDelayMs(this.failedAttempts, this.backoff);
    this.failedAttempts += 1;
    if (this.failedAttempts >= (this.options.repeatedFailureThreshold ?? 3)) this.options.onRepeatedFailure?.();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.openSocket();
    }, delay);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!isObject(message)) return;
    if (message.kind === 'reply' && typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      pending.resolve({ ...(message as BridgeReply), id: pending.callerId });
      return;
    }
    if (message.kind === 'event' && isObject(message.event)) {
      for (const listener of [...this.eventListeners]) listener(message as BridgeEventMessage);
    }
  }

  private rejectAllPending(): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new BridgeUnavailableError('disconnected'));
    }
    this.pending.clear();
  }

  private detach(socket: WebSocketLike): void {
    socket.onopen = null;
    socket.onclose = null;
    socket.onerror = null;
    socket.onmessage = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
