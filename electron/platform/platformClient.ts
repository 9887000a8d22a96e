import { readFileSync } from 'node:fs';
import type * as Api from './platformApiTypes.js';
import { checkPlatformBaseUrl } from './platformBaseUrl.js';
import { type CallSettings, type ContractViolationReport, callOperation } from './platformCall.js';
import type { PlatformContract } from './platformContract.js';
import type { PlatformOutcome } from './platformOutcome.js';
import type { PlatformTransport } from './platformTransport.js';
import { createNodeHttpTransport } from './nodeHttpTransport.js';
import { PlatformSetupError } from './platformSetupError.js';
import { newNonce, signatureHeaders } from './requestSigning.js';
import type { SignatureAlgorithm } from './signatureAlgorithms.js';

/**
 * The terminal's side of the platform contract: one typed method per operation, every request
 * signed with the terminal credential, every failure mapped to ok / rejected / unavailable /
 * unknown (platformOutcome.ts). It makes exactly one attempt per call: retries, backoff and
 * "query before retry" belong to the callers (sync agent, payments ledger), which know what
 * is safe to repeat.
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
  /** Time for the signature timestamp; default Date.now. Correct it with the measured clock offset if needed. */
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
  const now = options.now ?? Date.now;
  const nonce = options.nonce ?? newNonce;
  const { keyId, algorithm } = options.credential;

  const settings: CallSettings = {
    baseUrl: base.url,
    transport,
    timeoutMs: options.timeoutMs,
    authorize: ({ method, target, body }) =>
      signatureHeaders({ algorithm, method, target, timestampMs: Math.round(now()), nonce: nonce(), keyId, body }, secret),
    ...(options.contract ? { contract: options.contract } : {}),
    ...(options.onContractViolation ? { onContractViolation: options.onContractViolation } : {}),
  };

  return {
    baseUrl: base.url.href,
    registerTerminal: (body) => callOperation(settings, 'registerTerminal', { body }),
    sendHeartbeat: (body) => callOperation(settings, 'sendHeartbeat', { body }),
    reportCommandResult: (commandId, body) => callOperation(settings, 'reportCommandResult', { params: { commandId }, body }),
    uploadLogs: (body) => callOperation(settings, 'uploadLogs', { body }),
    postEventBatch: (body) => callOperation(settings, 'postEventBatch', { body }),
    fetchLatestConfigBundle: (after) => callOperation(settings, 'fetchLatestConfigBundle', { query: after === undefined ? {} : { after } }),
    acknowledgeConfigBundle: (version, body) => callOperation(settings, 'acknowledgeConfigBundle', { params: { version }, body }),
    checkEndorsementEligibility: (body) => callOperation(settings, 'checkEndorsementEligibility', { body }),
    requestEndorsementApproval: (body) => callOperation(settings, 'requestEndorsementApproval', { body }),
    issueEndorsement: (body) => callOperation(settings, 'issueEndorsement', { body }),
    lookupPropertyCase: (query) => callOperation(settings, 'lookupPropertyCase', { query }),
    verifyPropertyParty: (caseNumber, body) => callOperation(settings, 'verifyPropertyParty', { params: { caseNumber }, body }),
    submitPropertyCase: (caseNumber, body) => callOperation(settings, 'submitPropertyCase', { params: { caseNumber }, body }),
    getCertificateDeliveryOptions: (caseNumber) => callOperation(settings, 'getCertificateDeliveryOptions', { params: { caseNumber } }),
    chooseCertificateDelivery: (caseNumber, body) =>
      callOperation(settings, 'chooseCertificateDelivery', { params: { caseNumber }, body }),
    createPaymentOrder: (body) => callOperation(settings, 'createPaymentOrder', { body }),
    queryPaymentOrder: (idempotencyKey) => callOperation(settings, 'queryPaymentOrder', { params: { idempotencyKey } }),
    listPaymentOrders: (range) => callOperation(settings, 'listPaymentOrders', { query: range }),
    confirmCardPayment: (idempotencyKey, body) => callOperation(settings, 'confirmCardPayment', { params: { idempotencyKey }, body }),
    reversePaymentOrder: (idempotencyKey, body) => callOperation(settings, 'reversePaymentOrder', { params: { idempotencyKey }, body }),
    refundPaymentOrder: (idempotencyKey, body) => callOperation(settings, 'refundPaymentOrder', { params: { idempotencyKey }, body }),
    compareFace: (body) => callOperation(settings, 'compareFace', { body }),
    close: () => {
      if (owned) transport.close();
    },
  };
}
