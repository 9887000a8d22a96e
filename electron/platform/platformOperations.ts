/**
 * Every operation of platformApi.openapi.yaml: method, path template and who may call it.
 * The client builds its URLs from this table and the simulator routes by it; a unit test
 * keeps it equal to the YAML document.
 */

export type OperationAuth = 'terminal' | 'admin' | 'none';
export type HttpMethod = 'GET' | 'POST';

export interface OperationDefinition {
  readonly method: HttpMethod;
  /** OpenAPI path template, e.g. /v1/commands/{commandId}/result. */
  readonly path: string;
  readonly auth: OperationAuth;
}

export const PLATFORM_OPERATIONS = {
  registerTerminal: { method: 'POST', path: '/v1/terminals/register', auth: 'terminal' },
  sendHeartbeat: { method: 'POST', path: '/v1/heartbeats', auth: 'terminal' },
  reportCommandResult: { method: 'POST', path: '/v1/commands/{commandId}/result', auth: 'terminal' },
  uploadLogs: { method: 'POST', path: '/v1/log-uploads', auth: 'terminal' },
  postEventBatch: { method: 'POST', path: '/v1/event-batches', auth: 'terminal' },
  fetchLatestConfigBundle: { method: 'GET', path: '/v1/config-bundles/latest', auth: 'terminal' },
  acknowledgeConfigBundle: { method: 'POST', path: '/v1/config-bundles/{version}/acknowledgements', auth: 'terminal' },
  checkEndorsementEligibility: { method: 'POST', path: '/v1/endorsement/eligibility-checks', auth: 'terminal' },
  requestEndorsementApproval: { method: 'POST', path: '/v1/endorsement/approvals', auth: 'terminal' },
  issueEndorsement: { method: 'POST', path: '/v1/endorsement/issuances', auth: 'terminal' },
  lookupPropertyCase: { method: 'GET', path: '/v1/property/cases', auth: 'terminal' },
  verifyPropertyParty: { method: 'POST', path: '/v1/property/cases/{caseNumber}/party-verifications', auth: 'terminal' },
  submitPropertyCase: { method: 'POST', path: '/v1/property/cases/{caseNumber}/submissions', auth: 'terminal' },
  getCertificateDeliveryOptions: {
    method: 'GET',
    path: '/v1/property/cases/{caseNumber}/certificate-delivery-options',
    auth: 'terminal',
  },
  chooseCertificateDelivery: { method: 'POST', path: '/v1/property/cases/{caseNumber}/certificate-deliveries', auth: 'terminal' },
  createPaymentOrder: { method: 'POST', path: '/v1/payment-orders', auth: 'terminal' },
  listPaymentOrders: { method: 'GET', path: '/v1/payment-orders', auth: 'terminal' },
  queryPaymentOrder: { method: 'GET', path: '/v1/payment-orders/{idempotencyKey}', auth: 'terminal' },
  confirmCardPayment: { method: 'POST', path: '/v1/payment-orders/{idempotencyKey}/card-results', auth: 'terminal' },
  reversePaymentOrder: { method: 'POST', path: '/v1/payment-orders/{idempotencyKey}/reversal', auth: 'terminal' },
  refundPaymentOrder: { method: 'POST', path: '/v1/payment-orders/{idempotencyKey}/refunds', auth: 'terminal' },
  compareFace: { method: 'POST', path: '/v1/face-comparisons', auth: 'terminal' },
  listTerminals: { method: 'GET', path: '/admin/v1/terminals', auth: 'admin' },
  queueTerminalCommand: { method: 'POST', path: '/admin/v1/terminals/{terminalId}/commands', auth: 'admin' },
  publishConfigBundle: { method: 'POST', path: '/admin/v1/config-bundles', auth: 'admin' },
  listConfigBundles: { method: 'GET', path: '/admin/v1/config-bundles', auth: 'admin' },
  getUpdateFeedFile: { method: 'GET', path: '/updates/{file}', auth: 'none' },
  getPinnedUpdateFeedFile: { method: 'GET', path: '/updates/versions/{version}/{file}', auth: 'none' },
} as const satisfies Record<string, OperationDefinition>;

export type PlatformOperationId = keyof typeof PLATFORM_OPERATIONS;

export const PLATFORM_OPERATION_IDS = Object.keys(PLATFORM_OPERATIONS) as PlatformOperationId[];

/** Fills a path template; every value is percent-encoded as one path segment. */
export function expandPath(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${template}`);
    return encodeURIComponent(String(value));
  });
}

export interface MatchedOperation {
  operationId: PlatformOperationId;
  params: Record<string, string>;
}

interface CompiledRoute {
  operationId: PlatformOperationId;
  method: HttpMethod;
  pattern: RegExp;
  names: string[];
}

const ROUTES: CompiledRoute[] = PLATFORM_OPERATION_IDS.map((operationId) => {
  const { method, path } = PLATFORM_OPERATIONS[operationId];
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { operationId, method, pattern: new RegExp(`^${source}$`), names };
});

/**
 * The operation a request is for, from its method and path (without the query), with the path
 * parameters decoded; null when no operation has that path, or the path has another method.
 */
export function matchOperation(method: string, pathname: string): MatchedOperation | null {
  for (const route of ROUTES) {
    if (route.method !== method.toUpperCase()) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    let decodable = true;
    route.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      } catch {
        decodable = false;
      }
    });
    if (decodable) return { operationId: route.operationId, params };
  }
  return null;
}

/** True when some operation has this path with another method (the answer is then 405). */
export function pathExistsWithOtherMethod(method: string, pathname: string): boolean {
  return ROUTES.some((route) => route.method !== method.toUpperCase() && route.pattern.test(pathname));
}
