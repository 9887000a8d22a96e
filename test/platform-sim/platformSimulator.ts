import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type PlatformContract, loadPlatformContract, formatViolations } from '../../electron/platform/platformContract.js';
import { type PlatformErrorCode, PLATFORM_ERRORS, platformErrorBody } from '../../electron/platform/platformErrorCatalog.js';
import { PLATFORM_OPERATIONS, matchOperation, pathExistsWithOtherMethod } from '../../electron/platform/platformOperations.js';
import { createReplayGuard, DEFAULT_SIGNATURE_WINDOW_MS } from '../../electron/platform/replayGuard.js';
import { readSignatureHeaders, verifySignature } from '../../electron/platform/requestSigning.js';
import { configBundleHandlers } from './configBundleHandlers.js';
import { endorsementHandlers } from './endorsementHandlers.js';
import { eventHandlers } from './eventHandlers.js';
import { faceHandlers } from './faceHandlers.js';
import { type Fault, type FaultPlan, createFaultPlan } from './faultPlan.js';
import { fleetAdminHandlers, terminalSummaries } from './fleetAdminHandlers.js';
import { renderFleetPage } from './fleetAdminPage.js';
import { loadOrder, paymentHandlers, settleOrder } from './paymentHandlers.js';
import { propertyHandlers } from './propertyHandlers.js';
import { seedSimulatorStore } from './seedData.js';
import {
  type HandlerContext,
  type JsonOperationId,
  type OperationHandler,
  type OperationHandlers,
  type SimulatorSettings,
  SimulatorError,
  iso,
} from './simulatorHandler.js';
import { type SimulatorRecords, createSimulatorRecords, recordByName } from './simulatorRecords.js';
import { type SimulatorStore, openSimulatorStore } from './simulatorStore.js';
import { terminalHandlers } from './terminalHandlers.js';

/**
 * The platform simulator: a real HTTP(S) server on node:http implementing the whole contract
 * (platformApi.openapi.yaml) over its own SQLite store, with signature checks, replay
 * protection, fault injection and records for tests. README.md in this folder is its manual.
 */

/** Every terminal key id is accepted with this secret unless demo credentials are switched off. */
export const DEMO_TERMINAL_SECRET = 'kiosk-platform-sim-demo-terminal-secret';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const TERMINAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/;

export interface SimulatorCredential {
  keyId: string;
  terminalId: string;
  secret: string;
}

/** A (req, res) handler that answers a request and returns true, or returns false to pass. */
export type RequestHook = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface PlatformSimulatorOptions {
  /** Where platform-sim.db lives; reused across starts. */
  dataDir: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer token of the admin endpoints; default: random, read it from the result. */
  adminToken?: string;
  /** Secret accepted for any key id (the key id is the terminal id); null: only stored credentials. Default DEMO_TERMINAL_SECRET. */
  demoSecret?: string | null;
  /** Per-terminal credentials added to the store at start. */
  credentials?: SimulatorCredential[];
  /** Timestamp window and nonce memory (default 300 000 ms). */
  signatureWindowMs?: number;
  heartbeatIntervalSeconds?: number;
  maxEventBatchSize?: number;
  /** A QR order is paid on this query after creation; 0: only POST /sim/payments/settle pays it. Default 1. */
  qrPaidOnQuery?: number;
  /** The platform's clock (default Date.now); clock-skew faults are added to it. */
  now?: () => number;
  /** Serve https with this key and certificate. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /**
   * UPDATE FEED HOOK: mount createUpdateFeedHandler(dir) from electron/runtime/updates/ here.
   * It sees every request under /updates/ first; when it returns false the simulator answers 404.
   */
  updateFeedHandler?: RequestHook;
}

export interface RunningPlatformSimulator {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly port: number;
  readonly adminToken: string;
  readonly dataDir: string;
  readonly faults: FaultPlan;
  readonly records: SimulatorRecords;
  readonly store: SimulatorStore;
  /** Shifts the platform clock by this much from now on (0 resets). */
  setClockSkew(ms: number): void;
  addCredential(credential: SimulatorCredential): void;
  /** Contract violations in the simulator's own answers (a simulator bug if not empty). */
  responseViolations(): string[];
  close(): Promise<void>;
}

