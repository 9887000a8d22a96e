import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_YAML_PATH, renderEmbeddedContractModule } from '../../../electron/platform/embedPlatformApi.js';
import { PLATFORM_ERRORS } from '../../../electron/platform/platformErrorCatalog.js';
import { PLATFORM_OPERATIONS, expandPath, matchOperation } from '../../../electron/platform/platformOperations.js';
import { createPlatformContract, loadPlatformContract } from '../../../electron/platform/platformContract.js';

const contract = loadPlatformContract();
const yamlText = readFileSync(CONTRACT_YAML_PATH, 'utf8');

const heartbeat = {
  sentAt: '2026-11-23T08:00:00.000Z',
  sequence: 7,
  versions: { app: '0.1.0', electron: '41.10.0' },
  configVersion: null,
  serviceState: 'in-service',
  sessionActive: false,
  devices: [{ id: 'printer', kind: 'receipt-printer', state: 'ready', faultCode: null, counters: { prints: 12 }, paper: 'near-end' }],
  outbox: { depth: 3, oldestAgeSeconds: 12.5 },
  diskFreeBytes: 52_000_000_000,
  clockOffsetMs: -42,
  uptimeSeconds: 3600,
};

describe('the contract document', () => {
  it('is embedded verbatim (run `npx tsx electron/platform/embedPlatformApi.ts` after editing the YAML)', () => {
    const embedded = readFileSync(new URL('../../../electron/platform/platformApiText.ts', import.meta.url), 'utf8');
    expect(embedded).toBe(renderEmbeddedContractModule(yamlText));
  });

  it('lists exactly the operations of the operation table, with the same method, path and security', () => {
    const fromDocument = contract.operations().map((o) => [o.operationId, o.method, o.path, o.security]);
    const fromTable = Object.entries(PLATFORM_OPERATIONS).map(([id, o]) => [id, o.method, o.path, o.auth]);
    expect(fromDocument.sort()).toEqual(fromTable.sort());
  });

  it('documents every error code the platform can answer with', () => {
    const description = String(contract.document.components.responses?.Error?.description);
    for (const code of Object.keys(PLATFORM_ERRORS)) expect(description, code).toMatch(new RegExp(`(?<![a-z-])${code}(?![a-z-])`));
  });

  it('refuses a document that is not OpenAPI 3.1', () => {
    expect(() => createPlatformContract('openapi: 3.0.3\npaths: {}\ncomponents: {schemas: {}}\n')).toThrow(/3\.1/);
  });
});

