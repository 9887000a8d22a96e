import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../bridge/kioskSnapshot.js';
import type { EndorsementView } from '../../bridge/endorsementFlowView.js';
import { computeIdNumberCheckDigit } from '../../../drivers/idcard/idNumberCheckDigit.js';
import { syntheticResidentCard } from '../../../drivers/idcard/simulator/simulatedCard.js';
import { generatePermitLineMrz } from '../../../drivers/permit/mrz/generateMrz.js';
import { EscPosStreamParser } from '../../../drivers/printer/escpos/escPosStreamParser.js';
import { SimulatedPrintedOutput } from '../../../drivers/printer/simulator/simulatedPrintedOutput.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type RunningPlatformSimulator } from '../../../test/platform-sim/platformSimulator.js';
import { systemClock } from '../clock.js';
import { createKioskRuntime } from '../createKioskRuntime.js';
import { createDriverDeviceManager } from '../devices/createDriverDeviceManager.js';
import type { KioskRuntime } from '../kioskRuntime.js';
import { silentLogger } from '../logger.js';
import { openReadOnly } from '../store/openReadOnly.js';
import { loadTerminalConfig } from '../../../config/loadTerminalConfig.js';
import { ENDORSEMENT_SCENARIOS, type EndorsementScenario } from './endorsementScenarios.js';

export interface ScenarioResult {
  ok: boolean;
  scenario: string;
  /** The platform's case number, or null when none was created. */
  caseId: string | null;
  payment: { state: string; amount: number } | null;
  /** The receipt as it came out of the (simulated) printer, one line per printed line. */
  receipt: string | null;
  rating: { stars: number; deliveredToPlatform: boolean } | null;
  /** The screens the citizen went through, in order. */
  steps: string[];
  problems: string[];
  elapsedMs: number;
}

export const SCENARIO_NAMES = ENDORSEMENT_SCENARIOS.map((s) => s.name);

/** Scenario runs wait for devices and the platform in tens of milliseconds, not seconds. */
const STEP_TIMEOUT_MS = 20_000;

/**
 * Drives a scripted citizen through the real runtime and bridge contract on simulated devices
 * (documents and codes handed to the device simulators, which speak their wire protocols)
 * against the platform simulator (started here unless `platformUrl` names one), then reads the
 * outcome back from the terminal's own database and printed receipt.
 */
