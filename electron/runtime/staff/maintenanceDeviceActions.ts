import type { LocalizedText } from '../../../config/localizedText.js';
import type { SimulatorAction } from '../../../drivers/host/simulatorAction.js';
import { SIMULATOR_TRAINING_ACTIONS, type TrainingAction } from '../../../drivers/host/simulatorTrainingActions.js';
import type { AuditSink } from '../audit/auditSink.js';
import { BridgeRejection } from '../../bridge/bridgeErrors.js';
import type { ChangeSignal } from '../changeSignal.js';
import type { Clock } from '../clock.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { PrintOutcome, PrintService } from '../printing/printService.js';

export interface DeviceActionReport {
  /** What was done, e.g. "self-test receipt-printer", "reprint job-…", "simulate idcard.place-card". */
  what: string;
  deviceId: string | null;
  state: 'running' | 'succeeded' | 'failed';
  message: LocalizedText | null;
  at: number;
}

const SELF_TEST_TIMEOUT_MS = 20_000;

const RUNNING: LocalizedText = { 'zh-CN': '正在执行…', en: 'Running…' };
const DONE: LocalizedText = { 'zh-CN': '已完成', en: 'Done' };
const PRINTED: LocalizedText = { 'zh-CN': '已重新打印', en: 'Reprinted' };

/**
 * What staff do to devices from the maintenance screen: run a device's self-test, reprint or
 * discard an unfinished print job, and (simulated devices only) play a citizen's action or a
 * fault for training and demos. Long actions run in the background; the latest one's progress
 * and result are part of the maintenance snapshot. Every action is audited.
 */
export class MaintenanceDeviceActions {
  private last: DeviceActionReport | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      devices: DeviceManager;
      printing: PrintService;
      audit: AuditSink;
      changed: ChangeSignal;
      terminalId: () => string;
    },
  ) {}

  lastAction(): DeviceActionReport | null {
    return this.last;
  }

  /** The training buttons of every simulated device. */
  training(): Array<{ deviceId: string; actions: TrainingAction[] }> {
    return this.deps.devices
      .list()
      .filter((d) => d.simulated)
      .flatMap((d) => {
        const actions = SIMULATOR_TRAINING_ACTIONS[d.kind];
        return actions ? [{ deviceId: d.id, actions: [...actions] }] : [];
      });
  }

  selfTest(deviceId: string): void {
    this.requireDevice(deviceId);
    this.deps.audit.append({ actor: 'staff', action: 'device.self-test', detail: { deviceId } });
    this.runInBackground(`self-test ${deviceId}`, deviceId, async () => {
      const reply = await this.deps.devices.perform(deviceId, { op: 'self-test', timeoutMs: SELF_TEST_TIMEOUT_MS, terminalId: this.deps.terminalId() });
      return reply.ok ? { ok: reply.result.ok, message: reply.result.summary } : { ok: false, message: reply.failure.message };
    });
  }

  async simulate(deviceId: string, action: SimulatorAction): Promise<void> {
    const status = this.requireDevice(deviceId);
    if (!status.simulated) throw new BridgeRejection('not-allowed', `${deviceId} is a real device: faults can only be simulated on simulated devices`);
    this.deps.audit.append({ actor: 'staff', action: 'device.simulate', detail: { deviceId, simulated: action.action } });
    const reply = await this.deps.devices.perform(deviceId, { op: 'simulate', action });
    const ok = reply.ok && reply.result.ok;
    const message = !reply.ok ? reply.failure.message : reply.result.ok ? DONE : reply.result.message;
    this.report({ what: `simulate ${action.action}`, deviceId, state: ok ? 'succeeded' : 'failed', message });
  }

  reprint(jobId: string): void {
    this.deps.audit.append({ actor: 'staff', action: 'print.reprint-requested', detail: { jobId } });
    this.runInBackground(`reprint ${jobId}`, null, async () => {
      const outcome: PrintOutcome = await this.deps.printing.reprint(jobId);
      return outcome.ok ? { ok: true, message: PRINTED } : { ok: false, message: outcome.message };
    });
  }

  discard(jobId: string): void {
    if (!this.deps.printing.discard(jobId)) throw new BridgeRejection('not-allowed', `print job ${jobId} is not unfinished`);
    this.report({ what: `discard ${jobId}`, deviceId: null, state: 'succeeded', message: DONE });
  }

  private requireDevice(deviceId: string) {
    const status = this.deps.devices.list().find((d) => d.id === deviceId);
    if (!status) throw new BridgeRejection('not-allowed', `no device ${deviceId}`);
    return status;
  }

  private runInBackground(what: string, deviceId: string | null, work: () => Promise<{ ok: boolean; message: LocalizedText }>): void {
    if (this.last?.state === 'running') throw new BridgeRejection('not-allowed', `wait for "${this.last.what}" to finish`);
    this.report({ what, deviceId, state: 'running', message: RUNNING });
    void work()
      .catch((error: unknown) => ({ ok: false, message: { 'zh-CN': '执行失败', en: `Failed: ${error instanceof Error ? error.message : String(error)}` } }))
      .then(({ ok, message }) => this.report({ what, deviceId, state: ok ? 'succeeded' : 'failed', message }));
  }

  private report(report: Omit<DeviceActionReport, 'at'>): void {
    this.last = { ...report, at: this.deps.clock.now() };
    this.deps.changed.emit();
  }
}
