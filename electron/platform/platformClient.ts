import { readFileSync } from 'node:fs';
import type * as Api from './platformApiTypes.js';
import { checkPlatformBaseUrl } from './platformBaseUrl.js';
import { type CallInput, type CallSettings, type ContractViolationReport, callOperation } from './platformCall.js';
import type { PlatformContract } from './platformContract.js';
import type { PlatformOperationId } from './platformOperations.js';
import type { PlatformOutcome } from './platformOutcome.js';
import type { PlatformTransport } from './platformTransport.js';
import { createNodeHttpTransport } from './nodeHttpTransport.js';
import { PlatformSetupError } from './platformSetupError.js';
import { newNonce, signatureHeaders } from './requestSigning.js';
import { SigningClock } from './signingClock.js';
import type { SignatureAlgorithm } from './signatureAlgorithms.js';

/**
 * The terminal's side of the platform contract: one typed method per operation, every request
 * signed with the terminal credential, every failure mapped to ok / rejected / unavailable /
 * unknown (platformOutcome.ts). It makes one attempt per call: retries, backoff and "query
 * before retry" belong to the callers (sync agent, payments ledger), which know what is safe to
 * repeat. The one exception is a `stale-timestamp` refusal, which commits nothing: the request
 * is signed again with the platform's time and sent once more (signingClock.ts).
 */

export interface TerminalCredential {
  keyId: string;
  /** The shared secret; a string is taken as its UTF-8 bytes. */
  secret: Uint8Array | string;
  algorithm: SignatureAlgorithm;
}

export interface PlatformClientOptions {
  /** https://…, or http:// to a loopback address only. */
  baseUrl: string;
  credential: TerminalCredential;
  /** Deadline of one request, connect to last byte of the answer. */
  timeoutMs: number;
  /** Default: node:http(s) with kept-alive connections and the CA from caFile. */
  transport?: PlatformTransport;
  /** PEM file of the CA to pin for https (used when no transport is given). */
  caFile?: string;
  /** The terminal's own time for signatures; default Date.now. A refusal for a stale timestamp corrects it. */
  now?: () => number;
  /** Default: 128 random bits. Tests fix it to provoke a replay. */
  nonce?: () => string;
  /** Check requests and responses against the contract (tests) and report violations. */
  contract?: PlatformContract;
  onContractViolation?: (report: ContractViolationReport) => void;
}

type Result<T> = Promise<PlatformOutcome<T>>;

export interface PlatformClient {
  readonly baseUrl: string;
  registerTerminal(body: Api.RegisterTerminalRequest): Result<Api.RegisterTerminalResponse>;
  sendHeartbeat(body: Api.HeartbeatRequest): Result<Api.HeartbeatResponse>;
  reportCommandResult(commandId: string, body: Api.CommandResultRequest): Result<Api.CommandResultResponse>;
  uploadLogs(body: Api.LogUploadRequest): Result<Api.LogUploadResponse>;
  postEventBatch(body: Api.EventBatchRequest): Result<Api.EventBatchResponse>;
  fetchLatestConfigBundle(after?: number): Result<Api.LatestConfigBundleResponse>;
  acknowledgeConfigBundle(version: number, body: Api.ConfigAcknowledgementRequest): Result<Api.ConfigAcknowledgementResponse>;
  checkEndorsementEligibility(body: Api.EligibilityRequest): Result<Api.EligibilityResponse>;
  requestEndorsementApproval(body: Api.ApprovalRequest): Result<Api.ApprovalResponse>;
  issueEndorsement(body: Api.IssuanceRequest): Result<Api.IssuanceResponse>;
  lookupPropertyCase(query: Api.PropertyCaseQuery): Result<Api.PropertyCase>;
  verifyPropertyParty(caseNumber: string, body: Api.PartyVerificationRequest): Result<Api.PartyVerificationResponse>;
  submitPropertyCase(caseNumber: string, body: Api.SubmissionRequest): Result<Api.SubmissionResponse>;
  getCertificateDeliveryOptions(caseNumber: string): Result<Api.DeliveryOptionsResponse>;
  chooseCertificateDelivery(caseNumber: string, body: Api.DeliveryRequest): Result<Api.DeliveryResponse>;
  createPaymentOrder(body: Api.CreatePaymentOrderRequest): Result<Api.CreatePaymentOrderResponse>;
  queryPaymentOrder(idempotencyKey: string): Result<Api.PaymentOrder>;
  listPaymentOrders(range: { from: string; to: string }): Result<Api.PaymentOrderList>;
  confirmCardPayment(idempotencyKey: string, body: Api.CardResultRequest): Result<Api.PaymentOrder>;
  reversePaymentOrder(idempotencyKey: string, body: Api.ReversalRequest): Result<Api.PaymentOrder>;
  refundPaymentOrder(idempotencyKey: string, body: Api.RefundRequest): Result<Api.RefundResponse>;
  compareFace(body: Api.FaceComparisonRequest): Result<Api.FaceComparisonResponse>;
  /** Closes kept-alive connections (only those of a transport this client created). */
  close(): void;
}

