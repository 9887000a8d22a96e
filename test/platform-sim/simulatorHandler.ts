import { createHash, randomBytes } from 'node:crypto';
import type { PlatformContract } from '../../electron/platform/platformContract.js';
import type { PlatformOperationShapes } from '../../electron/platform/platformApiTypes.js';
import { type PlatformErrorCode, PLATFORM_ERRORS } from '../../electron/platform/platformErrorCatalog.js';
import type { PlatformOperationId } from '../../electron/platform/platformOperations.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * What an operation handler of the simulator gets and gives. Handlers run synchronously inside
 * one SQLite transaction: a thrown error (SimulatorError or anything else) rolls back all of
 * it, which is what lets a 5xx mean "nothing committed".
 */

export interface SimulatorSettings {
  heartbeatIntervalSeconds: number;
  maxEventBatchSize: number;
  signatureWindowSeconds: number;
  /** A QR order becomes paid on this query after its creation (0: only /sim settle pays it). */
  qrPaidOnQuery: number;
}

export interface HandlerContext<Op extends PlatformOperationId> {
  /** The authenticated terminal; null for admin and unauthenticated operations. */
  terminalId: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  body: PlatformOperationShapes[Op]['body'];
  /** The simulator's clock for this request (with any clock-skew fault applied). */
  now: number;
  store: SimulatorStore;
  contract: PlatformContract;
  settings: SimulatorSettings;
}

export type OperationHandler<Op extends PlatformOperationId> = (context: HandlerContext<Op>) => PlatformOperationShapes[Op]['response'];

/** Every operation of the contract but the update feed (which the hook serves). */
export type JsonOperationId = Exclude<PlatformOperationId, 'getUpdateFeedFile' | 'getPinnedUpdateFeedFile'>;

export type OperationHandlers = { [Op in JsonOperationId]: OperationHandler<Op> };

export class SimulatorError extends Error {
  readonly status: number;
  constructor(
    readonly code: PlatformErrorCode,
    readonly details?: Record<string, unknown>,
    /** The answer is an error, but what the handler wrote stands (e.g. a reversal's tombstone). */
    readonly keepChanges = false,
  ) {
    super(code);
    this.status = PLATFORM_ERRORS[code].status;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A random id with a readable prefix, e.g. cmd_3f9a…; matches the contract's id patterns. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** The terminal id of a terminal operation (the dispatcher guarantees it is set). */
export function terminalOf(context: { terminalId: string | null }): string {
  if (context.terminalId === null) throw new Error('terminal operation without an authenticated terminal');
  return context.terminalId;
}

/**
 * Runs `work` once per (terminal, scope, key): a repeat with the same request returns the
 * first answer; with a different request it is idempotency-key-reused.
 */
export function idempotent<T>(
  context: { store: SimulatorStore; terminalId: string | null; now: number },
  scope: string,
  key: string,
  request: unknown,
  work: () => T,
): T {
  const terminalId = terminalOf(context);
  const requestHash = sha256Hex(JSON.stringify(request));
  const existing = context.store
    .stmt('SELECT request_sha256, response_json FROM idempotent_responses WHERE terminal_id = ? AND scope = ? AND key = ?')
    .get(terminalId, scope, key) as { request_sha256: string; response_json: string } | undefined;
  if (existing) {
    if (existing.request_sha256 !== requestHash) throw new SimulatorError('idempotency-key-reused', { scope, key });
    return JSON.parse(existing.response_json) as T;
  }
  const response = work();
  context.store
    .stmt('INSERT INTO idempotent_responses (terminal_id, scope, key, request_sha256, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(terminalId, scope, key, requestHash, JSON.stringify(response), context.now);
  return response;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
}

export function maskPermitNumber(permitNumber: string): string {
  return `${permitNumber.slice(0, 2)}*****${permitNumber.slice(-2)}`;
}
