/**
 * TypeScript shapes of the bodies in platformApi.openapi.yaml (the YAML is the source of
 * truth; both sides validate against it in tests, which is what keeps these in step).
 */

export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export interface PlatformError {
  code: string;
  message: LocalizedText;
  retryable: boolean;
  details?: Record<string, unknown>;
}

export interface Reason {
  code: string;
  message: LocalizedText;
}

export type ServiceKind = 'exit-entry-endorsement' | 'property-transfer';
export type DeviceKind =
  | 'id-card-reader'
  | 'receipt-printer'
  | 'payment-code-scanner'
  | 'card-payment-terminal'
  | 'camera'
  | 'permit-reader';
export type DeviceState = 'offline' | 'connecting' | 'ready' | 'busy' | 'fault';
export type CommandKind =
  | 'end-session'
  | 'reset'
  | 'restart-app'
  | 'reboot'
  | 'out-of-service'
  | 'in-service'
  | 'upload-logs'
  | 'device-self-test';
export const COMMAND_KINDS: readonly CommandKind[] = [
  'end-session',
  'reset',
  'restart-app',
  'reboot',
  'out-of-service',
  'in-service',
  'upload-logs',
  'device-self-test',
];

/** Software versions by component; `app` is required. */
export type Versions = { app: string } & Record<string, string>;

// ---------- terminal ----------

export interface RegisterTerminalRequest {
  terminalId: string;
  groups: string[];
  hallName?: string;
  versions: Versions;
  configVersion: number | null;
  devices: { id: string; kind: DeviceKind }[];
}

export interface RegisterTerminalResponse {
  terminalId: string;
  registeredAt: string;
  firstRegistration: boolean;
  serverTime: string;
  heartbeatIntervalSeconds: number;
  maxEventBatchSize: number;
  signatureWindowSeconds: number;
}

export interface DeviceHealth {
  id: string;
  kind: DeviceKind;
  state: DeviceState;
  faultCode: string | null;
  counters: Record<string, number>;
  paper?: 'ok' | 'near-end' | 'out' | 'unknown';
}

export interface OutboxHealth {
  depth: number;
  oldestAgeSeconds: number | null;
  deadLetters?: number;
}

export interface HeartbeatRequest {
  sentAt: string;
  sequence: number;
  versions: Versions;
  configVersion: number | null;
  serviceState: 'in-service' | 'out-of-service';
  outOfServiceReasons?: string[];
  sessionActive: boolean;
  devices: DeviceHealth[];
  outbox: OutboxHealth;
  diskFreeBytes: number;
  clockOffsetMs: number | null;
  uptimeSeconds: number;
}

export interface CommandParameters {
  reason?: LocalizedText;
  deviceId?: string;
  sinceHours?: number;
}

export interface PlatformCommand {
  commandId: string;
  kind: CommandKind;
  force: boolean;
  issuedAt: string;
  expiresAt: string | null;
  parameters: CommandParameters;
}

export interface HeartbeatResponse {
  serverTime: string;
  nextHeartbeatSeconds: number;
  commands: PlatformCommand[];
  latestConfigVersion: number | null;
}

export type CommandOutcome = 'succeeded' | 'failed' | 'rejected' | 'expired';

export interface CommandResultRequest {
  outcome: CommandOutcome;
  startedAt?: string;
  finishedAt: string;
  message?: string;
  logUploadId?: string;
  selfTests?: { deviceId: string; passed: boolean; faultCode: string | null }[];
}

export interface CommandResultResponse {
  commandId: string;
  recorded: boolean;
  duplicate: boolean;
  outcome: CommandOutcome;
}

export interface LogUploadRequest {
  commandId: string | null;
  fileName: string;
  contentType: 'text/plain' | 'application/x-ndjson' | 'application/gzip';
  contentBase64: string;
  sha256: string;
}

export interface LogUploadResponse {
  uploadId: string;
  sizeBytes: number;
}

