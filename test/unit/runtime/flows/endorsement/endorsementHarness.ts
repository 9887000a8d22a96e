import path from 'node:path';
import { computeIdNumberCheckDigit } from '../../../../../drivers/idcard/idNumberCheckDigit.js';
import { PRINTER_PROBLEM_MESSAGES } from '../../../../../drivers/printer/device/printerMessages.js';
import type { ReceiptDocument } from '../../../../../drivers/printer/receipts/receiptDocument.js';
import { renderReceiptPreview } from '../../../../../drivers/printer/receipts/renderReceiptPreview.js';
import type {
  ApprovalRequest,
  ApprovalResponse,
  EligibilityRequest,
  EligibilityResponse,
  FaceComparisonRequest,
  FaceComparisonResponse,
  IssuanceRequest,
  IssuanceResponse,
} from '../../../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../../../electron/platform/platformOutcome.js';
import type { FlowEvent } from '../../../../../electron/runtime/flows/flowDefinition.js';
import { FlowEngine } from '../../../../../electron/runtime/flows/flowEngine.js';
import { FlowRepository, type FlowRecord } from '../../../../../electron/runtime/flows/flowRepository.js';
import { ENDORSEMENT_FLOW_KIND, type EndorsementContext } from '../../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import { feeLookupFromConfig } from '../../../../../electron/runtime/flows/endorsement/endorsementFees.js';
import { createEndorsementFlow } from '../../../../../electron/runtime/flows/endorsement/endorsementFlow.js';
import type { EndorsementFlowOptions } from '../../../../../electron/runtime/flows/endorsement/endorsementOptions.js';
import { purgeEndorsementPiiWhenFinished } from '../../../../../electron/runtime/flows/endorsement/endorsementPiiPurge.js';
import type {
  EndorsementPlatform,
  EndorsementServices,
  IdCardFacts,
  IdCardReadOutcome,
  PaymentCodePort,
  PermitFacts,
  PermitReadOutcome,
  ReceiptPort,
} from '../../../../../electron/runtime/flows/endorsement/endorsementServices.js';
import { submitFaceCapture } from '../../../../../electron/runtime/flows/endorsement/faceCapture.js';
import { PaymentCodeTokens } from '../../../../../electron/runtime/flows/endorsement/paymentCodeTokens.js';
import { createReceiptPort } from '../../../../../electron/runtime/flows/endorsement/receiptPort.js';
import { OutboxWriter } from '../../../../../electron/runtime/outbox/outboxWriter.js';
import { PaymentLedger } from '../../../../../electron/runtime/payments/paymentLedger.js';
import type { PaymentProvider } from '../../../../../electron/runtime/payments/paymentProvider.js';
import { PaymentService } from '../../../../../electron/runtime/payments/paymentService.js';
import { fileVaultKey } from '../../../../../electron/runtime/pii/fileVaultKey.js';
import { PiiVault } from '../../../../../electron/runtime/pii/piiVault.js';
import { PrintJournalRepository } from '../../../../../electron/runtime/store/printJournalRepository.js';
import type { KioskStore } from '../../../../../electron/runtime/store/openKioskStore.js';
import { ConfiguredDevicesFake } from '../../../../helpers/configuredDevicesFake.js';
import { FakeClock } from '../../../../helpers/fakeClock.js';
import { RecordingAudit, sampleConfig } from '../../../../helpers/runtimeFakes.js';
import { openTestStore, recordingLogger, tempDir } from '../../../store/storeTestKit.js';
import { ScriptedPaymentProvider } from '../../payments/scriptedPaymentProvider.js';

/** A synthetic citizen: the name is made up and the ID number (valid GB 11643 check digit) belongs to nobody. */
export const HOLDER = {
  name: '林小雨',
  idNumber: `44010619900307123${computeIdNumberCheckDigit('44010619900307123')}`,
  permitNumber: 'C99000123',
  birthDate: '1990-03-07',
  paymentCode: '134567890123456789',
  faceBase64: Buffer.from('synthetic-face-image-bytes-for-tests').toString('base64'),
};

/** 2026-11-23 18:00 in the hall (10:00 UTC). */
export const START = Date.UTC(2026, 10, 23, 10);

