import path from 'node:path';
import { expect } from 'vitest';
import { PRINTER_PROBLEM_MESSAGES } from '../../../../drivers/printer/device/printerMessages.js';
import type { ReceiptDocument } from '../../../../drivers/printer/receipts/receiptDocument.js';
import { renderReceiptPreview } from '../../../../drivers/printer/receipts/renderReceiptPreview.js';
import type { PlatformOutcome } from '../../../../electron/platform/platformOutcome.js';
import { PaymentCodeTokens } from '../../../../electron/runtime/flows/endorsement/paymentCodeTokens.js';
import { createReceiptPort } from '../../../../electron/runtime/flows/endorsement/receiptPort.js';
import type { FlowDefinition, FlowEvent } from '../../../../electron/runtime/flows/flowDefinition.js';
import type { SendResult } from '../../../../electron/runtime/flows/flowEngine.js';
import type { FlowRecord } from '../../../../electron/runtime/flows/flowRepository.js';
import type { CommonFlowServices, PaymentCodePort, ReceiptPort } from '../../../../electron/runtime/flows/shared/flowServices.js';
import type { StepMeta } from '../../../../electron/runtime/flows/shared/sharedSteps.js';
import { OutboxWriter } from '../../../../electron/runtime/outbox/outboxWriter.js';
import { PaymentLedger } from '../../../../electron/runtime/payments/paymentLedger.js';
import type { ChargeOutcome, ChargeQueryOutcome, PaymentProvider } from '../../../../electron/runtime/payments/paymentProvider.js';
import { PaymentService } from '../../../../electron/runtime/payments/paymentService.js';
import { fileVaultKey } from '../../../../electron/runtime/pii/fileVaultKey.js';
import { PiiVault } from '../../../../electron/runtime/pii/piiVault.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { PrintJournalRepository } from '../../../../electron/runtime/store/printJournalRepository.js';
import { ConfiguredDevicesFake } from '../../../helpers/configuredDevicesFake.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { RecordingAudit, sampleConfig } from '../../../helpers/runtimeFakes.js';
import { openTestStore, recordingLogger, tempDir } from '../../store/storeTestKit.js';
import { ScriptedPaymentProvider } from '../payments/scriptedPaymentProvider.js';

/**
 * What every citizen flow's test harness stands on: a world that outlives a runtime crash
 * (database file, vault key, payment providers, printed paper), one runtime's shared services
 * over it (real store, ledger, payment service, vault, print journal), scripted platform
 * answers, and waiting helpers bounded by turns, never by time.
 */

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

/** A scripted answer: a value, or a call that never answers (the runtime dies while it is out), optionally after the platform did the work. */
export type Scripted<T> = PlatformOutcome<T> | { hang: true; commit?: T };

export const never = <T>() => new Promise<T>(() => {});

/** The next scripted answer; the last one repeats. */
export function nextScripted<T>(list: T[]): T {
  if (list.length === 0) throw new Error('script is empty');
  return list.length === 1 ? list[0]! : list.shift()!;
}

/** Plays a scripted answer; `remember` hears every value the platform committed (for idempotent replays). */
export function playScripted<T>(scripted: Scripted<T>, remember: (value: T) => void = () => {}): Promise<PlatformOutcome<T>> {
  if ('hang' in scripted) {
    if (scripted.commit !== undefined) remember(scripted.commit);
    return never();
  }
  if (scripted.kind === 'ok') remember(scripted.value);
  return Promise.resolve(scripted);
}

