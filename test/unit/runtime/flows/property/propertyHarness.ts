import { computeIdNumberCheckDigit } from '../../../../../drivers/idcard/idNumberCheckDigit.js';
import { SYNTHETIC_PROPERTY_PARTY_FIELDS } from '../../../../../drivers/idcard/simulator/simulatedCard.js';
import type {
  DeliveryOptionsResponse,
  DeliveryRequest,
  DeliveryResponse,
  FaceComparisonRequest,
  FaceComparisonResponse,
  PartyVerificationRequest,
  PartyVerificationResponse,
  PropertyCase,
  PropertyCaseQuery,
  SubmissionRequest,
  SubmissionResponse,
} from '../../../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../../../electron/platform/platformOutcome.js';
import { submitFaceCapture } from '../../../../../electron/runtime/flows/endorsement/faceCapture.js';
import { FlowEngine } from '../../../../../electron/runtime/flows/flowEngine.js';
import { FlowRepository, type FlowRecord } from '../../../../../electron/runtime/flows/flowRepository.js';
import { PROPERTY_FLOW_KIND, type PropertyContext } from '../../../../../electron/runtime/flows/property/propertyContext.js';
import { propertyFeesFromConfig, type PropertyFees } from '../../../../../electron/runtime/flows/property/propertyFees.js';
import { createPropertyFlow } from '../../../../../electron/runtime/flows/property/propertyFlow.js';
import { propertyOptions, type PropertyFlowOptions } from '../../../../../electron/runtime/flows/property/propertyOptions.js';
import type { PropertyPlatform, PropertyServices } from '../../../../../electron/runtime/flows/property/propertyServices.js';
import { VAULT_PURPOSE } from '../../../../../electron/runtime/flows/property/propertyWork.js';
import { submitSignature } from '../../../../../electron/runtime/flows/property/signatureCapture.js';
import type { IdCardReadOutcome } from '../../../../../electron/runtime/flows/shared/flowServices.js';
import { purgeCasePiiWhenFinished } from '../../../../../electron/runtime/flows/shared/piiPurge.js';
import { sampleConfig } from '../../../../helpers/runtimeFakes.js';
import { DEMO_PROPERTY_CASE_NUMBER, SEED_PROPERTY_CASES } from '../../../../platform-sim/seedData.js';
import { maskIdNumber, maskName } from '../../../../platform-sim/simulatorHandler.js';
import { faceMatch } from '../endorsement/endorsementHarness.js';
import {
  flowRecord,
  FlowWorld,
  nextScripted as next,
  ok,
  openFlowRuntime,
  playScripted,
  rejected,
  send,
  START,
  until,
  untilFlowEnds,
  untilStep,
  type FlowRuntime,
  type ProviderScript,
  type Scripted,
} from '../flowTestKit.js';

export { ok, rejected, send, START, unavailable, unknown, until, untilStep } from '../flowTestKit.js';

/** The synthetic parties of the demo case (made-up names; ID numbers with valid check digits that belong to nobody). */
export const PARTY_IDS = {
  S1: SYNTHETIC_PROPERTY_PARTY_FIELDS.seller.idNumber,
  B1: SYNTHETIC_PROPERTY_PARTY_FIELDS.buyer.idNumber,
  B2: SYNTHETIC_PROPERTY_PARTY_FIELDS['co-owner'].idNumber,
} as const;
export type DemoParty = keyof typeof PARTY_IDS;

const DEMO_SEED = SEED_PROPERTY_CASES.find((seed) => seed.case.caseNumber === DEMO_PROPERTY_CASE_NUMBER)!;

/** A PNG signature: the PNG signature bytes and filler (the flow and the platform look at the format only). */
export const SIGNATURE = {
  imagePngBase64: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 3)]).toString('base64'),
  strokes: [
    [
      [10, 10, 0],
      [40, 22, 35],
      [80, 30, 80],
    ],
  ] as Array<Array<[number, number, number]>>,
};
export const FACE_BASE64 = Buffer.from('synthetic-face-image-bytes-for-property-tests').toString('base64');

/** The demo case as the platform answers a lookup: the simulator's seed BDC2026000101, masked as the platform masks it. */
export function demoCase(overrides: Partial<PropertyCase> = {}): PropertyCase {
  return {
    ...structuredClone(DEMO_SEED.case),
    status: 'awaiting-application',
    parties: DEMO_SEED.parties.map((party) => ({
      partyId: party.partyId,
      role: party.role,
      nameMasked: maskName(party.name),
      idNumberMasked: maskIdNumber(party.idNumber),
      required: party.required,
      share: party.share,
      verified: false,
    })),
    ...overrides,
  };
}

