import { randomUUID } from 'node:crypto';
import type { LocalizedText } from '../../../config/localizedText.js';
import { JOURNAL_ERROR_MESSAGE } from '../../../drivers/printer/device/printerMessages.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { PrintJobRecord } from '../store/printJournalRepository.js';

/** What PrintService needs from the journal (PrintJournalRepository in the kiosk). */
export interface DurablePrintJournal {
  record(job: { jobId: string; deviceId: string; bytes: Uint8Array }): void;
  markPrinted(jobId: string): void;
  markFailed(jobId: string, failure: { reason: string; printedBeforeFailure: boolean }): void;
  markDiscarded(jobId: string): boolean;
  get(jobId: string): PrintJobRecord | null;
  bytes(jobId: string): Uint8Array | null;
  unfinished(limit?: number): PrintJobRecord[];
}

export type PrintOutcome =
  | { ok: true; jobId: string }
  | {
      ok: false;
      jobId: string | null;
      /** A PrinterProblem, 'journal-error', 'no-such-job', or why the printer could not be reached. */
      reason: string;
      /** Part of the job may be on paper: staff check before handing anything over. */
      printedBeforeFailure: boolean;
      message: LocalizedText;
    };

const NO_SUCH_JOB: LocalizedText = { 'zh-CN': '没有这条打印记录', en: 'There is no such print job.' };

/**
 * Every receipt goes through here: the job is written to the durable journal before the device
 * sees a byte, then marked from the printer's answer. A job the printer could not finish (paper
 * out, cover open, cable pulled, the device host restarted mid-job, the kiosk crashed) stays in
 * the journal as unfinished, for staff to reprint or discard from the maintenance screen.
 */
export class PrintService {
  private readonly newJobId: () => string;

  constructor(
    private readonly deps: { journal: DurablePrintJournal; devices: DeviceManager; audit: AuditSink; newJobId?: () => string },
  ) {
    this.newJobId = deps.newJobId ?? (() => `job-${randomUUID()}`);
  }

  /** Prints new bytes on `deviceId` under a new job id. */
  print(deviceId: string, bytes: Uint8Array): Promise<PrintOutcome> {
    return this.run(this.newJobId(), deviceId, bytes);
  }

  /** Prints a journalled job again, on the printer it was meant for. */
  async reprint(jobId: string): Promise<PrintOutcome> {
    const job = this.deps.journal.get(jobId);
    const bytes = job ? this.deps.journal.bytes(jobId) : null;
    if (!job || !bytes) return { ok: false, jobId, reason: 'no-such-job', printedBeforeFailure: false, message: NO_SUCH_JOB };
    this.deps.audit.append({ actor: 'staff', action: 'print.reprint', detail: { jobId, attempt: job.attempts + 1 } });
    return this.run(jobId, job.deviceId, bytes);
  }

  /** Staff handled an unfinished job another way; it leaves the list. */
  discard(jobId: string): boolean {
    const done = this.deps.journal.markDiscarded(jobId);
    if (done) this.deps.audit.append({ actor: 'staff', action: 'print.discard', detail: { jobId } });
    return done;
  }

  unfinished(): PrintJobRecord[] {
    return this.deps.journal.unfinished();
  }

  private async run(jobId: string, deviceId: string, bytes: Uint8Array): Promise<PrintOutcome> {
    try {
      this.deps.journal.record({ jobId, deviceId, bytes });
    } catch {
      // Not durable means not printed: a receipt the kiosk could not reprint is worse than none now.
      return { ok: false, jobId, reason: 'journal-error', printedBeforeFailure: false, message: JOURNAL_ERROR_MESSAGE };
    }
    const reply = await this.deps.devices.perform(deviceId, { op: 'printer.print', jobId, bytesBase64: Buffer.from(bytes).toString('base64') });
    let outcome: PrintOutcome;
    if (reply.ok) {
      outcome = reply.result.ok ? { ok: true, jobId } : { ...reply.result, jobId };
    } else {
      // A host that died mid-job may have sent any part of it.
      const printedBeforeFailure = reply.failure.reason === 'device-host-restarted';
      outcome = { ok: false, jobId, reason: reply.failure.reason, printedBeforeFailure, message: reply.failure.message };
    }
    this.mark(jobId, outcome);
    return outcome;
  }

  private mark(jobId: string, outcome: PrintOutcome): void {
    try {
      if (outcome.ok) this.deps.journal.markPrinted(jobId);
      else this.deps.journal.markFailed(jobId, { reason: outcome.reason, printedBeforeFailure: outcome.printedBeforeFailure });
    } catch {
      // The job stays `pending` in the journal: staff still see it as unfinished, which is the safe side.
    }
  }
}
