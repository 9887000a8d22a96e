import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFleetAdminClient } from '../../../electron/platform/fleetAdminClient.js';
import { type PlatformClientOptions, createPlatformClient } from '../../../electron/platform/platformClient.js';
import type { ContractViolationReport } from '../../../electron/platform/platformCall.js';
import { loadPlatformContract } from '../../../electron/platform/platformContract.js';
import type { PlatformTransport, TransportRequest, TransportResult } from '../../../electron/platform/platformTransport.js';
import { readSignatureHeaders, verifySignature } from '../../../electron/platform/requestSigning.js';

const SECRET = 'unit-test-terminal-secret-0123456789';
const json = (status: number, body: unknown): TransportResult => ({
  kind: 'response',
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});
const platformError = (code: string, retryable = false) => ({ code, message: { 'zh-CN': '错误', en: 'error' }, retryable });

/** Answers every request with the next result and keeps what it was asked. */
function scriptedTransport(...results: TransportResult[]): PlatformTransport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    send: async (request) => {
      requests.push(request);
      const next = results.shift();
      if (!next) throw new Error('no scripted answer left');
      return next;
    },
    close: () => undefined,
  };
}

function client(transport: PlatformTransport, overrides: Partial<PlatformClientOptions> = {}) {
  return createPlatformClient({
    baseUrl: 'http://127.0.0.1:8420',
    credential: { keyId: 'GZ-TH-0001', secret: SECRET, algorithm: 'hmac-sha256' },
    timeoutMs: 1000,
    transport,
    now: () => 1_767_225_600_000,
    ...overrides,
  });
}

const order = {
  orderId: 'PO0000000001',
  idempotencyKey: 'pay-00000001',
  caseNumber: 'CJ2026000001',
  service: 'exit-entry-endorsement',
  method: 'payment-code',
  amountFen: 1500,
  state: 'paid',
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  paidAt: '2026-11-23T08:00:00.000Z',
  failure: null,
  channel: 'wechat',
  payerReference: '****6780',
  qr: null,
  card: null,
  refundedFen: 0,
  refunds: [],
} as const;

describe('outcome mapping', () => {
  const reverse = { reason: 'unknown-outcome' } as const;

  it('2xx with JSON is ok, with the value', async () => {
    const outcome = await client(scriptedTransport(json(200, order))).queryPaymentOrder('pay-00000001');
    expect(outcome).toEqual({ kind: 'ok', status: 200, value: order });
  });

  it("4xx is rejected with the platform's error, or a synthetic one when something else answered", async () => {
    const c = client(scriptedTransport(json(404, platformError('payment-order-not-found')), { kind: 'response', status: 413, headers: {}, body: Buffer.from('<html>too big</html>') }));
    expect(await c.queryPaymentOrder('pay-00000001')).toMatchObject({ kind: 'rejected', status: 404, error: { code: 'payment-order-not-found' } });
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'rejected', status: 413, error: { code: 'http-413', retryable: false } });
  });

  it('5xx with the error shape is unavailable: the platform committed nothing', async () => {
    const outcome = await client(scriptedTransport(json(503, platformError('unavailable', true)))).reversePaymentOrder('pay-00000001', reverse);
    expect(outcome).toMatchObject({ kind: 'unavailable', reason: 'server-error', status: 503, error: { code: 'unavailable' } });
  });

  it('a 5xx from something in between is unknown for a POST and unavailable for a GET', async () => {
    const gateway = (): TransportResult => ({ kind: 'response', status: 504, headers: {}, body: Buffer.from('Gateway Timeout') });
    const c = client(scriptedTransport(gateway(), gateway()));
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unknown', reason: 'intermediary-error', status: 504 });
    expect(await c.queryPaymentOrder('pay-00000001')).toMatchObject({ kind: 'unavailable', reason: 'server-error' });
  });

  it('a failure before the request was sent is unavailable, whatever the method', async () => {
    const refused: TransportResult = { kind: 'failure', sent: false, cause: 'connection-refused', detail: 'ECONNREFUSED' };
    const tls: TransportResult = { kind: 'failure', sent: false, cause: 'tls', detail: 'self-signed certificate' };
    const timeout: TransportResult = { kind: 'failure', sent: false, cause: 'timeout', detail: 'connect took too long' };
    const c = client(scriptedTransport(refused, tls, timeout));
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unavailable', reason: 'tls' });
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });

  it('a transport that throws is unavailable, not an exception for the caller', async () => {
    const throwing: PlatformTransport = { send: () => Promise.reject(new Error('invalid header')), close: () => undefined };
    expect(await client(throwing).reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unavailable', reason: 'network', detail: expect.stringContaining('invalid header') });
  });

  it('a failure after the request was sent is unknown for a POST (it may have been processed) and unavailable for a GET', async () => {
    const timedOut: TransportResult = { kind: 'failure', sent: true, cause: 'timeout', detail: 'no answer' };
    const reset: TransportResult = { kind: 'failure', sent: true, cause: 'connection-reset', detail: 'socket hang up' };
    const c = client(scriptedTransport(timedOut, reset, { ...timedOut }));
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unknown', reason: 'timeout-after-send' });
    expect(await c.reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unknown', reason: 'connection-lost-after-send' });
    expect(await c.queryPaymentOrder('pay-00000001')).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });

  it('a 2xx whose body cannot be read is unknown for a POST', async () => {
    const garbled: TransportResult = { kind: 'response', status: 200, headers: {}, body: Buffer.from('{"order":') };
    expect(await client(scriptedTransport(garbled)).reversePaymentOrder('pay-00000001', reverse)).toMatchObject({ kind: 'unknown', reason: 'unreadable-response' });
  });
});