type Op = 'lookup' | 'verify' | 'submit' | 'delivery-options' | 'delivery' | 'face';

/**
 * The registration system from scripts (the last answer repeats). Party verification checks
 * the ID number against the case's party, as the platform does; submission and delivery are
 * idempotent by key, as the contract requires. Every call is recorded.
 */
export class ScriptedPropertyPlatform implements PropertyPlatform {
  readonly calls: Array<{ op: Op; body: unknown }> = [];
  lookup: Array<Scripted<PropertyCase>> = [ok(demoCase())];
  face: Array<Scripted<FaceComparisonResponse>> = [faceMatch];
  /** Answers for verification, when set; otherwise the ID number decides. */
  verification: Array<Scripted<PartyVerificationResponse>> = [];
  submission: Array<Scripted<SubmissionResponse>> = [ok(acceptedAnswer())];
  deliveryOptions: Array<Scripted<DeliveryOptionsResponse>> = [ok(deliveryOptionsAnswer())];
  /** Runs as a submission arrives (a test kills the runtime there). */
  onSubmit: (() => void) | null = null;
  private readonly submitted = new Map<string, { request: string; answer: SubmissionResponse }>();
  private readonly delivered = new Map<string, DeliveryResponse>();
  private verifications = 0;

  async lookupPropertyCase(query: PropertyCaseQuery): Promise<PlatformOutcome<PropertyCase>> {
    this.calls.push({ op: 'lookup', body: query });
    return playScripted(next(this.lookup));
  }

  async verifyPropertyParty(caseNumber: string, body: PartyVerificationRequest): Promise<PlatformOutcome<PartyVerificationResponse>> {
    this.calls.push({ op: 'verify', body: { caseNumber, ...body } });
    if (this.verification.length > 0) return playScripted(next(this.verification));
    const expected = PARTY_IDS[body.partyId as DemoParty];
    const matches = expected === body.idNumber;
    return ok({
      partyVerificationId: matches ? `pv-${++this.verifications}` : null,
      partyId: body.partyId,
      verified: matches,
      reason: matches ? null : { code: 'identity-mismatch', message: { 'zh-CN': '身份证件与该当事人不符', en: 'The ID card does not belong to this party' } },
      remainingPartyIds: [],
    });
  }

  async submitPropertyCase(caseNumber: string, body: SubmissionRequest): Promise<PlatformOutcome<SubmissionResponse>> {
    this.calls.push({ op: 'submit', body: { caseNumber, ...body } });
    this.onSubmit?.();
    // As the platform does: a key answers its first request again, and refuses a different one.
    const request = JSON.stringify(body);
    const earlier = this.submitted.get(body.idempotencyKey);
    if (earlier) return earlier.request === request ? ok(earlier.answer) : rejected('idempotency-key-reused');
    return playScripted(next(this.submission), (answer) => this.submitted.set(body.idempotencyKey, { request, answer }));
  }

  async getCertificateDeliveryOptions(caseNumber: string): Promise<PlatformOutcome<DeliveryOptionsResponse>> {
    this.calls.push({ op: 'delivery-options', body: { caseNumber } });
    return playScripted(next(this.deliveryOptions));
  }

  async chooseCertificateDelivery(caseNumber: string, body: DeliveryRequest): Promise<PlatformOutcome<DeliveryResponse>> {
    this.calls.push({ op: 'delivery', body: { caseNumber, ...body } });
    const earlier = this.delivered.get(body.idempotencyKey);
    if (earlier) return ok(earlier);
    const printed = body.method === 'print-at-terminal';
    const answer: DeliveryResponse = {
      caseNumber,
      method: body.method,
      status: printed ? 'ready-to-print' : 'arranged',
      certificates: [
        {
          certificateNumber: '粤(2026)广州市不动产权第0000001号',
          kind: 'ownership',
          printLines: printed ? ['不动产权证书 粤(2026)广州市不动产权第0000001号', '坐落 广州市天河区示例路1号1栋101房'] : null,
          electronicUrl: body.method === 'electronic' ? 'https://platform.example/certificates/1' : null,
        },
      ],
    };
    this.delivered.set(body.idempotencyKey, answer);
    return ok(answer);
  }

  async compareFace(body: FaceComparisonRequest): Promise<PlatformOutcome<FaceComparisonResponse>> {
    this.calls.push({ op: 'face', body });
    return playScripted(next(this.face));
  }

  callsOf(op: Op) {
    return this.calls.filter((c) => c.op === op);
  }

