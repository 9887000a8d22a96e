import type { ContractViolation, PlatformContract } from './platformContract.js';
import type { PlatformOperationShapes } from './platformApiTypes.js';
import { operationUrl } from './platformBaseUrl.js';
import { type PlatformOperationId, PLATFORM_OPERATIONS, expandPath } from './platformOperations.js';
import { type PlatformOutcome, toPlatformOutcome } from './platformOutcome.js';
import type { PlatformTransport, TransportResult } from './platformTransport.js';

/**
 * One operation of the contract as an HTTP exchange: build the URL, serialize the body,
 * authorize (signature or admin token), send, map the result to an outcome. Shared by the
 * terminal's PlatformClient and the admins' FleetAdminClient.
 */

export interface ContractViolationReport {
  operationId: PlatformOperationId;
  direction: 'request' | 'response';
  violations: ContractViolation[];
}

export interface CallSettings {
  baseUrl: URL;
  transport: PlatformTransport;
  timeoutMs: number;
  /** Headers that authorize this exact request (the signature covers method, target and body). */
  authorize(request: { method: string; target: string; body: Uint8Array }): Record<string, string>;
  /** When given, requests and responses are checked against it and violations reported. */
  contract?: PlatformContract;
  onContractViolation?: (report: ContractViolationReport) => void;
}

export interface CallInput<Op extends PlatformOperationId> {
  params?: PlatformOperationShapes[Op]['params'];
  query?: PlatformOperationShapes[Op]['query'];
  body?: PlatformOperationShapes[Op]['body'];
}

const EMPTY = new Uint8Array(0);

export async function callOperation<Op extends PlatformOperationId>(
  settings: CallSettings,
  operationId: Op,
  input: CallInput<Op>,
): Promise<PlatformOutcome<PlatformOperationShapes[Op]['response']>> {
  const operation = PLATFORM_OPERATIONS[operationId];
  const params = (input.params ?? {}) as Record<string, string | number>;
  const query = (input.query ?? {}) as Record<string, string | number | undefined>;
  const report = (direction: ContractViolationReport['direction'], violations: ContractViolation[]) => {
    if (violations.length > 0) settings.onContractViolation?.({ operationId, direction, violations });
  };
  if (settings.contract) report('request', settings.contract.checkRequest(operationId, { params, query, body: input.body }));

  const url = operationUrl(settings.baseUrl, expandPath(operation.path, params), query);
  const body = input.body === undefined ? EMPTY : Buffer.from(JSON.stringify(input.body), 'utf8');
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...settings.authorize({ method: operation.method, target: `${url.pathname}${url.search}`, body }),
  };
  if (input.body !== undefined) headers['content-type'] = 'application/json';

  let result: TransportResult;
  try {
    result = await settings.transport.send({
      method: operation.method,
      url,
      headers,
      body: input.body === undefined ? null : body,
      timeoutMs: settings.timeoutMs,
    });
  } catch (error) {
    // A transport that throws never got the request out (node:http throws before connecting).
    result = { kind: 'failure', sent: false, cause: 'network', detail: error instanceof Error ? error.message : String(error) };
  }
  const outcome = toPlatformOutcome(result, operation.method === 'GET');
  if (settings.contract && result.kind === 'response') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(result.body).toString('utf8'));
    } catch {
      report('response', [{ location: 'response', pointer: '', message: `status ${result.status} with a body that is not JSON` }]);
      return outcome as PlatformOutcome<PlatformOperationShapes[Op]['response']>;
    }
    report('response', settings.contract.checkResponse(operationId, result.status, parsed));
  }
  return outcome as PlatformOutcome<PlatformOperationShapes[Op]['response']>;
}
