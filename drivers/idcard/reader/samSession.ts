import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import { type SamCommand, encodeSamCommand } from '../samCommands.js';
import type { SamFrame } from '../samFrame.js';
import type { SamFrameError } from '../samFrameError.js';
import { SamFrameDecoder } from '../samFrameDecoder.js';
import { parseSamResponseBody } from '../samResponse.js';
import { samStatusOf } from '../samStatus.js';
import type { SamExchangeResult, SamSessionError } from './samSessionError.js';

export interface SamExchangeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

interface PendingExchange {
  readonly command: SamCommand;
  readonly timeoutMs: number;
  readonly errors: SamFrameError[];
  finish(result: SamExchangeResult): void;
}

/**
 * Request/response over one ByteTransport: the SAM answers one command at a time and its
 * replies carry no command code, so exchanges are queued and a reply is only ever matched
 * to the single outstanding command. Every outcome is a resolved SamExchangeResult.
 */
export class SamSession {
  private readonly decoder = new SamFrameDecoder();
  private pending: PendingExchange | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly transport: ByteTransport) {
    this.unsubscribe = [transport.onData((chunk) => this.onData(chunk)), transport.onClose((reason) => this.onClose(reason))];
  }

  exchange(command: SamCommand, options: SamExchangeOptions): Promise<SamExchangeResult> {
    const run = this.queue.then(() => this.exchangeNow(command, options));
    this.queue = run;
    return run;
  }

  /** Stops listening; an exchange in flight resolves as disconnected. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.unsubscribe) off();
    this.pending?.finish(fail({ kind: 'disconnected', command: this.pending.command.name, message: 'session closed' }));
  }

  private exchangeNow(command: SamCommand, { timeoutMs, signal }: SamExchangeOptions): Promise<SamExchangeResult> {
    if (signal?.aborted) return Promise.resolve(fail({ kind: 'cancelled', command: command.name }));
    if (this.disposed || !this.transport.isOpen) {
      return Promise.resolve(fail({ kind: 'disconnected', command: command.name, message: `${this.transport.description} is not open` }));
    }
    // Whatever is still held belongs to an exchange that timed out or was cancelled.
    this.decoder.reset();
    return new Promise<SamExchangeResult>((resolve) => {
      const errors: SamFrameError[] = [];
      const onAbort = () => pending.finish(fail({ kind: 'cancelled', command: command.name }));
      const timer = setTimeout(() => {
        // A reply that arrived broken is a frame error, even if we waited for a resync that never came.
        pending.finish(fail(errors.length > 0 ? { kind: 'frame-error', command: command.name, errors } : { kind: 'timeout', command: command.name, timeoutMs }));
      }, timeoutMs);
      const pending: PendingExchange = {
        command,
        timeoutMs,
        errors,
        finish: (result) => {
          if (this.pending !== pending) return;
          this.pending = null;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      };
      this.pending = pending;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.transport.write(encodeSamCommand(command)).catch((error: unknown) => {
        pending.finish(fail({ kind: 'disconnected', command: command.name, message: error instanceof Error ? error.message : String(error) }));
      });
    });
  }

  private onData(chunk: Uint8Array): void {
    const events = this.decoder.push(chunk);
    const pending = this.pending;
    // Nothing asked for: the bytes are decoded (to keep the stream in sync) and dropped, so no
    // card data can reach anyone without a read having been requested.
    if (!pending) return;
    for (const event of events) {
      if (event.type === 'frame') {
        const result = toExchangeResult(pending.command, event.frame);
        if (result) return pending.finish(result);
      } else if (event.error.code !== 'garbage-skipped') {
        pending.errors.push(event.error);
      }
    }
    // A broken frame with nothing after it: no good frame can follow in this reply, fail now.
    if (pending.errors.length > 0 && this.decoder.pendingByteCount === 0) {
      pending.finish(fail({ kind: 'frame-error', command: pending.command.name, errors: [...pending.errors] }));
    }
  }

  private onClose(reason: TransportCloseReason): void {
    const pending = this.pending;
    if (!pending) return;
    const message = reason.kind === 'closed-by-us' ? 'closed' : reason.message;
    pending.finish(fail({ kind: 'disconnected', command: pending.command.name, message }));
  }
}

/** Null for a frame too short to be a reply, such as our own command echoed by a loopback line. */
function toExchangeResult(command: SamCommand, frame: SamFrame): SamExchangeResult | null {
  const response = parseSamResponseBody(frame.body);
  if (!response) return null;
  const status = samStatusOf(response.sw3);
  if (response.sw3 === command.successSw3 || status.outcome === 'no-content') return { ok: true, response, status };
  return fail({ kind: 'status-failure', command: command.name, status, response });
}

function fail(error: SamSessionError): SamExchangeResult {
  return { ok: false, error };
}