// ---------- events ----------

export type EventType = 'case' | 'payment' | 'rating' | 'device-fault' | 'audit-digest' | 'reconciliation';

export interface CaseEventPayload {
  caseNumber: string;
  service: ServiceKind;
  status:
    | 'started'
    | 'approved'
    | 'refused'
    | 'paid'
    | 'issued'
    | 'issue-failed'
    | 'submitted'
    | 'accepted'
    | 'completed'
    | 'cancelled'
    | 'refunded'
    | 'handed-to-staff';
  detail?: string;
}

export interface PaymentEventPayload {
  idempotencyKey: string;
  caseNumber: string | null;
  method: PaymentMethod;
  amountFen: number;
  state: 'created' | 'pending' | 'paid' | 'delivered' | 'reversed' | 'declined' | 'cancelled' | 'refunding' | 'refunded' | 'handed-to-staff';
  orderId?: string | null;
  reference?: string | null;
}

export type RatingLevel = 'very-satisfied' | 'satisfied' | 'basically-satisfied' | 'dissatisfied' | 'very-dissatisfied';

export interface RatingEventPayload {
  caseNumber: string;
  service: ServiceKind;
  level: RatingLevel;
  /** Provincial 好差评 interface direction: 5 = 非常满意 … 1 = 非常不满意. */
  satisfaction: 1 | 2 | 3 | 4 | 5;
  /** pf 5: 政务大厅自助终端. */
  channel: 5;
  assessNumber: 1 | 2;
  badReasons: string[];
  comment: string | null;
  callbackRequested: boolean;
  callbackPhone?: string | null;
  ratedAt: string;
}

export interface DeviceFaultEventPayload {
  deviceId: string;
  kind: DeviceKind;
  state: DeviceState;
  faultCode: string | null;
  message?: LocalizedText | null;
  cleared: boolean;
}

export interface AuditDigestEventPayload {
  fromSequence: number;
  toSequence: number;
  entryCount: number;
  headHash: string;
}

export type LedgerPaymentState =
  | 'created'
  | 'pending'
  | 'paid'
  | 'delivered'
  | 'reversed'
  | 'refunding'
  | 'refunded'
  | 'handed-to-staff'
  | 'declined'
  | 'cancelled';

export interface ReconciliationDifference {
  kind: 'platform-kept-ledger-not' | 'ledger-kept-platform-not' | 'amount-differs' | 'refund-state-differs' | 'unsettled';
  idempotencyKey: string;
  method: PaymentMethod;
  ledgerState: LedgerPaymentState | 'none';
  platformState: PaymentOrderState | 'none';
  ledgerAmountFen: number | null;
  platformAmountFen: number | null;
  platformRefundedFen: number | null;
}

/** The daily reconciliation of one local day, sent only when the ledger and the platform differ. */
export interface ReconciliationEventPayload {
  /** YYYY-MM-DD, the hall's local date. */
  date: string;
  from: string;
  to: string;
  ledgerByState: Record<LedgerPaymentState, { count: number; amountFen: number }>;
  ledgerEntryCount: number;
  platformOrderCount: number;
  cardPaymentsNotCompared: number;
  /** All differences; `differences` lists at most 1000. */
  differenceCount: number;
  differences: ReconciliationDifference[];
}

export interface EventPayloadByType {
  case: CaseEventPayload;
  payment: PaymentEventPayload;
  rating: RatingEventPayload;
  'device-fault': DeviceFaultEventPayload;
  'audit-digest': AuditDigestEventPayload;
  reconciliation: ReconciliationEventPayload;
}

export type PlatformEvent = {
  [T in EventType]: { eventId: string; type: T; occurredAt: string; sequence?: number; payload: EventPayloadByType[T] };
}[EventType];

export interface EventBatchRequest {
  batchId: string;
  sentAt: string;
  events: PlatformEvent[];
}

