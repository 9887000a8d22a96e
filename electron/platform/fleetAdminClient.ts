import type * as Api from './platformApiTypes.js';
import { checkPlatformBaseUrl } from './platformBaseUrl.js';
import { type CallSettings, type ContractViolationReport, callOperation } from './platformCall.js';
import type { PlatformContract } from './platformContract.js';
import type { PlatformOutcome } from './platformOutcome.js';
import type { PlatformTransport } from './platformTransport.js';
import { createNodeHttpTransport } from './nodeHttpTransport.js';
import { PlatformSetupError } from './platformSetupError.js';

/**
 * The remote admin's side of the contract (tag fleet-admin): fleet status, commands for a
 * terminal, config bundles. Authorized with the admin token as a bearer token.
 */

export interface FleetAdminClientOptions {
  baseUrl: string;
  adminToken: string;
  timeoutMs: number;
  transport?: PlatformTransport;
  contract?: PlatformContract;
  onContractViolation?: (report: ContractViolationReport) => void;
}

type Result<T> = Promise<PlatformOutcome<T>>;

export interface FleetAdminClient {
  listTerminals(): Result<Api.TerminalList>;
  queueTerminalCommand(terminalId: string, body: Api.QueueCommandRequest): Result<Api.QueuedCommand>;
  publishConfigBundle(bundle: Api.SignedConfigBundleDocument): Result<Api.PublishedConfigBundle>;
  listConfigBundles(): Result<Api.ConfigBundleList>;
  close(): void;
}

export function createFleetAdminClient(options: FleetAdminClientOptions): FleetAdminClient {
  const base = checkPlatformBaseUrl(options.baseUrl);
  if (!base.ok) throw new PlatformSetupError('bad-base-url', base.message);
  if (!/^[\x21-\x7e]{8,256}$/.test(options.adminToken)) {
    throw new PlatformSetupError('bad-credential', 'the admin token must be 8-256 printable ASCII characters');
  }
  const transport = options.transport ?? createNodeHttpTransport();
  const settings: CallSettings = {
    baseUrl: base.url,
    transport,
    timeoutMs: options.timeoutMs,
    authorize: () => ({ authorization: `Bearer ${options.adminToken}` }),
    ...(options.contract ? { contract: options.contract } : {}),
    ...(options.onContractViolation ? { onContractViolation: options.onContractViolation } : {}),
  };
  return {
    listTerminals: () => callOperation(settings, 'listTerminals', {}),
    queueTerminalCommand: (terminalId, body) => callOperation(settings, 'queueTerminalCommand', { params: { terminalId }, body }),
    publishConfigBundle: (bundle) => callOperation(settings, 'publishConfigBundle', { body: { bundle } }),
    listConfigBundles: () => callOperation(settings, 'listConfigBundles', {}),
    close: () => {
      if (!options.transport) transport.close();
    },
  };
}