export const ok = <T>(value: T): PlatformOutcome<T> => ({ kind: 'ok', status: 200, value });
export const unavailable: PlatformOutcome<never> = { kind: 'unavailable', reason: 'network', detail: 'connection refused' };
export const unknown: PlatformOutcome<never> = { kind: 'unknown', reason: 'timeout-after-send', detail: 'no answer' };
export const rejected = (code: string, retryable = false): PlatformOutcome<never> => ({
  kind: 'rejected',
  status: 409,
  error: { code, message: { 'zh-CN': '不予受理', en: 'Not accepted' }, retryable },
});

export function permitFacts(overrides: Partial<PermitFacts> = {}): PermitFacts {
  return { permitType: 'hk-macau', number: HOLDER.permitNumber, birthDate: HOLDER.birthDate, expiry: '2031-05-01', sex: 'female', ...overrides };
}

export function eligibilityAnswer(overrides: Partial<EligibilityResponse> = {}): EligibilityResponse {
  return {
    eligibilityId: 'el-0000000001',
    validUntil: '2026-11-23T10:15:00Z',
    holder: { permitType: 'CS', permitNumberMasked: 'C9*****23', nameMasked: '林*雨' },
    allowed: [
      {
        kind: 'G',
        destination: 'HK',
        options: [
          { optionCode: 'G-HK-3M-1', entries: 'single', validityMonths: 3, stayDays: 7, feeCode: 'endorsement-single' },
          { optionCode: 'G-HK-3M-2', entries: 'double', validityMonths: 3, stayDays: 7, feeCode: 'endorsement-double' },
          // The config has no fee for this one: it must not be offered.
          { optionCode: 'G-HK-2Y-M', entries: 'multiple', validityMonths: 24, stayDays: 7, feeCode: 'endorsement-multiple-2y' },
        ],
      },
    ],
    refused: [{ kind: 'T', destination: null, reason: { code: 'window-only-kind', message: { 'zh-CN': '请到窗口办理', en: 'Apply at the counter' } } }],
    ...overrides,
  };
}

export function approvedAnswer(amountFen = 1500): ApprovalResponse {
  return {
    approvalId: 'ap-0000000001',
    caseNumber: 'CJ2026000042',
    decision: 'approved',
    reasons: [],
    payable: {
      amountFen,
      payableReference: '440100000000000042',
      items: [{ feeCode: 'endorsement-single', optionCode: 'G-HK-3M-1', description: { 'zh-CN': 'HK 个人旅游签注', en: 'HK individual tourism endorsement' }, amountFen }],
    },
  };
}

export function issuedAnswer(): IssuanceResponse {
  return {
    caseNumber: 'CJ2026000042',
    status: 'issued',
    endorsements: [
      { kind: 'G', destination: 'HK', entries: 'single', validFrom: '2026-11-23', validUntil: '2027-02-22', stayDays: 7, endorsementNumber: 'E000000042' },
    ],
    failure: null,
    printLines: ['G HK SINGLE 7D', '2026-11-23 - 2027-02-22 E000000042'],
  };
}

export function failedIssueAnswer(): IssuanceResponse {
  return {
    caseNumber: 'CJ2026000042',
    status: 'failed',
    endorsements: [],
    failure: { code: 'endorsement-write-failed', message: { 'zh-CN': '签注写入失败', en: 'Writing the endorsement failed' } },
    printLines: [],
  };
}

const faceAnswer = (decision: FaceComparisonResponse['decision']): FaceComparisonResponse => ({
  comparisonId: `fc-${decision}-00001`,
  decision,
  score: decision === 'match' ? 0.93 : 0.31,
  threshold: 0.8,
  retained: false,
});
export const faceMatch = ok(faceAnswer('match'));
export const faceNoMatch = ok(faceAnswer('no-match'));

/** An answer a test releases by hand, to hold a step while the test looks at it. */
export class Gate {
  private release: () => void = () => {};
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
}

/** A scripted answer: a value, or a call that never answers (the runtime dies while it is out), optionally after the platform did the work. */
export type Scripted<T> = PlatformOutcome<T> | { hang: true; commit?: T };

function next<T>(list: T[]): T {
  if (list.length === 0) throw new Error('script is empty');
  return list.length === 1 ? list[0]! : list.shift()!;
}

const never = <T>() => new Promise<T>(() => {});

/**
 * The platform's endorsement operations from scripts (the last answer repeats). Approval and
 * issuing are idempotent by key, as the contract requires: once a key has an answer, the same
 * key gets it again. Every call is recorded.
 */
