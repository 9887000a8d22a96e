import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../bridge/kioskSnapshot.js';
import type { FlowSnapshot } from '../../bridge/flowSnapshot.js';
import type { ServiceKind } from '../../platform/platformApiTypes.js';
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
import { driveEndorsement, ENDORSEMENT_SCENARIOS } from './endorsementScenarios.js';
import { driveProperty, PROPERTY_SCENARIOS } from './propertyScenarios.js';
import type { ScenarioSession } from './scenarioSession.js';

export { syntheticPhoto } from './scenarioSession.js';

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

/** A scripted visit: which service, how the citizen drives it to its end, and how it must end. */
interface Scenario {
  name: string;
  service: ServiceKind;
  drive(session: ScenarioSession): Promise<void>;
  expect: { outcome: string; payment: string | null };
}

const SCENARIOS: readonly Scenario[] = [
  ...ENDORSEMENT_SCENARIOS.map((s) => ({ name: s.name, service: 'exit-entry-endorsement' as const, drive: (session: ScenarioSession) => driveEndorsement(s, session), expect: s.expect })),
  ...PROPERTY_SCENARIOS.map((s) => ({ name: s.name, service: 'property-transfer' as const, drive: (session: ScenarioSession) => driveProperty(s, session), expect: s.expect })),
];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name);

/** Scenario runs wait for devices and the platform in tens of milliseconds, not seconds. */
const STEP_TIMEOUT_MS = 20_000;

/**
 * Drives a scripted citizen through the real runtime and bridge contract on simulated devices
 * (documents and codes handed to the device simulators, which speak their wire protocols)
 * against the platform simulator (started here unless `platformUrl` names one), then reads the
 * outcome back from the terminal's own database and printed receipt. The simulator serves one
 * accepted submission per property case: a second property-transfer-happy against the same
 * `platformUrl` finds its case already accepted.
 */
export async function runScenario(name: string, options: { dataDir: string; platformUrl?: string; sampleConfigFile: string }): Promise<ScenarioResult> {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  const started = performance.now();
  mkdirSync(options.dataDir, { recursive: true });
  let sim: RunningPlatformSimulator | null = null;
  let runtime: KioskRuntime | null = null;
  const steps: string[] = [];
  const problems: string[] = [];
  let view: FlowSnapshot['view'] | null = null;
  let devices: Awaited<ReturnType<typeof createDriverDeviceManager>> | null = null;
  try {
    // The simulated phone pays a shown QR code on the platform's third question: the code stays on the screen for a few polls.
    const platformUrl = options.platformUrl ?? (sim = await startPlatformSimulator({ dataDir: join(options.dataDir, 'platform-sim'), qrPaidOnQuery: 3 })).url;
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
    const sims = devices.simulators;
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
          const current = s.screen.flow.view;
          view = current;
          if (steps.at(-1) !== current.screen) steps.push(current.screen);
        }
        if (predicate(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (at ${view?.screen ?? s.screen.name}${view?.fault ? `: ${view.fault.message.en}` : ''})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const onFlow = (s: KioskSnapshot, ...screens: string[]) => s.screen.name === 'flow' && screens.includes(s.screen.flow.view.screen);
    const session: ScenarioSession = {
      intent,
      snapshot,
      until,
      at: (screen) => until(screen, (s) => onFlow(s, screen)),
      onResultOr: (screen) => until(`${screen} or a result`, (s) => onFlow(s, screen, 'result')),
      sims,
      showPaymentCode: async (code) => {
        // The scanner listens once the step has started its scan; the code arrives as the scanner's HID reports.
        await new Promise((resolve) => setTimeout(resolve, 50));
        await sims.scanners.get('code-scanner')!.presentCode(code);
      },
    };

    await until('the service to be available', (s) => s.terminal.services.some((x) => x.kind === scenario.service && x.available));
    const service = (await snapshot()).terminal.services.find((x) => x.kind === scenario.service)!;
    await intent({ type: 'session.start' });
    await intent({ type: 'menu.selectService', serviceId: service.id });
    await intent({ type: 'service.start', serviceId: service.id });
    await scenario.drive(session);

    let rating: ScenarioResult['rating'] = null;
    let s = await until('the rating or a result', (x) => onFlow(x, 'rate', 'result'));
    if (onFlow(s, 'rate')) {
      await intent({ type: 'flow.rate', stars: 5 });
      rating = { stars: 5, deliveredToPlatform: false };
    }
    s = await session.at('result');
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
    const last = view as FlowSnapshot['view'] | null;
    return { ok: false, scenario: name, caseId: last?.caseNumber ?? null, payment: null, receipt: null, rating: null, steps, problems, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await runtime?.shutdown();
    await devices?.manager.close();
    await sim?.close();
  }
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