export async function runScenario(name: string, options: { dataDir: string; platformUrl?: string; sampleConfigFile: string }): Promise<ScenarioResult> {
  const scenario = ENDORSEMENT_SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  const started = performance.now();
  mkdirSync(options.dataDir, { recursive: true });
  let sim: RunningPlatformSimulator | null = null;
  let runtime: KioskRuntime | null = null;
  const steps: string[] = [];
  const problems: string[] = [];
  let view: EndorsementView | null = null;
  let devices: Awaited<ReturnType<typeof createDriverDeviceManager>> | null = null;
  try {
    const platformUrl = options.platformUrl ?? (sim = await startPlatformSimulator({ dataDir: join(options.dataDir, 'platform-sim') })).url;
    const config = JSON.parse(readFileSync(options.sampleConfigFile, 'utf8')) as Record<string, unknown> & { terminalId: string; devices: Array<{ binding: { transport: string } }> };
    const secretFile = join(options.dataDir, 'platform.secret');
    writeFileSync(secretFile, `${DEMO_TERMINAL_SECRET}\n`, { mode: 0o600 });
    config.platform = { baseUrl: new URL('/', platformUrl).toString(), requestTimeoutSeconds: 10, heartbeatSeconds: 30, credential: { keyId: config.terminalId, secretFile } };
    if (config.devices.some((d) => d.binding.transport !== 'simulated')) throw new Error('scenarios run on simulated devices only');
    const configFile = join(options.dataDir, 'terminal.json');
    writeFileSync(configFile, JSON.stringify(config));

    const loaded = loadTerminalConfig(configFile);
    if (!loaded.ok) throw new Error(`scenario config is invalid: ${loaded.problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`);
    // The scenario owns the devices, so it can hand documents and codes to their simulators.
    devices = await createDriverDeviceManager(loaded.config.devices, systemClock, silentLogger);
    const manager = devices.manager;
    runtime = await createKioskRuntime({
      dataDir: join(options.dataDir, 'kiosk'),
      sampleConfigFile: options.sampleConfigFile,
      configFile,
      logger: silentLogger,
      appVersion: 'scenario',
      shell: 'browser',
      createDeviceManager: () => manager,
      // An instant simulated citizen and payer: seconds of polling become milliseconds.
      paymentPolicy: { pollIntervalMs: 100, maxPendingMs: 1_500, reverseAttempts: 3, refundAttempts: 3 },
    });
    const r = runtime;
    let id = 0;
    const origin = { transport: 'websocket' as const, peer: `scenario ${name}` };
    const intent = async (body: Record<string, unknown>) => {
      const reply = await r.bridge.handle({ kind: 'intent', id: ++id, intent: body }, origin);
      if (!reply.ok) throw new Error(`${String(body.type)} refused: ${JSON.stringify(reply.error)}`);
    };
    const snapshot = async (): Promise<KioskSnapshot> => {
      const reply = await r.bridge.handle({ kind: 'query', id: ++id, query: { type: 'snapshot.get' } }, origin);
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return kioskSnapshotSchema.parse(reply.result);
    };
    const until = async (what: string, predicate: (s: KioskSnapshot) => boolean): Promise<KioskSnapshot> => {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const s = await snapshot();
        if (s.screen.name === 'flow') {
          view = s.screen.flow.view;
          if (steps.at(-1) !== view.screen) steps.push(view.screen);
        }
        if (predicate(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (at ${view?.screen ?? s.screen.name}${view?.fault ? `: ${view.fault.message.en}` : ''})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const at = (screen: string) => until(screen, (s) => s.screen.name === 'flow' && s.screen.flow.view.screen === screen);
    const onResultOr = (screen: string) => until(`${screen} or a result`, (s) => s.screen.name === 'flow' && (s.screen.flow.view.screen === screen || s.screen.flow.view.screen === 'result'));

    await until('the service to be available', (s) => s.terminal.services.some((x) => x.kind === 'exit-entry-endorsement' && x.available));
    const service = (await snapshot()).terminal.services.find((x) => x.kind === 'exit-entry-endorsement')!;
    await intent({ type: 'session.start' });
    await intent({ type: 'menu.selectService', serviceId: service.id });
    await intent({ type: 'service.start', serviceId: service.id });

    const sims = devices.simulators;
    const { citizen } = scenario;
    const idNumber = citizen.idNumber17 + (computeIdNumberCheckDigit(citizen.idNumber17) ?? '0');
    const birth = citizen.idNumber17.slice(6, 14);
    await at('insert-permit');
    await sims.permitReaders.get('permit-reader')!.presentDocument(generatePermitLineMrz({ documentCode: 'CS', documentNumber: citizen.permitNumber, birthDate: birth.slice(2), expiryDate: '340615' }));
    await at('insert-id-card');
    sims.idCardReaders.get('id-reader')!.placeCard(
      syntheticResidentCard({ name: citizen.name, idNumber, birthDate: birth, sex: Number(citizen.idNumber17.at(-1)) % 2 === 1 ? '1' : '2' }),
    );
    await at('capture-face');
    await intent({ type: 'flow.faceCaptured', format: 'jpeg', dataBase64: syntheticPhoto() });
    let s = await onResultOr('choose-endorsement');
    if (s.screen.name === 'flow' && s.screen.flow.view.screen === 'choose-endorsement') {
      const choice = s.screen.flow.view.choices[0]!;
      await intent({ type: 'flow.choose', kind: choice.kind, destination: choice.destination, optionCode: choice.options[0]!.optionCode });
      s = await onResultOr('choose-payment');
      if (s.screen.name === 'flow' && s.screen.flow.view.screen === 'choose-payment') {
        await pay(scenario, intent, at, sims);
        // Paid → rating; not charged → back to choosing how to pay, with the reason shown.
        s = await until('the payment to settle', (x) => x.screen.name === 'flow' && (['rate', 'result'].includes(x.screen.flow.view.screen) || (x.screen.flow.view.screen === 'choose-payment' && x.screen.flow.view.fault !== null)));
        if (s.screen.name === 'flow' && s.screen.flow.view.screen === 'choose-payment' && scenario.cancelAfterPaymentFailure) {
          await intent({ type: 'flow.cancel' });
        }
      }
    }
    let rating: ScenarioResult['rating'] = null;
    s = await until('the rating or a result', (x) => x.screen.name === 'flow' && (x.screen.flow.view.screen === 'rate' || x.screen.flow.view.screen === 'result'));
    if (s.screen.name === 'flow' && s.screen.flow.view.screen === 'rate') {
      await intent({ type: 'flow.rate', stars: 5 });
      rating = { stars: 5, deliveredToPlatform: false };
    }
    s = await at('result');
    const final = s.screen.name === 'flow' ? s.screen.flow.view : null;
    const caseId = final?.caseNumber ?? null;
    await intent({ type: 'session.end' });
    if (rating && sim) {
      const simulator = sim;
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && simulator.records.ratings().length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      rating.deliveredToPlatform = simulator.records.ratings().length > 0;
    }
    await runtime.shutdown();
    runtime = null;

    const { payment, receipt } = readOutcome(join(options.dataDir, 'kiosk', 'kiosk.db'));
    const outcome = final?.screen === 'result' ? final.outcome : null;
    if (outcome !== scenario.expect.outcome) problems.push(`outcome ${outcome} (expected ${scenario.expect.outcome})`);
    if ((payment?.state ?? null) !== scenario.expect.payment) problems.push(`payment ${payment?.state ?? 'none'} (expected ${scenario.expect.payment ?? 'none'})`);
    return { ok: problems.length === 0, scenario: name, caseId, payment, receipt, rating, steps, problems, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return { ok: false, scenario: name, caseId: (view as EndorsementView | null)?.caseNumber ?? null, payment: null, receipt: null, rating: null, steps, problems, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await runtime?.shutdown();
    await devices?.manager.close();
    await sim?.close();
  }
}

async function pay(
  scenario: EndorsementScenario,
  intent: (body: Record<string, unknown>) => Promise<void>,
  at: (screen: string) => Promise<KioskSnapshot>,
  sims: Awaited<ReturnType<typeof createDriverDeviceManager>>['simulators'],
): Promise<void> {
  await intent({ type: 'flow.pay', method: 'payment-code' });
  await at('scan-code');
  // The scanner listens once the step has started its scan; the code arrives as the scanner's HID reports.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sims.scanners.get('code-scanner')!.presentCode(scenario.paymentCode);
}

/** The case's payment and the last receipt, from the terminal's own database (read-only). */
function readOutcome(file: string): { payment: ScenarioResult['payment']; receipt: string | null } {
  const db = openReadOnly(file);
  try {
    const payment = db.prepare('SELECT state, amount_fen AS amount FROM payments ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as { state: string; amount: number } | undefined;
    const job = db.prepare("SELECT bytes FROM print_jobs WHERE state = 'printed' ORDER BY created_at DESC LIMIT 1").get() as { bytes: Buffer } | undefined;
    let receipt: string | null = null;
    if (job) {
      const output = new SimulatedPrintedOutput();
      for (const token of new EscPosStreamParser().push(new Uint8Array(job.bytes))) output.apply(token);
      receipt = output.textLines().join('\n');
    }
    return { payment: payment ?? null, receipt };
  } finally {
    db.close();
  }
}

/** A synthetic "photo": JPEG markers around filler (the platform simulator checks the format and size only). */
export function syntheticPhoto(): string {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4_000, 7), Buffer.from([0xff, 0xd9])]).toString('base64');
}