export class ScriptedEndorsementPlatform implements EndorsementPlatform {
  readonly calls: Array<{ op: 'eligibility' | 'approval' | 'issue' | 'face'; body: EligibilityRequest | ApprovalRequest | IssuanceRequest | FaceComparisonRequest }> = [];
  eligibility: Array<Scripted<EligibilityResponse>> = [ok(eligibilityAnswer())];
  approval: Array<Scripted<ApprovalResponse>> = [ok(approvedAnswer())];
  issuance: Array<Scripted<IssuanceResponse>> = [ok(issuedAnswer())];
  face: Array<Scripted<FaceComparisonResponse>> = [faceMatch];
  /** When set, issuing waits for it before answering. */
  issueGate: Gate | null = null;
  private readonly approvals = new Map<string, ApprovalResponse>();
  private readonly issued = new Map<string, IssuanceResponse>();

  async checkEndorsementEligibility(body: EligibilityRequest): Promise<PlatformOutcome<EligibilityResponse>> {
    this.calls.push({ op: 'eligibility', body });
    return this.answer(next(this.eligibility));
  }

  async requestEndorsementApproval(body: ApprovalRequest): Promise<PlatformOutcome<ApprovalResponse>> {
    this.calls.push({ op: 'approval', body });
    const earlier = this.approvals.get(body.idempotencyKey);
    if (earlier) return ok(earlier);
    return this.answer(next(this.approval), (value) => this.approvals.set(body.idempotencyKey, value));
  }

  async issueEndorsement(body: IssuanceRequest): Promise<PlatformOutcome<IssuanceResponse>> {
    this.calls.push({ op: 'issue', body });
    if (this.issueGate) await this.issueGate.opened;
    const earlier = this.issued.get(body.idempotencyKey);
    if (earlier) return ok(earlier);
    return this.answer(next(this.issuance), (value) => this.issued.set(body.idempotencyKey, value));
  }

  async compareFace(body: FaceComparisonRequest): Promise<PlatformOutcome<FaceComparisonResponse>> {
    this.calls.push({ op: 'face', body });
    return this.answer(next(this.face));
  }

  callsOf(op: 'eligibility' | 'approval' | 'issue' | 'face') {
    return this.calls.filter((c) => c.op === op);
  }

  /** Cases the platform issued, by idempotency key. */
  issuedKeys(): string[] {
    return [...this.issued.entries()].filter(([, r]) => r.status === 'issued').map(([key]) => key);
  }

  private answer<T>(scripted: Scripted<T>, remember: (value: T) => void = () => {}): Promise<PlatformOutcome<T>> {
    if ('hang' in scripted) {
      if (scripted.commit !== undefined) remember(scripted.commit);
      return never();
    }
    if (scripted.kind === 'ok') remember(scripted.value);
    return Promise.resolve(scripted);
  }
}

/** The permit reader: answers from a script (the last repeats) and counts reads. */
export class PermitReaderFake {
  reads = 0;
  constructor(public script: PermitReadOutcome[] = [{ ok: true, permit: permitFacts() }]) {}
  read = async (_timeoutMs: number, _signal: AbortSignal): Promise<PermitReadOutcome> => {
    this.reads++;
    return next(this.script);
  };
}

/** The ID-card reader. The default card carries the name too, as a real read would: the flow must drop it. */
export class IdCardReaderFake {
  reads = 0;
  script: IdCardReadOutcome[];
  constructor(card: Partial<IdCardFacts> = {}) {
    const fullCard = { idNumber: HOLDER.idNumber, birthDate: HOLDER.birthDate, sex: 'female' as const, name: HOLDER.name, ...card };
    this.script = [{ ok: true, card: fullCard }];
  }
  read = async (_timeoutMs: number, _signal: AbortSignal): Promise<IdCardReadOutcome> => {
    this.reads++;
    return next(this.script);
  };
}

/** The payment-code scanner: "scans" the scripted codes and keeps them in a real PaymentCodeTokens. */
export class PaymentCodeScannerFake implements PaymentCodePort {
  scans = 0;
  script: Array<{ code: string; wallet: string } | { fail: 'timeout' | 'unreadable' }> = [{ code: HOLDER.paymentCode, wallet: 'wechat' }];
  constructor(readonly tokens: PaymentCodeTokens) {}
  async scan(): ReturnType<PaymentCodePort['scan']> {
    this.scans++;
    const scripted = next(this.script);
    if ('fail' in scripted) return { ok: false, code: scripted.fail, message: { 'zh-CN': '未扫到付款码', en: 'No code scanned' } };
    return { ok: true, token: this.tokens.hold(scripted.code), wallet: scripted.wallet, masked: `${scripted.code.slice(0, 2)}**********${scripted.code.slice(-4)}` };
  }
  redeem(token: string): string | null {
    return this.tokens.redeem(token);
  }
}

