import type { ByteTransport } from '../../transport/byteTransport.js';
import {
  hasRealTimeStatusPattern,
  parseRealTimeStatus,
  realTimeStatusRequest,
  type RealTimeStatus,
  type RealTimeStatusKind,
} from '../escpos/realTimeStatus.js';

/** Starts a timer and returns its cancel function; injectable so tests fire timeouts by hand. */
export type ScheduleTimeout = (milliseconds: number, fire: () => void) => () => void;

export const scheduleWithSetTimeout: ScheduleTimeout = (milliseconds, fire) => {
  const handle = setTimeout(fire, milliseconds);
  return () => clearTimeout(handle);
};

export type StatusQueryOutcome<S extends RealTimeStatus = RealTimeStatus> =
  | { ok: true; status: S }
  | { ok: false; reason: 'timeout' | 'disconnected' };

interface PendingQuery {
  kind: RealTimeStatusKind;
  settle: (outcome: StatusQueryOutcome) => void;
}

/**
 * Asks DLE EOT n and waits for the one-byte answer, one question at a time. Bytes that arrive
 * with no question open are stale answers to a question that timed out, and bytes without the
 * 0xx1xx10b pattern are not DLE EOT answers (ASB, XON/XOFF): both are dropped, so an answer is
 * never matched to the wrong question (research §5.4, escpos-rs#18).
 */
export class RealTimeStatusReader {
  private pending: PendingQuery | null = null;

  constructor(
    private readonly transport: ByteTransport,
    private readonly timeoutMs: number,
    private readonly schedule: ScheduleTimeout = scheduleWithSetTimeout,
  ) {}

  /** Feed every byte the transport delivers. */
  receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const pending = this.pending;
      if (pending === null || !hasRealTimeStatusPattern(byte)) continue;
      const parsed = parseRealTimeStatus(pending.kind, byte);
      if (parsed.ok) pending.settle({ ok: true, status: parsed.status });
    }
  }

  /** The link went away: an open question will never be answered. */
  disconnected(): void {
    this.pending?.settle({ ok: false, reason: 'disconnected' });
  }

  /** Callers must not overlap queries (the printer driver serialises them). Never rejects. */
  query<K extends RealTimeStatusKind>(kind: K): Promise<StatusQueryOutcome<Extract<RealTimeStatus, { kind: K }>>> {
    return new Promise((resolve) => {
      let cancelTimer = (): void => {};
      const settle = (outcome: StatusQueryOutcome): void => {
        if (this.pending !== query) return;
        this.pending = null;
        cancelTimer();
        resolve(outcome as StatusQueryOutcome<Extract<RealTimeStatus, { kind: K }>>);
      };
      const query: PendingQuery = { kind, settle };
      if (!this.transport.isOpen) {
        resolve({ ok: false, reason: 'disconnected' });
        return;
      }
      this.pending = query;
      cancelTimer = this.schedule(this.timeoutMs, () => settle({ ok: false, reason: 'timeout' }));
      this.transport.write(realTimeStatusRequest(kind)).catch(() => settle({ ok: false, reason: 'disconnected' }));
    });
  }
}