describe('request and response checks', () => {
  it('accepts a valid heartbeat and names each problem of a broken one', () => {
    expect(contract.checkRequest('sendHeartbeat', { body: heartbeat })).toEqual([]);
    const broken = { ...heartbeat, serviceState: 'sleeping', extra: 1, outbox: { depth: -1, oldestAgeSeconds: null } };
    const problems = contract.checkRequest('sendHeartbeat', { body: broken });
    expect(problems.map((p) => `${p.pointer} ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ must NOT have additional properties \(extra\)/),
        expect.stringMatching(/^\/serviceState must be equal to one of the allowed values/),
        expect.stringMatching(/^\/outbox\/depth must be >= 0/),
      ]),
    );
  });

  it('checks path and query parameters, reading URL strings as the numbers they stand for', () => {
    expect(contract.checkRequest('fetchLatestConfigBundle', { query: { after: '12' } })).toEqual([]);
    expect(contract.checkRequest('fetchLatestConfigBundle', { query: { after: 'twelve' } })[0]).toMatchObject({ location: 'query', pointer: '/after' });
    expect(contract.checkRequest('fetchLatestConfigBundle', { query: { before: '1' } })[0]?.message).toMatch(/not a parameter/);
    expect(contract.checkRequest('queryPaymentOrder', { params: { idempotencyKey: 'short' } })[0]).toMatchObject({ location: 'path' });
    expect(contract.checkRequest('listPaymentOrders', { query: { from: '2026-11-23T00:00:00Z' } })[0]).toMatchObject({ pointer: '/to', message: 'is required' });
    expect(contract.checkRequest('getCertificateDeliveryOptions', { params: { caseNumber: 'BDC2026000101' }, body: {} })[0]?.message).toMatch(/no body/);
  });

  it('enforces the conditional rules: a payment code only for payment-code orders, a reason unless applied', () => {
    const order = { idempotencyKey: 'pay-00000001', caseNumber: 'CJ2026000001', service: 'exit-entry-endorsement', amountFen: 1500, items: [{ code: 'endorsement-single', amountFen: 1500 }] };
    expect(contract.checkRequest('createPaymentOrder', { body: { ...order, method: 'payment-code', paymentCode: '134567890123456780' } })).toEqual([]);
    expect(contract.checkRequest('createPaymentOrder', { body: { ...order, method: 'payment-code' } })).not.toEqual([]);
    expect(contract.checkRequest('createPaymentOrder', { body: { ...order, method: 'qr', paymentCode: '134567890123456780' } })).not.toEqual([]);
    const ack = { acknowledgedAt: '2026-11-23T08:00:00Z', runningVersion: 3 };
    expect(contract.checkRequest('acknowledgeConfigBundle', { params: { version: 4 }, body: { ...ack, outcome: 'applied' } })).toEqual([]);
    expect(contract.checkRequest('acknowledgeConfigBundle', { params: { version: 4 }, body: { ...ack, outcome: 'rejected' } })).not.toEqual([]);
    expect(
      contract.checkRequest('acknowledgeConfigBundle', { params: { version: 4 }, body: { ...ack, outcome: 'rejected', reason: { code: 'bad-signature', message: 'x' } } }),
    ).toEqual([]);
  });

  it('checks responses by status: success schemas, the error shape, and undocumented successes', () => {
    const ok = { serverTime: '2026-11-23T08:00:00Z', nextHeartbeatSeconds: 30, commands: [], latestConfigVersion: null };
    expect(contract.checkResponse('sendHeartbeat', 200, ok)).toEqual([]);
    expect(contract.checkResponse('sendHeartbeat', 200, { ...ok, commands: [{ commandId: 'x' }] })).not.toEqual([]);
    const error = { code: 'stale-timestamp', message: { 'zh-CN': '过期', en: 'stale' }, retryable: true, details: { serverTime: 'x' } };
    expect(contract.checkResponse('sendHeartbeat', 401, error)).toEqual([]);
    expect(contract.checkResponse('sendHeartbeat', 503, { code: 'x' })).not.toEqual([]);
    expect(contract.checkResponse('sendHeartbeat', 201, ok)[0]?.message).toMatch(/not a documented success/);
  });

  it('checks event payloads by schema name, with the 好差评 channel fixed to 5', () => {
    const rating = {
      caseNumber: 'CJ2026000001',
      service: 'exit-entry-endorsement',
      level: 'satisfied',
      satisfaction: 4,
      channel: 5,
      assessNumber: 1,
      badReasons: [],
      comment: null,
      callbackRequested: false,
      ratedAt: '2026-11-23T08:00:00Z',
    };
    expect(contract.checkSchema('RatingEventPayload', rating)).toEqual([]);
    expect(contract.checkSchema('RatingEventPayload', { ...rating, channel: 4 })).not.toEqual([]);
    expect(contract.checkSchema('NoSuchSchema', {})[0]?.message).toMatch(/no schema/);
  });
});

describe('operation table', () => {
  it('expands and matches paths, encoding and decoding parameters', () => {
    const path = expandPath(PLATFORM_OPERATIONS.reportCommandResult.path, { commandId: 'cmd_a/b' });
    expect(path).toBe('/v1/commands/cmd_a%2Fb/result');
    expect(matchOperation('POST', path)).toEqual({ operationId: 'reportCommandResult', params: { commandId: 'cmd_a/b' } });
    expect(matchOperation('GET', '/v1/config-bundles/latest')?.operationId).toBe('fetchLatestConfigBundle');
    expect(matchOperation('POST', '/v1/config-bundles/7/acknowledgements')).toEqual({ operationId: 'acknowledgeConfigBundle', params: { version: '7' } });
    expect(matchOperation('DELETE', '/v1/heartbeats')).toBeNull();
    expect(matchOperation('GET', '/v1/payment-orders/%E0%A4%A')).toBeNull();
    expect(() => expandPath('/v1/x/{id}', {})).toThrow(/id missing/);
  });
});