/** The payment-code scanner: "scans" the scripted codes and keeps them in a real PaymentCodeTokens. */
export class PaymentCodeScannerFake implements PaymentCodePort {
  scans = 0;
  script: Array<{ code: string; wallet: string } | { fail: 'timeout' | 'unreadable' }> = [{ code: '134567890123456789', wallet: 'wechat' }];
  constructor(readonly tokens: PaymentCodeTokens) {}
  async scan(): ReturnType<PaymentCodePort['scan']> {
    this.scans++;
    const scripted = nextScripted(this.script);
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

/** The link the scripted platform hands out for a QR order (an https URL naming an order, nothing personal). */
export const QR_LINK = 'https://pay.platform.example/qr/PO0000000042';

/** The platform's answer to a QR order: pending, with its code valid for two hours. */
export const qrShown = (content = QR_LINK): ChargeOutcome => ({
  kind: 'waiting',
  providerReference: 'PO0000000042',
  qrPayload: content,
  qrValidForMs: 2 * 3_600_000,
});

/**
 * Holds a provider's queries unanswered until the test answers them: the citizen has the QR
 * code in front of them and has not paid yet. `release` lets later queries answer from the
 * provider's script again (the held ones stay held).
 */
export function holdQueries(provider: ScriptedPaymentProvider) {
  const held: Array<(outcome: ChargeQueryOutcome) => void> = [];
  const scripted = provider.query.bind(provider);
  provider.query = (request) => {
    provider.calls.push({ op: 'query', key: request.idempotencyKey });
    return new Promise<ChargeQueryOutcome>((resolve) => held.push(resolve));
  };
  return {
    /** Queries waiting for an answer. */
    pending: () => held.length,
    answer(outcome: ChargeQueryOutcome): void {
      for (const resolve of held.splice(0)) resolve(outcome);
    },
    release(): void {
      provider.query = scripted;
    },
  };
}

/**
 * What outlives a runtime crash: the database file and the vault key on disk, the payment
 * providers and the paper that came out of the printer. Each flow's world adds its platform
 * and its document readers.
 */
export class FlowWorld {
  readonly dir = tempDir();
  readonly file = path.join(this.dir, 'kiosk.db');
  readonly keyFile = path.join(this.dir, 'vault.key');
  readonly codeProvider: ScriptedPaymentProvider;
  readonly cardProvider: ScriptedPaymentProvider;
  /** QR orders on the platform: the code is shown, and nobody pays it unless the script says so. */
  readonly qrProvider: ScriptedPaymentProvider;
  /** Job ids that reached the printer, in order, across every runtime. */
  readonly printed: string[] = [];
  printer: 'ok' | 'paper-end' | 'hang' = 'ok';

  /**
   * Provider scripts for the payment code (via the platform) and the bank card, which pay at
   * once with `paid` by default, and for QR orders, whose code waits unpaid by default.
   */
  constructor(scripts: { code?: ProviderScript; card?: ProviderScript; qr?: ProviderScript }, paid: { code: ChargeOutcome; card: ChargeOutcome }) {
    this.codeProvider = new ScriptedPaymentProvider({ charge: [paid.code], ...scripts.code });
    this.cardProvider = new ScriptedPaymentProvider({ charge: [paid.card], ...scripts.card });
    this.qrProvider = new ScriptedPaymentProvider({ charge: [qrShown()], query: [{ kind: 'waiting' }], ...scripts.qr });
  }

  charges(): number {
    return this.codeProvider.count('charge') + this.cardProvider.count('charge') + this.qrProvider.count('charge');
  }
}

/** One runtime's shared flow services over the world, and what a test looks at. */
export interface FlowRuntime {
  clock: FakeClock;
  logger: ReturnType<typeof recordingLogger>;
  store: KioskStore;
  audit: RecordingAudit;
  ledger: PaymentLedger;
  payments: PaymentService;
  vault: PiiVault;
  devices: ConfiguredDevicesFake;
  scanner: PaymentCodeScannerFake;
  receipts: ReceiptPortRecorder;
  /** The services every flow takes, but the ID-card reader and the platform (each harness has its own). */
  services: Omit<CommonFlowServices, 'readIdCard' | 'platform'>;
}

export function openFlowRuntime(world: FlowWorld, startMs: number): FlowRuntime {
  const clock = new FakeClock(startMs);
  const logger = recordingLogger();
  const store = openTestStore(world.file, clock, logger);
  const audit = new RecordingAudit();
  const ledger = new PaymentLedger(store.db, clock);
  const providers = { 'payment-code': world.codeProvider, qr: world.qrProvider, 'bank-card': world.cardProvider } satisfies Record<string, PaymentProvider>;
  const payments = new PaymentService({
    ledger,
    providers,
    clock,
    audit,
    logger,
    policy: { pollIntervalMs: 3_000, maxPendingMs: 45_000, reverseAttempts: 3, refundAttempts: 3, qrWaitMs: 300_000 },
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
  const receipts = new ReceiptPortRecorder(createReceiptPort({ journal: new PrintJournalRepository(store.db, clock), devices, audit, printerId: 'receipt-printer' }));
  const scanner = new PaymentCodeScannerFake(new PaymentCodeTokens(clock));
  return {
    clock,
    logger,
    store,
    audit,
    ledger,
    payments,
    vault,
    devices,
    scanner,
    receipts,
    services: {
      paymentCodes: scanner,
      payments,
      ledger,
      vault,
      receipts,
      outbox: new OutboxWriter(store.db, clock),
      terminal: {
        terminalId: 'DEMO-HALL-0001',
        hallName: { 'zh-CN': '示范市政务服务中心', en: 'Demo City Government Service Centre' },
        helpPhone: '12345',
        trackingUrl: (caseNumber) => `https://zwfw.example.gov.cn/case/${caseNumber}`,
      },
      clock,
      sleep: async (ms) => clock.advance(ms),
    },
  };
}

/**
 * The citizen chooses the QR code: resolves once the code is on the screen and the platform has
 * been asked about it once, with that question held (the phone has not paid yet).
 */
export async function payByQr(h: WithEngine, flowId: string, provider: ScriptedPaymentProvider): Promise<ReturnType<typeof holdQueries>> {
  const payer = holdQueries(provider);
  expect(h.engine.send(flowId, { type: 'pay', method: 'qr' })).toMatchObject({ ok: true });
  await untilStep(h, flowId, 'show-qr');
  await until(() => payer.pending() === 1, 'the first question to the platform');
  return payer;
}

/** The provider does its next charge (the platform has the order) and the answer never gets back: the runtime dies with it out. */
export function loseNextChargeAnswer(provider: ScriptedPaymentProvider): void {
  const original = provider.charge.bind(provider);
  provider.charge = async (request) => {
    provider.charge = original;
    await original(request);
    return never();
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

/** A harness as the waiting helpers see it: its engine. */
interface WithEngine {
  engine: { get(flowId: string): FlowRecord | null; send(flowId: string, event: FlowEvent): SendResult };
}

/** The flow, with its context as the flow's own type. */
export function flowRecord<Ctx>(h: WithEngine, flowId: string): FlowRecord & { context: Ctx } {
  const flow = h.engine.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  return flow as FlowRecord & { context: Ctx };
}

export async function untilStep(h: WithEngine, flowId: string, step: string): Promise<void> {
  await until(() => h.engine.get(flowId)?.step === step, `step ${step} (flow is at ${h.engine.get(flowId)?.step})`);
}

export async function untilFlowEnds(h: WithEngine, flowId: string): Promise<void> {
  await until(() => h.engine.get(flowId)?.status !== 'active', `the end of the flow (at ${h.engine.get(flowId)?.step})`);
}

export function send(h: WithEngine, flowId: string, event: FlowEvent) {
  return h.engine.send(flowId, event);
}

/** The outbox events of a kind, in order, with their payloads parsed. */
export function outboxEvents(store: KioskStore, kind: string): Array<{ id: string; payload: Record<string, unknown> }> {
  const rows = store.db.prepare('SELECT event_id AS id, payload FROM outbox_events WHERE kind = ? ORDER BY seq').all(kind) as Array<{ id: string; payload: string }>;
  return rows.map((row) => ({ id: row.id, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

/**
 * What every flow's step table must hold: fault texts in both languages, the phases of the
 * step table, money taken only in charge, settle-payment and the QR steps, and a repeat after a restart
 * everywhere but while money is being taken (there the ledger is asked first).
 */
export function expectSoundStepTable<Ctx extends Record<string, unknown>, S>(definition: FlowDefinition<Ctx, S>, meta: Readonly<Record<string, StepMeta>>): void {
  for (const [name, step] of Object.entries(definition.steps)) {
    for (const fault of Object.values(step.faults)) {
      expect(fault.message['zh-CN'].length, `${name} zh`).toBeGreaterThan(3);
      expect(fault.message.en.length, `${name} en`).toBeGreaterThan(10);
    }
    expect(step.phase).toBe(meta[name]?.phase);
  }
  expect(definition.steps.charge!.onResume).toEqual({ type: 'resume-payment' });
  // A shown QR code is waited for and withdrawn while paying too: both only query or reverse, so they repeat safely.
  expect(Object.entries(definition.steps).filter(([, s]) => s.phase === 'paying').map(([n]) => n)).toEqual(['charge', 'settle-payment', 'show-qr', 'cancel-qr']);
  expect(Object.entries(definition.steps).filter(([, s]) => s.onResume !== 'repeat').map(([n]) => n)).toEqual(['charge']);
}