/** Keeps every receipt document the flow prints, to read its text; prints through the real port. */
export class ReceiptPortRecorder implements ReceiptPort {
  readonly documents = new Map<string, ReceiptDocument>();
  constructor(private readonly inner: ReceiptPort) {}
  jobState(jobId: string) {
    return this.inner.jobState(jobId);
  }
  print(jobId: string, document: ReceiptDocument) {
    this.documents.set(jobId, document);
    return this.inner.print(jobId, document);
  }
  text(jobId: string): string {
    const document = this.documents.get(jobId);
    if (!document) throw new Error(`no receipt ${jobId}`);
    return renderReceiptPreview(document);
  }
}

export type ProviderScript = NonNullable<ConstructorParameters<typeof ScriptedPaymentProvider>[0]>;

/**
 * What outlives a runtime crash: the database file and the vault key on disk, the platform,
 * the payment providers and the paper that came out of the printer.
 */
export class World {
  readonly dir = tempDir();
  readonly file = path.join(this.dir, 'kiosk.db');
  readonly keyFile = path.join(this.dir, 'vault.key');
  readonly platform = new ScriptedEndorsementPlatform();
  readonly codeProvider: ScriptedPaymentProvider;
  readonly cardProvider: ScriptedPaymentProvider;
  /** Job ids that reached the printer, in order, across every runtime. */
  readonly printed: string[] = [];
  printer: 'ok' | 'paper-end' | 'hang' = 'ok';
  permitReader = new PermitReaderFake();
  idCardReader = new IdCardReaderFake();

  /** Provider scripts for the payment code (via the platform) and the bank card; both pay at once by default. */
  constructor(scripts: { code?: ProviderScript; card?: ProviderScript } = {}) {
    this.codeProvider = new ScriptedPaymentProvider({ charge: [{ kind: 'paid', providerReference: 'WX4200000001', payerHint: '13**********6789' }], ...scripts.code });
    this.cardProvider = new ScriptedPaymentProvider({ charge: [{ kind: 'paid', providerReference: 'UP000123456789', payerHint: '622202******0123' }], ...scripts.card });
  }

  charges(): number {
    return this.codeProvider.count('charge') + this.cardProvider.count('charge');
  }
}

export interface Harness {
  world: World;
  clock: FakeClock;
  store: KioskStore;
  engine: FlowEngine<EndorsementServices>;
  repository: FlowRepository;
  ledger: PaymentLedger;
  payments: PaymentService;
  vault: PiiVault;
  scanner: PaymentCodeScannerFake;
  receipts: ReceiptPortRecorder;
  audit: RecordingAudit;
  logger: ReturnType<typeof recordingLogger>;
  devices: ConfiguredDevicesFake;
  /** Closes the store without finishing anything: the runtime died. */
  crash(): void;
}

const CONFIG_FEES = sampleConfig().services.find((s) => s.kind === 'exit-entry-endorsement')!.fees;
const PLATFORM_TO_CONFIG_FEES = { 'endorsement-single': 'once', 'endorsement-double': 'twice', 'endorsement-multiple-1y': 'multi-1y' };