describe('requests', () => {
  it('signs every request over the exact target, body and headers sent', async () => {
    const transport = scriptedTransport(json(200, { orders: [] }), json(200, order));
    const c = client(transport, { baseUrl: 'https://platform.example.gov.cn/kiosk-api/', credential: { keyId: 'GZ-TH-0001', secret: SECRET, algorithm: 'hmac-sm3' } });
    await c.listPaymentOrders({ from: '2026-11-23T00:00:00+08:00', to: '2026-11-24T00:00:00+08:00' });
    await c.reversePaymentOrder('pay/00000001', { reason: 'payer-timeout' });
    const [list, reversal] = transport.requests;
    expect(list?.url.pathname).toBe('/kiosk-api/v1/payment-orders');
    expect(list?.url.searchParams.get('from')).toBe('2026-11-23T00:00:00+08:00');
    expect(reversal?.url.pathname).toBe('/kiosk-api/v1/payment-orders/pay%2F00000001/reversal');
    expect(reversal?.headers['content-type']).toBe('application/json');
    for (const request of [list, reversal]) {
      if (!request) throw new Error('request missing');
      const read = readSignatureHeaders(request.headers);
      if (!read.ok) throw new Error(read.problem.detail);
      expect(read.signature).toMatchObject({ keyId: 'GZ-TH-0001', algorithm: 'hmac-sm3', timestampMs: 1_767_225_600_000 });
      const target = `${request.url.pathname}${request.url.search}`;
      expect(verifySignature(read.signature, { method: request.method, target, body: request.body ?? new Uint8Array(0) }, Buffer.from(SECRET))).toBe(true);
    }
    expect(list?.headers['x-kiosk-nonce']).not.toBe(reversal?.headers['x-kiosk-nonce']);
    expect(JSON.parse(Buffer.from(reversal?.body ?? []).toString('utf8'))).toEqual({ reason: 'payer-timeout' });
  });

  it('reports contract violations in both directions without changing the outcome', async () => {
    const reports: ContractViolationReport[] = [];
    const c = client(scriptedTransport(json(200, { ...order, state: 'lost' })), { contract: loadPlatformContract(), onContractViolation: (r) => reports.push(r) });
    const outcome = await c.reversePaymentOrder('pay-00000001', { reason: 'maybe' as never });
    expect(outcome.kind).toBe('ok');
    expect(reports.map((r) => [r.operationId, r.direction, r.violations[0]?.pointer])).toEqual([
      ['reversePaymentOrder', 'request', '/reason'],
      ['reversePaymentOrder', 'response', '/state'],
    ]);
  });
});

describe('setup', () => {
  const transport = scriptedTransport();

  it('refuses plain http except to this machine', () => {
    expect(() => client(transport, { baseUrl: 'http://platform.example.gov.cn' })).toThrow(/only to this machine/);
    expect(() => client(transport, { baseUrl: 'http://10.0.0.5:8420' })).toThrow(expect.objectContaining({ code: 'bad-base-url' }));
    expect(() => client(transport, { baseUrl: 'ftp://127.0.0.1' })).toThrow(/not http/);
    for (const url of ['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'https://platform.example.gov.cn']) {
      expect(() => client(transport, { baseUrl: url })).not.toThrow();
    }
  });

  it('refuses a CA file that is missing or holds no certificate, and an empty secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-ca-'));
    writeFileSync(join(dir, 'not-a-ca.pem'), 'hello');
    const base = { baseUrl: 'https://platform.example.gov.cn', credential: { keyId: 'k', secret: SECRET, algorithm: 'hmac-sha256' as const }, timeoutMs: 1000 };
    expect(() => createPlatformClient({ ...base, caFile: join(dir, 'missing.pem') })).toThrow(expect.objectContaining({ code: 'ca-file-unreadable' }));
    expect(() => createPlatformClient({ ...base, caFile: join(dir, 'not-a-ca.pem') })).toThrow(/no PEM certificate/);
    expect(() => createPlatformClient({ ...base, credential: { ...base.credential, secret: '' } })).toThrow(expect.objectContaining({ code: 'bad-credential' }));
  });

  it('the admin client sends the admin token, not a signature', async () => {
    const admin = scriptedTransport(json(200, { serverTime: '2026-11-23T08:00:00Z', terminals: [] }));
    const fleet = createFleetAdminClient({ baseUrl: 'http://127.0.0.1:8420', adminToken: 'admin-token-123', timeoutMs: 1000, transport: admin });
    expect(await fleet.listTerminals()).toMatchObject({ kind: 'ok' });
    expect(admin.requests[0]?.headers.authorization).toBe('Bearer admin-token-123');
    expect(admin.requests[0]?.headers['x-kiosk-signature']).toBeUndefined();
    expect(() => createFleetAdminClient({ baseUrl: 'http://127.0.0.1:1', adminToken: 'short', timeoutMs: 1 })).toThrow(/admin token/);
  });
});
