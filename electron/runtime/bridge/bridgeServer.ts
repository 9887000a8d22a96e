import type { z } from 'zod';
import {
  bridgeMessageLimit,
  bridgeRequestSchema,
  MAX_BRIDGE_PHOTO_MESSAGE_BYTES,
  type BridgeEvent,
  type BridgeEventMessage,
  type BridgeReply,
  type Intent,
  type Query,
} from '../../bridge/bridgeContract.js';
import { BridgeRejection } from '../../bridge/bridgeErrors.js';
import { formatPath } from '../../../config/resolveEffectiveConfig.js';
import type { BridgeEndpoint, BridgeOrigin } from '../kioskRuntime.js';
import type { Logger } from '../logger.js';
import type { RejectionAuditThrottle } from './rejectionAuditThrottle.js';

export interface BridgeHandlers {
  intent(intent: Intent): Promise<void>;
  query(query: Query): unknown;
}

/**
 * The runtime end of the bridge, shared by both shells: size limit, JSON, schema, dispatch.
 * Every failure becomes a typed error reply; invalid messages are also audited.
 */
export class BridgeServer implements BridgeEndpoint {
  private readonly listeners = new Set<(message: BridgeEventMessage) => void>();

  constructor(
    private readonly handlers: BridgeHandlers,
    private readonly rejections: RejectionAuditThrottle,
    private readonly logger: Logger,
  ) {}

  async handle(raw: unknown, origin: BridgeOrigin): Promise<BridgeReply> {
    const decoded = decode(raw);
    if (!decoded.ok) return this.reject(-1, decoded.problem, [], origin);
    const parsed = bridgeRequestSchema.safeParse(decoded.value);
    if (!parsed.success) {
      return this.reject(requestIdOf(decoded.value), 'message does not match the bridge contract', describeIssues(parsed.error), origin);
    }
    const request = parsed.data;
    try {
      if (request.kind === 'intent') {
        await this.handlers.intent(request.intent);
        return { kind: 'reply', id: request.id, ok: true, result: null };
      }
      return { kind: 'reply', id: request.id, ok: true, result: this.handlers.query(request.query) };
    } catch (error) {
      if (error instanceof BridgeRejection) {
        return { kind: 'reply', id: request.id, ok: false, error: error.toBridgeError() };
      }
      this.logger.error('bridge handler failed', {
        type: request.kind === 'intent' ? request.intent.type : request.query.type,
        error: error instanceof Error ? error.message : String(error),
      });
      return {
        kind: 'reply',
        id: request.id,
        ok: false,
        error: { code: 'internal', message: 'the terminal could not complete this request' },
      };
    }
  }

  subscribe(listener: (message: BridgeEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: BridgeEvent): void {
    const message: BridgeEventMessage = { kind: 'event', event };
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (error) {
        // One broken connection must not stop the others from getting the event.
        this.logger.warn('bridge listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private reject(id: number, message: string, issues: string[], origin: BridgeOrigin): BridgeReply {
    try {
      this.rejections.record({ transport: origin.transport, peer: origin.peer, problem: message, issues: issues.slice(0, 5) });
    } catch (error) {
      // A failing audit write (database locked, disk full) must not turn a bad message into a crash.
      this.logger.error('could not audit a rejected bridge message', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return {
      kind: 'reply',
      id,
      ok: false,
      error: issues.length > 0 ? { code: 'invalid-message', message, issues } : { code: 'invalid-message', message },
    };
  }
}

type Decoded = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Accepts a JSON string (WebSocket) or a structured-cloned object (IPC); both are size-limited:
 * nothing may exceed the photo limit, and only the photo intent may exceed the ordinary one.
 */
function decode(raw: unknown): Decoded {
  let size: number;
  let value: unknown;
  if (typeof raw === 'string') {
    size = Buffer.byteLength(raw, 'utf8');
    if (size > MAX_BRIDGE_PHOTO_MESSAGE_BYTES) return tooLarge(MAX_BRIDGE_PHOTO_MESSAGE_BYTES);
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, problem: 'message is not valid JSON' };
    }
  } else {
    try {
      size = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
    } catch {
      return { ok: false, problem: 'message cannot be serialised' };
    }
    value = raw;
  }
  const limit = bridgeMessageLimit(value);
  return size > limit ? tooLarge(limit) : { ok: true, value };
}

function tooLarge(limit: number): Decoded {
  return { ok: false, problem: `message larger than ${limit} bytes` };
}

/** Echo the id back when the envelope has a usable one, so the renderer can pair the error. */
function requestIdOf(value: unknown): number {
  if (typeof value === 'object' && value !== null && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  }
  return -1;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    const path = formatPath(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
