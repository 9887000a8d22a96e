import type { LocalizedText } from '../../../config/localizedText.js';
import { DeviceStatusTracker, type Device } from '../../model/device.js';
import type { DeviceStatus } from '../../model/deviceStatus.js';
import type { ByteTransport, TransportCloseReason } from '../../transport/byteTransport.js';
import { countCutCommands } from './countCutCommands.js';
import { readPrinterCondition, type PrinterCondition } from './printerCondition.js';
import { JOURNAL_ERROR_MESSAGE, PAPER_NEAR_END_MESSAGE, PRINTER_PROBLEM_MESSAGES, type PrinterProblem } from './printerMessages.js';
import type { PrintJournal } from './printJournal.js';
import type { PrintResult } from './printResult.js';
import { RealTimeStatusReader, type ScheduleTimeout } from './realTimeStatusReader.js';

export interface ReceiptPrinterOptions {
  id: string;
  transport: ByteTransport;
  journal: PrintJournal;
  /** Shown on the maintenance screen; the transport's description by default. */
  binding?: string;
  simulated?: boolean;
  /** How long one DLE EOT answer may take before the printer counts as offline. */
  statusTimeoutMs?: number;
  scheduleTimeout?: ScheduleTimeout;
  now?: () => number;
}

/** For staff and the runtime; the citizen-facing outcome of a job is its PrintResult. */
export type ReceiptPrinterEvent =
  | { kind: 'paper-near-end'; message: LocalizedText }
  | { kind: 'paper-near-end-cleared' }
  | { kind: 'job-printed'; jobId: string }
  | { kind: 'job-failed'; jobId: string; result: Extract<PrintResult, { ok: false }> }
  | { kind: 'journal-error'; jobId: string; detail: string };

export const RECEIPT_PRINTER_CAPABILITIES = ['text-gbk', 'qr-native', 'cut', 'real-time-status'];
const DEFAULT_STATUS_TIMEOUT_MS = 1000;

const fault = (problem: PrinterProblem) => ({ code: problem, message: PRINTER_PROBLEM_MESSAGES[problem] });

/**
 * The kiosk receipt printer (ESC/POS) as a Device. Every job is recorded in the print journal,
 * then the printer is asked for its real-time status (DLE EOT) before and after the bytes are
 * sent, so a job is reported printed only when the printer says it is still fine afterwards.
 * Jobs and status checks run one at a time. Nothing here rejects: failures are states and
 * typed results.
 */
export class ReceiptPrinter implements Device {
  readonly kind = 'receipt-printer' as const;
  readonly id: string;
  private readonly transport: ByteTransport;
  private readonly journal: PrintJournal;
  private readonly tracker: DeviceStatusTracker;
  private readonly reader: RealTimeStatusReader;
  private readonly eventListeners = new Set<(event: ReceiptPrinterEvent) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private paperNearEnd = false;

  constructor(options: ReceiptPrinterOptions) {
    this.id = options.id;
    this.transport = options.transport;
    this.journal = options.journal;
    this.tracker = new DeviceStatusTracker(
      {
        id: options.id,
        kind: 'receipt-printer',
        binding: options.binding ?? options.transport.description,
        simulated: options.simulated ?? false,
        capabilities: RECEIPT_PRINTER_CAPABILITIES,
      },
      options.now,
    );
    // Zeros up front so the maintenance screen shows every counter from the start.
    for (const name of ['jobs', 'cuts', 'errors', 'paperNearEnd']) this.tracker.count(name, 0);
    this.reader = new RealTimeStatusReader(options.transport, options.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS, options.scheduleTimeout);
    this.transport.onData((chunk) => this.reader.receive(chunk));
    this.transport.onClose((reason) => this.onTransportClosed(reason));
  }

  status(): DeviceStatus {
    return this.tracker.status();
  }

  onStatusChange(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.onChange(listener);
  }