export interface EventBatchResponse {
  batchId: string;
  acknowledged: string[];
  refused: { eventId: string; error: PlatformError }[];
  duplicateBatch: boolean;
}

// ---------- config bundles ----------

/** The signed bundle as the admin made it; the platform reads only version and targets. */
export type SignedConfigBundleDocument = {
  version: number;
  targets: { terminals?: string[]; groups?: string[] };
} & Record<string, unknown>;

export interface ConfigBundleEnvelope {
  version: number;
  contentSha256: string;
  publishedAt: string;
  bundle: SignedConfigBundleDocument;
}

export interface LatestConfigBundleResponse {
  bundle: ConfigBundleEnvelope | null;
}

export type ConfigOutcome = 'applied' | 'rejected' | 'rolled-back';

export interface BundleOutcomeReason {
  code: string;
  message: string;
  details?: string[];
}

export interface ConfigAcknowledgementRequest {
  outcome: ConfigOutcome;
  /** Required unless the outcome is applied (and absent then). */
  reason?: BundleOutcomeReason;
  acknowledgedAt: string;
  runningVersion: number | null;
}

export interface ConfigAcknowledgementResponse {
  version: number;
  outcome: ConfigOutcome;
  recorded: boolean;
  duplicate: boolean;
}

// ---------- verification ----------

export type Verification = { method: 'face'; comparisonId: string } | { method: 'staff-assisted'; staffId: string };

// ---------- endorsement ----------

export type PermitType = 'CS' | 'CD';
export type EndorsementKind = 'G' | 'L' | 'T' | 'S' | 'Q' | 'D' | 'J' | 'Y' | 'F' | 'X' | 'C';
export type Destination = 'HK' | 'MO' | 'TW';
export type Entries = 'single' | 'double' | 'multiple';

export interface Holder {
  permitType: PermitType;
  permitNumber: string;
  idNumber?: string;
  permitExpiry?: string;
}

export interface EligibilityRequest {
  holder: Holder;
  verification: Verification;
}

export interface EndorsementOption {
  optionCode: string;
  entries: Entries;
  validityMonths: number;
  stayDays: number;
  feeCode: string;
}

export interface EndorsementChoice {
  kind: EndorsementKind;
  destination: Destination;
  options: EndorsementOption[];
}

export interface EndorsementRefusal {
  kind: EndorsementKind;
  destination: Destination | null;
  reason: Reason;
}

export interface EligibilityResponse {
  eligibilityId: string;
  validUntil: string;
  holder: { permitType: PermitType; permitNumberMasked: string; nameMasked: string };
  allowed: EndorsementChoice[];
  refused: EndorsementRefusal[];
}

export interface EndorsementSelection {
  kind: EndorsementKind;
  destination: Destination;
  optionCode: string;
}

export interface ApprovalRequest {
  idempotencyKey: string;
  eligibilityId: string;
  selections: EndorsementSelection[];
}

export interface Payable {
  amountFen: number;
  payableReference: string;
  items: { feeCode: string; optionCode?: string | null; description: LocalizedText; amountFen: number }[];
}

export interface ApprovalResponse {
  approvalId: string;
  caseNumber: string;
  decision: 'approved' | 'refused';
  reasons: Reason[];
  payable: Payable | null;
}

export interface IssuanceRequest {
  idempotencyKey: string;
  caseNumber: string;
  paymentIdempotencyKey: string;
}

export interface IssuedEndorsement {
  kind: EndorsementKind;
  destination: Destination;
  entries: Entries;
  validFrom: string;
  validUntil: string;
  stayDays: number;
  endorsementNumber: string;
}

export interface IssuanceResponse {
  caseNumber: string;
  status: 'issued' | 'failed';
  endorsements: IssuedEndorsement[];
  failure: Reason | null;
  printLines: string[];
}

// ---------- property ----------