function transportFor(options: PlatformClientOptions): { transport: PlatformTransport; owned: boolean } {
  if (options.transport) return { transport: options.transport, owned: false };
  if (options.caFile === undefined) return { transport: createNodeHttpTransport(), owned: true };
  let ca: Buffer;
  try {
    ca = readFileSync(options.caFile);
  } catch (error) {
    throw new PlatformSetupError('ca-file-unreadable', `cannot read the platform CA file ${options.caFile}: ${(error as Error).message}`);
  }
  if (!ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    throw new PlatformSetupError('ca-file-unreadable', `${options.caFile} holds no PEM certificate`);
  }
  return { transport: createNodeHttpTransport({ ca }), owned: true };
}

/** Throws PlatformSetupError for a base URL, CA file or credential that cannot work. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const base = checkPlatformBaseUrl(options.baseUrl);
  if (!base.ok) throw new PlatformSetupError('bad-base-url', base.message);
  const secret = typeof options.credential.secret === 'string' ? Buffer.from(options.credential.secret, 'utf8') : options.credential.secret;
  if (secret.length === 0) throw new PlatformSetupError('bad-credential', 'the terminal secret is empty');
  const { transport, owned } = transportFor(options);
  const signingClock = new SigningClock(options.now ?? Date.now);
  const nonce = options.nonce ?? newNonce;
  const { keyId, algorithm } = options.credential;

  const settings: CallSettings = {
    baseUrl: base.url,
    transport,
    timeoutMs: options.timeoutMs,
    authorize: ({ method, target, body }) =>
      signatureHeaders({ algorithm, method, target, timestampMs: Math.round(signingClock.now()), nonce: nonce(), keyId, body }, secret),
    ...(options.contract ? { contract: options.contract } : {}),
    ...(options.onContractViolation ? { onContractViolation: options.onContractViolation } : {}),
  };

  const call = async <Op extends PlatformOperationId>(operationId: Op, input: CallInput<Op>) => {
    const correctionAtSigning = signingClock.correction();
    const outcome = await callOperation(settings, operationId, input);
    return signingClock.learnFrom(outcome, correctionAtSigning) ? callOperation(settings, operationId, input) : outcome;
  };

  return {
    baseUrl: base.url.href,
    registerTerminal: (body) => call('registerTerminal', { body }),
    sendHeartbeat: (body) => call('sendHeartbeat', { body }),
    reportCommandResult: (commandId, body) => call('reportCommandResult', { params: { commandId }, body }),
    uploadLogs: (body) => call('uploadLogs', { body }),
    postEventBatch: (body) => call('postEventBatch', { body }),
    fetchLatestConfigBundle: (after) => call('fetchLatestConfigBundle', { query: after === undefined ? {} : { after } }),
    acknowledgeConfigBundle: (version, body) => call('acknowledgeConfigBundle', { params: { version }, body }),
    checkEndorsementEligibility: (body) => call('checkEndorsementEligibility', { body }),
    requestEndorsementApproval: (body) => call('requestEndorsementApproval', { body }),
    issueEndorsement: (body) => call('issueEndorsement', { body }),
    lookupPropertyCase: (query) => call('lookupPropertyCase', { query }),
    verifyPropertyParty: (caseNumber, body) => call('verifyPropertyParty', { params: { caseNumber }, body }),
    submitPropertyCase: (caseNumber, body) => call('submitPropertyCase', { params: { caseNumber }, body }),
    getCertificateDeliveryOptions: (caseNumber) => call('getCertificateDeliveryOptions', { params: { caseNumber } }),
    chooseCertificateDelivery: (caseNumber, body) =>
      call('chooseCertificateDelivery', { params: { caseNumber }, body }),
    createPaymentOrder: (body) => call('createPaymentOrder', { body }),
    queryPaymentOrder: (idempotencyKey) => call('queryPaymentOrder', { params: { idempotencyKey } }),
    listPaymentOrders: (range) => call('listPaymentOrders', { query: range }),
    confirmCardPayment: (idempotencyKey, body) => call('confirmCardPayment', { params: { idempotencyKey }, body }),
    reversePaymentOrder: (idempotencyKey, body) => call('reversePaymentOrder', { params: { idempotencyKey }, body }),
    refundPaymentOrder: (idempotencyKey, body) => call('refundPaymentOrder', { params: { idempotencyKey }, body }),
    compareFace: (body) => call('compareFace', { body }),
    close: () => {
      if (owned) transport.close();
    },
  };
}