  onEvent(listener: (event: ReceiptPrinterEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  open(): Promise<void> {
    return this.exclusively(async () => {
      this.tracker.set('connecting');
      if (!this.transport.isOpen) {
        try {
          await this.transport.open();
        } catch {
          this.tracker.set('offline', fault('disconnected'));
          return;
        }
      }
      await this.refresh();
    });
  }

  close(): Promise<void> {
    return this.exclusively(async () => {
      await this.transport.close();
      this.tracker.set('offline');
    });
  }

  checkHealth(): Promise<DeviceStatus> {
    return this.exclusively(async () => {
      if (this.transport.isOpen) await this.refresh();
      return this.tracker.status();
    });
  }

  /** Prints one job; a reprint passes the same jobId. Resolves, never rejects. */
  print(jobBytes: Uint8Array, options: { jobId: string }): Promise<PrintResult> {
    return this.exclusively(async () => {
      let sent = false;
      try {
        return await this.runJob(jobBytes, options.jobId, () => (sent = true));
      } catch {
        // Only a throwing listener gets here; whether bytes went out decides what staff must check.
        return { ok: false, reason: 'offline', printedBeforeFailure: sent, message: PRINTER_PROBLEM_MESSAGES.offline };
      }
    });
  }

  private async runJob(jobBytes: Uint8Array, jobId: string, markSent: () => void): Promise<PrintResult> {
    // Durable before the first byte moves, so a crash mid-job still leaves a job to reprint.
    try {
      await this.journal.record({ jobId, bytes: jobBytes });
    } catch (error) {
      this.emit({ kind: 'journal-error', jobId, detail: String(error) });
      this.tracker.count('errors');
      return { ok: false, reason: 'journal-error', printedBeforeFailure: false, message: JOURNAL_ERROR_MESSAGE };
    }
    if (!this.transport.isOpen) return this.fail(jobId, 'disconnected', false);

    const before = await this.refresh();
    if (before.kind !== 'answered') return this.fail(jobId, before.kind === 'disconnected' ? 'disconnected' : 'offline', false);
    if (before.fault !== null) return this.fail(jobId, before.fault, false);

    this.tracker.set('busy');
    markSent();
    try {
      await this.transport.write(jobBytes);
    } catch {
      this.tracker.set('offline', fault('disconnected'));
      return this.fail(jobId, 'disconnected', true);
    }

    // The printer handles DLE EOT in order with the job here, so this answer describes the job's end.
    const after = await this.refresh();
    if (after.kind === 'disconnected') return this.fail(jobId, 'disconnected', true);
    if (after.kind === 'no-reply') return this.fail(jobId, 'timeout', true);
    if (after.fault !== null) return this.fail(jobId, after.fault, true);

    this.tracker.count('jobs');
    this.tracker.count('cuts', countCutCommands(jobBytes));
    await this.journalStep(jobId, () => this.journal.markPrinted(jobId));
    this.emit({ kind: 'job-printed', jobId });
    return { ok: true };
  }

  private async fail(jobId: string, reason: PrinterProblem, printedBeforeFailure: boolean): Promise<PrintResult> {
    const result = { ok: false, reason, printedBeforeFailure, message: PRINTER_PROBLEM_MESSAGES[reason] } as const;
    this.tracker.count('errors');
    await this.journalStep(jobId, () => this.journal.markFailed(jobId, { reason, printedBeforeFailure }));
    this.emit({ kind: 'job-failed', jobId, result });
    return result;
  }

  /** A journal that fails after the job must not hide the job's outcome; staff hear of it as an event. */
  private async journalStep(jobId: string, step: () => void | Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.emit({ kind: 'journal-error', jobId, detail: String(error) });
    }
  }

  private async refresh(): Promise<PrinterCondition> {
    const condition = await readPrinterCondition(this.reader);
    this.apply(condition);
    return condition;
  }

  private apply(condition: PrinterCondition): void {
    if (condition.kind === 'disconnected') {
      this.tracker.set('offline', fault('disconnected'));
      return;
    }
    if (condition.kind === 'no-reply') {
      this.tracker.set('offline', fault('offline'));
      return;
    }
    if (condition.paperNearEnd !== this.paperNearEnd) {
      this.paperNearEnd = condition.paperNearEnd;
      if (condition.paperNearEnd) {
        this.tracker.count('paperNearEnd');
        this.emit({ kind: 'paper-near-end', message: PAPER_NEAR_END_MESSAGE });
      } else {
        this.emit({ kind: 'paper-near-end-cleared' });
      }
    }
    if (condition.fault === null) this.tracker.set('ready');
    else this.tracker.set('fault', fault(condition.fault));
  }

  private onTransportClosed(reason: TransportCloseReason): void {
    this.reader.disconnected();
    this.tracker.set('offline', reason.kind === 'closed-by-us' ? null : fault('disconnected'));
  }

  private emit(event: ReceiptPrinterEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    // The queue only orders work; each caller gets its own outcome through `run`.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