/** One runtime over the world's database: real store, engine, ledger, payment service, vault, print journal. */
export function openHarness(world: World, options: { startMs?: number; flow?: Partial<EndorsementFlowOptions> } = {}): Harness {
  const clock = new FakeClock(options.startMs ?? START);
  const logger = recordingLogger();
  const store = openTestStore(world.file, clock, logger);
  const audit = new RecordingAudit();
  const ledger = new PaymentLedger(store.db, clock);
  const providers = { 'payment-code': world.codeProvider, qr: world.codeProvider, 'bank-card': world.cardProvider } satisfies Record<string, PaymentProvider>;
  const payments = new PaymentService({
    ledger,
    providers,
    clock,
    audit,
    logger,
    policy: { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 3, refundAttempts: 3 },
    sleep: async (ms) => clock.advance(ms),
  });
  const vault = new PiiVault(store.db, fileVaultKey(world.keyFile), clock, 7 * 24 * 3_600_000);
  const devices = new ConfiguredDevicesFake(sampleConfig().devices, clock);
  devices.performHandler = (_deviceId, operation) => {
    if (operation.op !== 'printer.print') return { ok: false, failure: { reason: 'wrong-kind', message: { 'zh-CN': '-', en: '-' }, detail: null } };
    world.printed.push(operation.jobId);
    if (world.printer === 'hang') return never();
    if (world.printer === 'paper-end') return { ok: true, result: { ok: false, reason: 'paper-end', printedBeforeFailure: false, message: PRINTER_PROBLEM_MESSAGES['paper-end'] } };
    return { ok: true, result: { ok: true } };
  };
  const receipts = new ReceiptPortRecorder(
    createReceiptPort({ journal: new PrintJournalRepository(store.db, clock), devices, audit, printerId: 'receipt-printer' }),
  );
  const scanner = new PaymentCodeScannerFake(new PaymentCodeTokens(clock));
  const services: EndorsementServices = {
    readPermit: world.permitReader.read,
    readIdCard: world.idCardReader.read,
    paymentCodes: scanner,
    platform: world.platform,
    payments,
    ledger,
    vault,
    receipts,
    outbox: new OutboxWriter(store.db, clock),
    fees: feeLookupFromConfig(CONFIG_FEES, PLATFORM_TO_CONFIG_FEES),
    terminal: {
      terminalId: 'DEMO-HALL-0001',
      hallName: { 'zh-CN': '示范市政务服务中心', en: 'Demo City Government Service Centre' },
      helpPhone: '12345',
      trackingUrl: (caseNumber) => `https://zwfw.example.gov.cn/case/${caseNumber}`,
    },
    clock,
    sleep: async (ms) => clock.advance(ms),
  };
  const repository = new FlowRepository(store.db, clock);
  const engine = new FlowEngine<EndorsementServices>({ repository, clock, services, audit, logger });
  engine.register(createEndorsementFlow(options.flow));
  engine.onChange(purgeEndorsementPiiWhenFinished(vault));
  return {
    world,
    clock,
    store,
    engine,
    repository,
    ledger,
    payments,
    vault,
    scanner,
    receipts,
    audit,
    logger,
    devices,
    crash: () => {
      engine.dispose();
      store.close();
    },
  };
}

/** Lets the engine's asynchronous work run until `done` holds (bounded by turns, not by time). */
export async function until(done: () => boolean, what = 'condition'): Promise<void> {
  for (let turn = 0; turn < 500; turn++) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never reached: ${what}`);
}

export function flowOf(h: Harness, flowId: string): FlowRecord & { context: EndorsementContext } {
  const flow = h.engine.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  return flow as FlowRecord & { context: EndorsementContext };
}

export async function untilStep(h: Harness, flowId: string, step: string): Promise<void> {
  await until(() => h.engine.get(flowId)?.step === step, `step ${step} (flow is at ${h.engine.get(flowId)?.step})`);
}

export async function untilFinished(h: Harness, flowId: string): Promise<FlowRecord & { context: EndorsementContext }> {
  await until(() => h.engine.get(flowId)?.status !== 'active', `the end of the flow (at ${h.engine.get(flowId)?.step})`);
  return flowOf(h, flowId);
}

export function send(h: Harness, flowId: string, event: FlowEvent) {
  return h.engine.send(flowId, event);
}

export function captureFace(h: Harness, flowId: string) {
  return submitFaceCapture({ flows: h.engine, vault: h.vault }, flowId, { format: 'jpeg', dataBase64: HOLDER.faceBase64 });
}

/** A citizen from the attract screen to the payment choice: permit, ID card, face, G to Hong Kong once. */
export async function driveToPayment(h: Harness): Promise<string> {
  const flow = h.engine.start(ENDORSEMENT_FLOW_KIND, {});
  await untilStep(h, flow.flowId, 'capture-face');
  captureFace(h, flow.flowId);
  await untilStep(h, flow.flowId, 'choose');
  send(h, flow.flowId, { type: 'choose', kind: 'G', destination: 'HK', optionCode: 'G-HK-3M-1' });
  await untilStep(h, flow.flowId, 'choose-payment');
  return flow.flowId;
}

/** Pays by payment code and waits until the flow is past the money (rating screen or an end). */
export async function payByCode(h: Harness, flowId: string): Promise<void> {
  send(h, flowId, { type: 'pay', method: 'payment-code' });
  await until(() => ['rate', 'choose-payment'].includes(h.engine.get(flowId)?.step ?? '') || h.engine.get(flowId)?.status !== 'active', 'past the payment');
}

export function receiptJobId(h: Harness, flowId: string): string {
  return `${flowOf(h, flowId).context.caseRef}-receipt`;
}