  /** Submissions the platform accepted, by idempotency key. */
  acceptedKeys(): string[] {
    return [...this.submitted.entries()].filter(([, r]) => r.answer.status === 'accepted').map(([key]) => key);
  }
}

export function acceptedAnswer(): SubmissionResponse {
  return { caseNumber: 'BDC2026000101', status: 'accepted', acceptanceNumber: 'SL20260000001', reasons: [], missingPartyIds: [], expectedCompletionDate: '2026-11-28' };
}

export function refusedAnswer(): SubmissionResponse {
  return {
    caseNumber: 'BDC2026000101',
    status: 'refused',
    acceptanceNumber: null,
    reasons: [{ code: 'registration-blocked', message: { 'zh-CN': '该不动产已被查封，不能办理转移登记', en: 'The property is under a court seal and cannot be transferred' } }],
    missingPartyIds: [],
    expectedCompletionDate: null,
  };
}

export function deliveryOptionsAnswer(overrides: Partial<DeliveryOptionsResponse> = {}): DeliveryOptionsResponse {
  return {
    caseNumber: 'BDC2026000101',
    options: [
      { method: 'electronic', available: true, reason: null },
      { method: 'print-at-terminal', available: true, reason: null },
      { method: 'window', available: true, reason: null },
      { method: 'post', available: true, reason: null },
    ],
    mortgageProof: null,
    ...overrides,
  };
}

/** Someone not in the case (synthetic, valid check digit). */
export const STRANGER_ID = `44010619800101111${computeIdNumberCheckDigit('44010619800101111')}`;

/** The ID-card reader: a read waits until the test places a card (or answers a scripted failure first). */
export class PartyCardReaderFake {
  reads = 0;
  failures: IdCardReadOutcome[] = [];
  private waiting: ((outcome: IdCardReadOutcome) => void) | null = null;
  private lying: IdCardReadOutcome | null = null;

  place(card: DemoParty | 'stranger'): void {
    const idNumber = card === 'stranger' ? STRANGER_ID : PARTY_IDS[card];
    const outcome: IdCardReadOutcome = { ok: true, card: { idNumber, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, sex: null } };
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(outcome);
    else this.lying = outcome;
  }

  read = async (_timeoutMs: number, signal: AbortSignal): Promise<IdCardReadOutcome> => {
    this.reads++;
    const failure = this.failures.shift();
    if (failure) return failure;
    const lying = this.lying;
    this.lying = null;
    if (lying) return lying;
    return new Promise((resolve) => {
      this.waiting = resolve;
      signal.addEventListener('abort', () => {
        if (this.waiting === resolve) this.waiting = null;
        resolve({ ok: false, code: 'cancelled', message: { 'zh-CN': '已取消', en: 'Cancelled' } });
      });
    });
  };
}

/** What outlives a runtime crash: the database, the vault key, the platform, the providers, the printed paper. */
export class PropertyWorld extends FlowWorld {
  readonly platform = new ScriptedPropertyPlatform();
  reader = new PartyCardReaderFake();

  constructor(scripts: { code?: ProviderScript; card?: ProviderScript; qr?: ProviderScript } = {}) {
    super(scripts, {
      code: { kind: 'paid', providerReference: 'WX4200000101', payerHint: '13**********6789' },
      card: { kind: 'paid', providerReference: 'UP000123450101', payerHint: '622202******0123' },
    });
  }
}

/** The fee table of the sample config's property-transfer service. */
export function sampleFees(): PropertyFees {
  const fees = propertyFeesFromConfig(sampleConfig().services.find((s) => s.kind === 'property-transfer')!.fees);
  if (!fees.ok) throw new Error(fees.problem);
  return fees.fees;
}

export interface PropertyHarness extends Omit<FlowRuntime, 'services'> {
  world: PropertyWorld;
  engine: FlowEngine<PropertyServices>;
  options: PropertyFlowOptions;
  crash(): void;
}

/** One runtime over the world's database: real store, engine, ledger, payment service, vault, print journal. */
export function openPropertyHarness(world: PropertyWorld, setup: { startMs?: number; options?: Partial<Omit<PropertyFlowOptions, 'fees'>> } = {}): PropertyHarness {
  const { services: common, ...runtime } = openFlowRuntime(world, setup.startMs ?? START);
  const { clock, store, audit, logger, vault } = runtime;
  const services: PropertyServices = { ...common, readIdCard: world.reader.read, platform: world.platform };
  const options = propertyOptions(sampleFees(), setup.options);
  const engine = new FlowEngine<PropertyServices>({ repository: new FlowRepository(store.db, clock), clock, services, audit, logger });
  engine.register(createPropertyFlow(options));
  engine.onChange(purgeCasePiiWhenFinished(vault, PROPERTY_FLOW_KIND));
  return {
    ...runtime,
    world,
    engine,
    options,
    crash: () => {
      engine.dispose();
      store.close();
    },
  };
}

