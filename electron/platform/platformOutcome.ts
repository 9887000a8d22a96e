import type { PlatformError } from './platformApiTypes.js';
import type { TransportFailureCause, TransportResult } from './platformTransport.js';

/**
 * What became of one platform call, in the four cases callers must treat differently:
 *
 * - ok: the platform answered 2xx with a readable body.
 * - rejected: the platform answered 4xx with its error; it did not do the work. Repeating the
 *   same request helps only when `error.retryable` is true.
 * - unavailable: the platform did not do the work (it could not be reached, or it answered
 *   5xx with its error shape, which the contract defines as "nothing committed"). Safe to
 *   retry later.
 * - unknown: the request may have been processed (timeout or connection lost after it was
 *   sent, a 2xx that could not be read, a 5xx from something in between). Payments must
 *   query before anything else; outbox deliveries retry with the same idempotency key.
 *
 * A GET changes nothing on the platform, so what would be unknown for it is unavailable.
 */
export type PlatformOutcome<T> =
  | { kind: 'ok'; status: number; value: T }
  | { kind: 'rejected'; status: number; error: PlatformError }
  | { kind: 'unavailable'; reason: UnavailableReason; detail: string; status?: number; error?: PlatformError }
  | { kind: 'unknown'; reason: UnknownReason; detail: string; status?: number };

export type UnavailableReason = 'network' | 'timeout' | 'tls' | 'server-error';
export type UnknownReason = 'timeout-after-send' | 'connection-lost-after-send' | 'unreadable-response' | 'intermediary-error';

/** For a 4xx that does not carry the platform's error (a proxy's page, say). */
const UNSHAPED_REJECTION = { 'zh-CN': '平台拒绝了请求', en: 'The platform refused the request' };

function isLocalizedText(value: unknown): value is PlatformError['message'] {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['zh-CN'] === 'string' &&
    typeof (value as Record<string, unknown>).en === 'string'
  );
}

/** The platform's error shape, or null when the body is something else (a proxy's page). */
export function parsePlatformError(body: Uint8Array): PlatformError | null {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
    if (typeof parsed.code !== 'string' || !isLocalizedText(parsed.message) || typeof parsed.retryable !== 'boolean') {
      return null;
    }
    const error: PlatformError = { code: parsed.code, message: parsed.message, retryable: parsed.retryable };
    if (typeof parsed.details === 'object' && parsed.details !== null) error.details = parsed.details as Record<string, unknown>;
    return error;
  } catch {
    return null;
  }
}

function networkReason(cause: TransportFailureCause): UnavailableReason {
  if (cause === 'timeout') return 'timeout';
  if (cause === 'tls') return 'tls';
  return 'network';
}

/**
 * Maps a transport result to an outcome. `safe` is true for GET requests. The parsed JSON body
 * of a 2xx is returned as it is; checking it against the contract is the caller's business.
 */
export function toPlatformOutcome(result: TransportResult, safe: boolean): PlatformOutcome<unknown> {
  if (result.kind === 'failure') {
    if (!result.sent || safe) return { kind: 'unavailable', reason: networkReason(result.cause), detail: `${result.cause}: ${result.detail}` };
    const reason: UnknownReason = result.cause === 'timeout' ? 'timeout-after-send' : 'connection-lost-after-send';
    return { kind: 'unknown', reason, detail: `${result.cause}: ${result.detail}` };
  }
  const { status, body } = result;
  if (status >= 200 && status < 300) {
    try {
      return { kind: 'ok', status, value: JSON.parse(Buffer.from(body).toString('utf8')) as unknown };
    } catch {
      const detail = `status ${status} with a body that is not JSON`;
      return safe ? { kind: 'unavailable', reason: 'server-error', detail, status } : { kind: 'unknown', reason: 'unreadable-response', detail, status };
    }
  }
  const error = parsePlatformError(body);
  if (status >= 400 && status < 500) {
    return {
      kind: 'rejected',
      status,
      error: error ?? { code: `http-${status}`, message: UNSHAPED_REJECTION, retryable: false },
    };
  }
  if (status >= 500 && error) return { kind: 'unavailable', reason: 'server-error', detail: `${status} ${error.code}`, status, error };
  // Anything else (a 5xx without the platform's error shape, a 1xx/3xx) came from something in between.
  const detail = `status ${status} without the platform's error shape`;
  return safe ? { kind: 'unavailable', reason: 'server-error', detail, status } : { kind: 'unknown', reason: 'intermediary-error', detail, status };
}