export type PartyRole = 'seller' | 'buyer' | 'co-owner' | 'mortgagor' | 'mortgagee';

export interface Party {
  partyId: string;
  role: PartyRole;
  nameMasked: string;
  idNumberMasked: string;
  required: boolean;
  share: string | null;
  verified: boolean;
}

export interface Tax {
  taxId: string;
  name: LocalizedText;
  amountFen: number;
  status: 'paid' | 'unpaid';
}

export interface PropertyCase {
  caseNumber: string;
  contractFilingNumber: string;
  registrationType: 'transfer' | 'transfer-with-mortgage';
  status: 'awaiting-application' | 'accepted';
  property: {
    unitNumber: string;
    address: string;
    areaSquareMeters: number;
    use: 'housing' | 'non-housing';
    useDescription: LocalizedText;
    certificateNumber: string;
  };
  parties: Party[];
  taxes: Tax[];
  mortgage: { lender: string; amountFen: number; electronicCertificate: boolean } | null;
}

export type PropertyCaseQuery = { contractFilingNumber: string } | { caseNumber: string };

export interface PartyVerificationRequest {
  partyId: string;
  idNumber: string;
  verification: Verification;
}

export interface PartyVerificationResponse {
  partyVerificationId: string | null;
  partyId: string;
  verified: boolean;
  reason: Reason | null;
  remainingPartyIds: string[];
}

/** A stroke point: [x, y, milliseconds since the stroke's first point]. */
export type StrokePoint = [number, number, number];

export interface SubmissionRequest {
  idempotencyKey: string;
  parties: {
    partyId: string;
    partyVerificationId: string;
    signature: { imagePngBase64: string; strokes: StrokePoint[][] };
  }[];
  paymentIdempotencyKeys: string[];
  extraCertificates: number;
}

export interface SubmissionResponse {
  caseNumber: string;
  status: 'accepted' | 'refused';
  acceptanceNumber: string | null;
  reasons: Reason[];
  missingPartyIds: string[];
  expectedCompletionDate: string | null;
}

export type DeliveryMethod = 'electronic' | 'print-at-terminal' | 'window' | 'post';

export interface DeliveryOptionsResponse {
  caseNumber: string;
  options: { method: DeliveryMethod; available: boolean; reason: Reason | null; addressOnFile?: AddressOnFile }[];
  mortgageProof: 'electronic-to-lender' | null;
}

/** The mailing address the platform holds for a case, masked for a public screen (post only). */
export interface AddressOnFile {
  recipient: string;
  address: string;
}

export interface PostalAddress {
  recipient: string;
  phone: string;
  address: string;
  postcode: string;
}

export interface DeliveryRequest {
  idempotencyKey: string;
  method: DeliveryMethod;
  /** For post, exactly one of postalAddress and useAddressOnFile; neither otherwise. */
  postalAddress?: PostalAddress;
  useAddressOnFile?: true;
}

export interface Certificate {
  certificateNumber: string;
  kind: 'ownership' | 'mortgage-proof';
  printLines: string[] | null;
  electronicUrl: string | null;
}

export interface DeliveryResponse {
  caseNumber: string;
  method: DeliveryMethod;
  status: 'arranged' | 'ready-to-print';
  certificates: Certificate[];
}

// ---------- payments ----------

export type PaymentMethod = 'payment-code' | 'qr' | 'card';
export type PaymentOrderState = 'pending' | 'paid' | 'failed' | 'reversed' | 'refunded';
export type RefundReason = 'issue-failed' | 'delivery-failed' | 'staff-decision' | 'duplicate-charge' | 'other';

export interface CreatePaymentOrderRequest {
  idempotencyKey: string;
  caseNumber: string;
  service: ServiceKind;
  method: PaymentMethod;
  amountFen: number;
  items: { code: string; amountFen: number }[];
  /** Method payment-code only: the payer's code, a bearer secret; never log or persist it. */
  paymentCode?: string;
}