export function flowOf(h: PropertyHarness, flowId: string): FlowRecord & { context: PropertyContext } {
  return flowRecord<PropertyContext>(h, flowId);
}

export async function untilFinished(h: PropertyHarness, flowId: string): Promise<FlowRecord & { context: PropertyContext }> {
  await untilFlowEnds(h, flowId);
  return flowOf(h, flowId);
}

export function captureFace(h: PropertyHarness, flowId: string) {
  return submitFaceCapture({ flows: h.engine, vault: h.vault }, flowId, { format: 'jpeg', dataBase64: FACE_BASE64 }, VAULT_PURPOSE.face);
}

export function sign(h: PropertyHarness, flowId: string) {
  return submitSignature({ flows: h.engine, vault: h.vault }, flowId, SIGNATURE);
}

export const piiRows = (h: PropertyHarness, purpose?: string) =>
  (
    (purpose
      ? h.store.db.prepare('SELECT COUNT(*) AS n FROM pii_records WHERE purpose = ?').get(purpose)
      : h.store.db.prepare('SELECT COUNT(*) AS n FROM pii_records').get()) as { n: number }
  ).n;

/** From the start to the case review: the demo case found by its contract filing number. */
export async function driveToReview(h: PropertyHarness): Promise<string> {
  const flow = h.engine.start(PROPERTY_FLOW_KIND, {});
  await untilStep(h, flow.flowId, 'find-case');
  send(h, flow.flowId, { type: 'find-case', by: 'contract-filing-number', number: 'WQ2026000123' });
  await untilStep(h, flow.flowId, 'review-case');
  return flow.flowId;
}

/** The case confirmed and the seller's card read: the flow waits for the seller's face. */
export async function sellerAtCamera(h: PropertyHarness): Promise<string> {
  const flowId = await driveToReview(h);
  send(h, flowId, { type: 'confirm-case' });
  await untilStep(h, flowId, 'insert-id-card');
  h.world.reader.place('S1');
  await untilStep(h, flowId, 'capture-face');
  return flowId;
}

/** The seller verified and signed: the flow waits for the buyer's card. */
export async function buyersTurn(h: PropertyHarness): Promise<string> {
  const flowId = await driveToReview(h);
  send(h, flowId, { type: 'confirm-case' });
  await partyTakesTurn(h, flowId, 'S1');
  await until(() => flowOf(h, flowId).context.currentPartyId === 'B1' && flowOf(h, flowId).step === 'insert-id-card', "B1's turn");
  return flowId;
}

/** One party at the terminal: places their card, shows their face, signs. */
export async function partyTakesTurn(h: PropertyHarness, flowId: string, party: DemoParty): Promise<void> {
  await until(() => flowOf(h, flowId).step === 'insert-id-card' && flowOf(h, flowId).context.currentPartyId === party, `${party}'s turn`);
  h.world.reader.place(party);
  await untilStep(h, flowId, 'capture-face');
  captureFace(h, flowId);
  await untilStep(h, flowId, 'sign');
  sign(h, flowId);
}

/** Every party verified and signed, one extra certificate confirmed: the flow waits for the payment choice. */
export async function driveToPayment(h: PropertyHarness, extraCertificates = 1): Promise<string> {
  const flowId = await driveToReview(h);
  send(h, flowId, { type: 'confirm-case' });
  for (const party of ['S1', 'B1', 'B2'] as const) await partyTakesTurn(h, flowId, party);
  await untilStep(h, flowId, 'review-fees');
  send(h, flowId, { type: 'confirm-fees', extraCertificates });
  await untilStep(h, flowId, 'choose-payment');
  return flowId;
}

/** Pays by payment code and waits until the flow is past the money. */
export async function payByCode(h: PropertyHarness, flowId: string): Promise<void> {
  send(h, flowId, { type: 'pay', method: 'payment-code' });
  await until(
    () => ['choose-delivery', 'rate', 'choose-payment'].includes(h.engine.get(flowId)?.step ?? '') || h.engine.get(flowId)?.status !== 'active',
    'past the payment',
  );
}

export function receiptJobId(h: PropertyHarness, flowId: string): string {
  return `${flowOf(h, flowId).context.caseRef}-receipt`;
}