const HANDLERS: OperationHandlers = {
  ...terminalHandlers,
  ...eventHandlers,
  ...configBundleHandlers,
  ...endorsementHandlers,
  ...propertyHandlers,
  ...paymentHandlers,
  ...faceHandlers,
  ...fleetAdminHandlers,
};

const settleSchema = z.strictObject({
  terminalId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  outcome: z.enum(['paid', 'failed']),
});
const credentialSchema = z.strictObject({
  keyId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  terminalId: z.string().regex(TERMINAL_ID_PATTERN),
  secret: z.string().min(16),
});

class RequestTooLarge extends Error {}
/** The client went away before its request arrived whole: there is nothing to answer. */
class RequestAborted extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('close', () => {
      if (!req.complete) reject(new RequestAborted());
    });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

export async function startPlatformSimulator(options: PlatformSimulatorOptions): Promise<RunningPlatformSimulator> {
  const store = openSimulatorStore(options.dataDir);
  seedSimulatorStore(store);
  const contract: PlatformContract = loadPlatformContract();
  const records = createSimulatorRecords(store);
  const faults = createFaultPlan();
  const adminToken = options.adminToken ?? randomBytes(18).toString('base64url');
  const demoSecret = options.demoSecret === undefined ? DEMO_TERMINAL_SECRET : options.demoSecret;
  const baseNow = options.now ?? Date.now;
  let clockSkewMs = 0;
  const platformNow = () => baseNow() + clockSkewMs;
  const windowMs = options.signatureWindowMs ?? DEFAULT_SIGNATURE_WINDOW_MS;
  const settings: SimulatorSettings = {
    heartbeatIntervalSeconds: options.heartbeatIntervalSeconds ?? 30,
    maxEventBatchSize: options.maxEventBatchSize ?? 500,
    signatureWindowSeconds: Math.round(windowMs / 1000),
    qrPaidOnQuery: options.qrPaidOnQuery ?? 1,
  };
  const replayGuard = createReplayGuard({ windowMs, now: platformNow });
  const violations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const addCredential = (credential: SimulatorCredential) => {
    store
      .stmt('INSERT INTO credentials (key_id, terminal_id, secret, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET terminal_id = excluded.terminal_id, secret = excluded.secret')
      .run(credential.keyId, credential.terminalId, credential.secret, platformNow());
  };
  for (const credential of options.credentials ?? []) addCredential(credential);

  const credentialFor = (keyId: string): { terminalId: string; secret: Buffer } | null => {
    const row = store.stmt('SELECT terminal_id, secret FROM credentials WHERE key_id = ?').get(keyId) as { terminal_id: string; secret: string } | undefined;
    if (row) return { terminalId: row.terminal_id, secret: Buffer.from(row.secret, 'utf8') };
    if (demoSecret !== null && TERMINAL_ID_PATTERN.test(keyId)) return { terminalId: keyId, secret: Buffer.from(demoSecret, 'utf8') };
    return null;
  };

  const sendBytes = (res: ServerResponse, status: number, contentType: string, payload: Buffer, applied: readonly Fault[] = []) => {
    if (applied.some((f) => f.kind === 'lose-response')) {
      res.socket?.destroy();
      return;
    }
    const headers = { 'content-type': contentType, 'content-length': String(payload.length), 'cache-control': 'no-store' };
    const slow = applied.find((f) => f.kind === 'slow-body');
    if (!slow || slow.kind !== 'slow-body') {
      res.writeHead(status, headers);
      res.end(payload);
      return;
    }
    res.writeHead(status, headers);
    const chunkSize = Math.max(1, Math.floor(slow.bytesPerSecond / 20));
    let offset = 0;
    const step = () => {
      if (res.destroyed) return;
      res.write(payload.subarray(offset, offset + chunkSize));
      offset += chunkSize;
      if (offset >= payload.length) {
        res.end();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        step();
      }, 50);
      timers.add(timer);
    };
    step();
  };
  const sendJson = (res: ServerResponse, status: number, body: unknown, applied: readonly Fault[] = []) =>
    sendBytes(res, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(body), 'utf8'), applied);
  const sendError = (res: ServerResponse, code: PlatformErrorCode, details?: Record<string, unknown>, status = PLATFORM_ERRORS[code].status, applied: readonly Fault[] = []) =>
    sendJson(res, status, platformErrorBody(code, details), applied);

  const handleSimControl = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (!tokenMatches(adminToken, bearer(req))) return sendError(res, 'unauthorized');
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    let input: unknown = null;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendError(res, 'invalid-request', { problem: 'body is not JSON' });
      }
    }
    const path = url.pathname;
    if (path === '/sim/faults') {
      if (method === 'GET') return sendJson(res, 200, { faults: faults.list() });
      if (method === 'DELETE') {
        faults.clear();
        return sendJson(res, 200, { faults: [] });
      }
      const added = faults.add(input);
      return added.ok ? sendJson(res, 200, added.fault) : sendError(res, 'invalid-request', { problem: added.problem });
    }
    if (path === '/sim/clock' && method === 'POST') {
      const skew = z.strictObject({ skewMs: z.number().int() }).safeParse(input);
      if (!skew.success) return sendError(res, 'invalid-request', { problem: z.prettifyError(skew.error) });
      clockSkewMs = skew.data.skewMs;
      return sendJson(res, 200, { skewMs: clockSkewMs, serverTime: iso(platformNow()) });
    }
    if (path === '/sim/credentials' && method === 'POST') {
      const credential = credentialSchema.safeParse(input);
      if (!credential.success) return sendError(res, 'invalid-request', { problem: z.prettifyError(credential.error) });
      addCredential(credential.data);
      return sendJson(res, 200, { keyId: credential.data.keyId, terminalId: credential.data.terminalId });
    }
    if (path === '/sim/payments/settle' && method === 'POST') {
      const settle = settleSchema.safeParse(input);
      if (!settle.success) return sendError(res, 'invalid-request', { problem: z.prettifyError(settle.error) });
      try {
        const row = loadOrder(store, settle.data.terminalId, settle.data.idempotencyKey);
        if (row.state !== 'pending') return sendError(res, 'order-not-pending', { state: row.state });
        const declined = { code: 'payer-declined', message: { 'zh-CN': '付款人取消了支付', en: 'The payer declined' } };
        settleOrder(store, row, settle.data.outcome === 'paid' ? 'paid' : declined, platformNow());
        return sendJson(res, 200, { state: settle.data.outcome });
      } catch (error) {
        if (error instanceof SimulatorError) return sendError(res, error.code, error.details);
        throw error;
      }
    }
    const record = /^\/sim\/records\/([a-z-]+)$/.exec(path);
    if (record?.[1] && method === 'GET') {
      const rows = recordByName(records, record[1]);
      return rows ? sendJson(res, 200, { [record[1]]: rows }) : sendError(res, 'not-found');
    }
    return sendError(res, 'not-found');
  };

  const handleOperation = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const match = matchOperation(method, url.pathname);
    if (!match) {
      const code = pathExistsWithOtherMethod(method, url.pathname) ? 'method-not-allowed' : 'not-found';
      await readBody(req).catch(() => Buffer.alloc(0));
      return sendError(res, code);
    }
    const { operationId } = match;
    const operation = PLATFORM_OPERATIONS[operationId];
    const applied = faults.take(method, url.pathname);
    // The whole request is in before any fault acts: what happens next, the client cannot see.
    const raw = await readBody(req);
    const latency = applied.find((f) => f.kind === 'latency');
    if (latency?.kind === 'latency' && latency.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, latency.latencyMs);
        timers.add(timer);
      });
    }
    if (applied.some((f) => f.kind === 'drop-connection')) {
      req.socket.destroy();
      return;
    }
    const serverError = applied.find((f) => f.kind === 'server-error');
    if (serverError?.kind === 'server-error') return sendError(res, 'unavailable', { injected: true }, serverError.status);
    // A clock-skew fault moves this request's view of the platform clock.
    const skew = applied.find((f) => f.kind === 'clock-skew');
    const now = platformNow() + (skew?.kind === 'clock-skew' ? skew.skewMs : 0);

    const reply = (status: number, body: unknown) => {
      const problems = contract.checkResponse(operationId, status, body);
      if (problems.length > 0) violations.push(`${operationId} ${status}: ${formatViolations(problems)}`);
      sendJson(res, status, body, applied);
    };
    const fail = (code: PlatformErrorCode, details?: Record<string, unknown>) => reply(PLATFORM_ERRORS[code].status, platformErrorBody(code, details));

    let terminalId: string | null = null;
    if (operation.auth === 'terminal') {
      const read = readSignatureHeaders(req.headers);
      if (!read.ok) return fail(read.problem.code, { problem: read.problem.detail });
      const signature = read.signature;
      if (!replayGuard.isFresh(signature.timestampMs, now)) {
        return fail('stale-timestamp', { serverTime: iso(now), windowSeconds: settings.signatureWindowSeconds });
      }
      const credential = credentialFor(signature.keyId);
      if (!credential) return fail('unknown-key', { keyId: signature.keyId });
      if (!verifySignature(signature, { method, target: req.url ?? '/', body: raw }, credential.secret)) return fail('bad-signature');
      const verdict = replayGuard.remember(signature.keyId, signature.nonce);
      if (verdict === 'replayed') return fail('replayed-nonce');
      if (verdict === 'full') return fail('unavailable', { problem: 'too many requests in the signature window' });
      terminalId = credential.terminalId;
    } else if (operation.auth === 'admin') {
      if (!tokenMatches(adminToken, bearer(req))) return fail('unauthorized');
    }

    if (operationId === 'getUpdateFeedFile' || operationId === 'getPinnedUpdateFeedFile') return fail('not-found', { problem: 'no update feed is mounted' });

    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return fail('invalid-request', { problem: 'the body is not JSON' });
      }
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const requestViolations = contract.checkRequest(operationId, { params: match.params, query, body });
    if (requestViolations.length > 0) return fail('invalid-request', { violations: requestViolations });
    if (terminalId !== null && operationId !== 'registerTerminal') {
      if (!store.stmt('SELECT 1 FROM terminals WHERE terminal_id = ?').get(terminalId)) return fail('terminal-not-registered');
    }

    const handler = HANDLERS[operationId as JsonOperationId] as OperationHandler<JsonOperationId>;
    const context: HandlerContext<JsonOperationId> = {
      terminalId,
      params: match.params,
      query,
      body: body as HandlerContext<JsonOperationId>['body'],
      now,
      store,
      contract,
      settings,
    };
    let result: unknown;
    try {
      const outcome = store.db.transaction((): { value: unknown; kept: null } | { value: null; kept: SimulatorError } => {
        try {
          return { value: handler(context), kept: null };
        } catch (error) {
          if (error instanceof SimulatorError && error.keepChanges) return { value: null, kept: error };
          throw error;
        }
      })();
      if (outcome.kept) return fail(outcome.kept.code, outcome.kept.details);
      result = outcome.value;
    } catch (error) {
      if (error instanceof SimulatorError) return fail(error.code, error.details);
      return fail('internal', { problem: error instanceof Error ? error.message : String(error) });
    }
    reply(200, result);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://platform-sim.invalid');
    try {
      // UPDATE FEED HOOK (see PlatformSimulatorOptions.updateFeedHandler).
      if (options.updateFeedHandler && url.pathname.startsWith('/updates/') && options.updateFeedHandler(req, res)) return;
      if (url.pathname === '/' && req.method === 'GET') {
        if (!tokenMatches(adminToken, url.searchParams.get('token') ?? bearer(req))) {
          return sendBytes(res, 401, 'text/plain; charset=utf-8', Buffer.from('Open /?token=ADMIN_TOKEN (the admin token the simulator printed).\n'));
        }
        const page = renderFleetPage(terminalSummaries(store, platformNow(), settings.heartbeatIntervalSeconds), iso(platformNow()));
        return sendBytes(res, 200, 'text/html; charset=utf-8', Buffer.from(page, 'utf8'));
      }
      if (url.pathname.startsWith('/sim/')) return await handleSimControl(req, res, url);
      return await handleOperation(req, res, url);
    } catch (error) {
      if (error instanceof RequestAborted || res.headersSent || res.destroyed) return;
      if (error instanceof RequestTooLarge) return sendError(res, 'payload-too-large');
      return sendError(res, 'internal', { problem: error instanceof Error ? error.message : String(error) });
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res);
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const printableHost = host.includes(':') ? `[${host}]` : host;

  let closed = false;
  return {
    url: `${options.tls ? 'https' : 'http'}://${printableHost}:${port}`,
    port,
    adminToken,
    dataDir: options.dataDir,
    faults,
    records,
    store,
    setClockSkew(ms) {
      clockSkewMs = ms;
    },
    addCredential,
    responseViolations: () => [...violations],
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