export interface Refund {
  refundKey: string;
  amountFen: number;
  state: 'succeeded' | 'pending' | 'failed';
  reason: RefundReason;
  createdAt: string;
}

export interface PaymentOrder {
  orderId: string;
  idempotencyKey: string;
  caseNumber: string;
  service: ServiceKind;
  method: PaymentMethod;
  amountFen: number;
  state: PaymentOrderState;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
  failure: Reason | null;
  channel: 'wechat' | 'alipay' | 'unionpay' | 'bank-card' | 'other' | null;
  payerReference: string | null;
  qr: { content: string; expiresAt: string } | null;
  card: { maskedPan: string; acquirerReference: string; voucherNumber: string } | null;
  refundedFen: number;
  refunds: Refund[];
}

export interface CreatePaymentOrderResponse {
  order: PaymentOrder;
  replayed: boolean;
}

export interface PaymentOrderList {
  orders: PaymentOrder[];
}

export interface CardResultRequest {
  approved: boolean;
  responseCode: string;
  amountFen: number;
  maskedPan?: string;
  acquirerReference?: string;
  voucherNumber?: string;
  batchNumber?: string;
  completedAt: string;
}

export interface ReversalRequest {
  reason: 'payer-timeout' | 'unknown-outcome' | 'cancelled-by-citizen' | 'delivery-failed' | 'other';
  note?: string;
}

export interface RefundRequest {
  refundKey: string;
  amountFen: number;
  reason: RefundReason;
  note?: string;
}

export interface RefundResponse {
  refund: Refund;
  order: PaymentOrder;
  replayed: boolean;
}

// ---------- face ----------

export interface FaceComparisonRequest {
  purpose: 'endorsement' | 'property-party';
  subject: { idNumber: string } | { permitType: PermitType; permitNumber: string };
  liveImage: { format: 'jpeg' | 'png'; dataBase64: string };
  reference: 'id-card-photo' | 'permit-chip-photo' | 'platform-record';
}

export interface FaceComparisonResponse {
  comparisonId: string;
  decision: 'match' | 'no-match' | 'retry';
  score: number;
  threshold: number;
  retained: false;
}

// ---------- fleet admin ----------

export interface TerminalSummary {
  terminalId: string;
  groups: string[];
  hallName: string | null;
  registeredAt: string;
  lastHeartbeatAt: string | null;
  secondsSinceHeartbeat: number | null;
  online: boolean;
  serviceState: 'in-service' | 'out-of-service' | null;
  sessionActive: boolean | null;
  configVersion: number | null;
  versions: Versions;
  devices: DeviceHealth[];
  outbox: OutboxHealth | null;
  diskFreeBytes: number | null;
  clockOffsetMs: number | null;
  pendingCommands: number;
}

export interface TerminalList {
  serverTime: string;
  terminals: TerminalSummary[];
}

export interface QueueCommandRequest {
  kind: CommandKind;
  force?: boolean;
  parameters?: CommandParameters;
  expiresInSeconds?: number;
}

export interface QueuedCommand {
  terminalId: string;
  command: PlatformCommand;
}

export interface PublishConfigBundleRequest {
  bundle: SignedConfigBundleDocument;
}

export interface BundleTargets {
  terminals: string[];
  groups: string[];
}

export interface PublishedConfigBundle {
  version: number;
  contentSha256: string;
  publishedAt: string;
  targets: BundleTargets;
  matchedTerminals: string[];
}

export interface ConfigAcknowledgement {
  terminalId: string;
  outcome: ConfigOutcome;
  reason: BundleOutcomeReason | null;
  acknowledgedAt: string;
}

export interface ConfigBundleList {
  bundles: {
    version: number;
    contentSha256: string;
    publishedAt: string;
    targets: BundleTargets;
    acknowledgements: ConfigAcknowledgement[];
  }[];
}

// ---------- per operation ----------

