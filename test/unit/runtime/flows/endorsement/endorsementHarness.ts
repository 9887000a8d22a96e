import { computeIdNumberCheckDigit } from '../../../../../drivers/idcard/idNumberCheckDigit.js';
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
  PermitFacts,
  PermitReadOutcome,
} from '../../../../../electron/runtime/flows/endorsement/endorsementServices.js';
import { submitFaceCapture } from '../../../../../electron/runtime/flows/endorsement/faceCapture.js';
import type { PaymentLedger } from '../../../../../electron/runtime/payments/paymentLedger.js';
import type { PaymentService } from '../../../../../electron/runtime/payments/paymentService.js';
import type { PiiVault } from '../../../../../electron/runtime/pii/piiVault.js';
import type { KioskStore } from '../../../../../electron/runtime/store/openKioskStore.js';
import type { ConfiguredDevicesFake } from '../../../../helpers/configuredDevicesFake.js';
import type { FakeClock } from '../../../../helpers/fakeClock.js';
import { sampleConfig, type RecordingAudit } from '../../../../helpers/runtimeFakes.js';
import type { recordingLogger } from '../../../store/storeTestKit.js';
import {
  flowRecord,
  FlowWorld,
  nextScripted as next,
  ok,
  openFlowRuntime,
  playScripted,
  send,
  START,
  until,
  untilFlowEnds,
  untilStep,
  type PaymentCodeScannerFake,
  type ProviderScript,
  type ReceiptPortRecorder,
  type Scripted,
} from '../flowTestKit.js';

export {
  ok,
  PaymentCodeScannerFake,
  ReceiptPortRecorder,
  rejected,
  send,
  START,
  unavailable,
  unknown,
  until,
  untilStep,
  type ProviderScript,
  type Scripted,
} from '../flowTestKit.js';

/** A synthetic citizen: the name is made up and the ID number (valid GB 11643 check digit) belongs to nobody. */
export const HOLDER = {
  name: '林小雨',
  idNumber: `44010619900307123${computeIdNumberCheckDigit('44010619900307123')}`,
  permitNumber: 'C99000123',
  birthDate: '1990-03-07',
  paymentCode: '134567890123456789',
  faceBase64: Buffer.from('synthetic-face-image-bytes-for-tests').toString('base64'),
};

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
    return playScripted(next(this.eligibility));
  }

  async requestEndorsementApproval(body: ApprovalRequest): Promise<PlatformOutcome<ApprovalResponse>> {
    this.calls.push({ op: 'approval', body });
    const earlier = this.approvals.get(body.idempotencyKey);
    if (earlier) return ok(earlier);
    return playScripted(next(this.approval), (value) => this.approvals.set(body.idempotencyKey, value));
  }

  async issueEndorsement(body: IssuanceRequest): Promise<PlatformOutcome<IssuanceResponse>> {
    this.calls.push({ op: 'issue', body });
    if (this.issueGate) await this.issueGate.opened;
    const earlier = this.issued.get(body.idempotencyKey);
    if (earlier) return ok(earlier);
    return playScripted(next(this.issuance), (value) => this.issued.set(body.idempotencyKey, value));
  }

  async compareFace(body: FaceComparisonRequest): Promise<PlatformOutcome<FaceComparisonResponse>> {
    this.calls.push({ op: 'face', body });
    return playScripted(next(this.face));
  }

  callsOf(op: 'eligibility' | 'approval' | 'issue' | 'face') {
    return this.calls.filter((c) => c.op === op);
  }

  /** Cases the platform issued, by idempotency key. */
  issuedKeys(): string[] {
    return [...this.issued.entries()].filter(([, r]) => r.status === 'issued').map(([key]) => key);
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

/**
 * What outlives a runtime crash: the database file and the vault key on disk, the platform,
 * the payment providers and the paper that came out of the printer.
 */
export class World extends FlowWorld {
  readonly platform = new ScriptedEndorsementPlatform();
  permitReader = new PermitReaderFake();
  idCardReader = new IdCardReaderFake();

  /** Provider scripts for the payment code (via the platform) and the bank card (both pay at once by default) and for QR orders (unpaid by default). */
  constructor(scripts: { code?: ProviderScript; card?: ProviderScript; qr?: ProviderScript } = {}) {
    super(scripts, {
      code: { kind: 'paid', providerReference: 'WX4200000001', payerHint: '13**********6789' },
      card: { kind: 'paid', providerReference: 'UP000123456789', payerHint: '622202******0123' },
    });
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
  const runtime = openFlowRuntime(world, options.startMs ?? START);
  const { clock, store, vault, audit, logger } = runtime;
  const services: EndorsementServices = {
    ...runtime.services,
    readPermit: world.permitReader.read,
    readIdCard: world.idCardReader.read,
    platform: world.platform,
    fees: feeLookupFromConfig(CONFIG_FEES, PLATFORM_TO_CONFIG_FEES),
  };
  const repository = new FlowRepository(store.db, clock);
  const engine = new FlowEngine<EndorsementServices>({ repository, clock, services, audit, logger });
  engine.register(createEndorsementFlow(options.flow));
  engine.onChange(purgeEndorsementPiiWhenFinished(vault));
  return {
    ...runtime,
    world,
    engine,
    repository,
    crash: () => {
      engine.dispose();
      store.close();
    },
  };
}

export function flowOf(h: Harness, flowId: string): FlowRecord & { context: EndorsementContext } {
  return flowRecord<EndorsementContext>(h, flowId);
}

export async function untilFinished(h: Harness, flowId: string): Promise<FlowRecord & { context: EndorsementContext }> {
  await untilFlowEnds(h, flowId);
  return flowOf(h, flowId);
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