type NoParams = Record<never, never>;

/** Path parameters, query, body and success response of every operation. */
export interface PlatformOperationShapes {
  registerTerminal: { params: NoParams; query: NoParams; body: RegisterTerminalRequest; response: RegisterTerminalResponse };
  sendHeartbeat: { params: NoParams; query: NoParams; body: HeartbeatRequest; response: HeartbeatResponse };
  reportCommandResult: {
    params: { commandId: string };
    query: NoParams;
    body: CommandResultRequest;
    response: CommandResultResponse;
  };
  uploadLogs: { params: NoParams; query: NoParams; body: LogUploadRequest; response: LogUploadResponse };
  postEventBatch: { params: NoParams; query: NoParams; body: EventBatchRequest; response: EventBatchResponse };
  fetchLatestConfigBundle: { params: NoParams; query: { after?: number }; body: undefined; response: LatestConfigBundleResponse };
  acknowledgeConfigBundle: {
    params: { version: number };
    query: NoParams;
    body: ConfigAcknowledgementRequest;
    response: ConfigAcknowledgementResponse;
  };
  checkEndorsementEligibility: { params: NoParams; query: NoParams; body: EligibilityRequest; response: EligibilityResponse };
  requestEndorsementApproval: { params: NoParams; query: NoParams; body: ApprovalRequest; response: ApprovalResponse };
  issueEndorsement: { params: NoParams; query: NoParams; body: IssuanceRequest; response: IssuanceResponse };
  lookupPropertyCase: { params: NoParams; query: { contractFilingNumber?: string; caseNumber?: string }; body: undefined; response: PropertyCase };
  verifyPropertyParty: {
    params: { caseNumber: string };
    query: NoParams;
    body: PartyVerificationRequest;
    response: PartyVerificationResponse;
  };
  submitPropertyCase: { params: { caseNumber: string }; query: NoParams; body: SubmissionRequest; response: SubmissionResponse };
  getCertificateDeliveryOptions: { params: { caseNumber: string }; query: NoParams; body: undefined; response: DeliveryOptionsResponse };
  chooseCertificateDelivery: { params: { caseNumber: string }; query: NoParams; body: DeliveryRequest; response: DeliveryResponse };
  createPaymentOrder: { params: NoParams; query: NoParams; body: CreatePaymentOrderRequest; response: CreatePaymentOrderResponse };
  listPaymentOrders: { params: NoParams; query: { from: string; to: string }; body: undefined; response: PaymentOrderList };
  queryPaymentOrder: { params: { idempotencyKey: string }; query: NoParams; body: undefined; response: PaymentOrder };
  confirmCardPayment: { params: { idempotencyKey: string }; query: NoParams; body: CardResultRequest; response: PaymentOrder };
  reversePaymentOrder: { params: { idempotencyKey: string }; query: NoParams; body: ReversalRequest; response: PaymentOrder };
  refundPaymentOrder: { params: { idempotencyKey: string }; query: NoParams; body: RefundRequest; response: RefundResponse };
  compareFace: { params: NoParams; query: NoParams; body: FaceComparisonRequest; response: FaceComparisonResponse };
  listTerminals: { params: NoParams; query: NoParams; body: undefined; response: TerminalList };
  queueTerminalCommand: { params: { terminalId: string }; query: NoParams; body: QueueCommandRequest; response: QueuedCommand };
  publishConfigBundle: { params: NoParams; query: NoParams; body: PublishConfigBundleRequest; response: PublishedConfigBundle };
  listConfigBundles: { params: NoParams; query: NoParams; body: undefined; response: ConfigBundleList };
  /** Served by the update feed handler, not JSON. */
  getUpdateFeedFile: { params: { file: string }; query: NoParams; body: undefined; response: Uint8Array };
  getPinnedUpdateFeedFile: { params: { version: string; file: string }; query: NoParams; body: undefined; response: Uint8Array };
}
