import type { PrinterProblem } from './printerMessages.js';
import type { PrintJournal } from './printJournal.js';

export interface PrintJournalEntry {
  jobId: string;
  bytes: Uint8Array;
  state: 'pending' | 'printed' | 'failed';
  attempts: number;
  failure?: { reason: PrinterProblem; printedBeforeFailure: boolean };
}

/** A PrintJournal that forgets on restart: for tests and simulated mode, not for a hall. */
export class InMemoryPrintJournal implements PrintJournal {
  private readonly entries = new Map<string, PrintJournalEntry>();

  record(job: { jobId: string; bytes: Uint8Array }): void {
    const attempts = (this.entries.get(job.jobId)?.attempts ?? 0) + 1;
    this.entries.set(job.jobId, { jobId: job.jobId, bytes: Uint8Array.from(job.bytes), state: 'pending', attempts });
  }

  markPrinted(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (entry) this.entries.set(jobId, { ...entry, state: 'printed', failure: undefined });
  }

  markFailed(jobId: string, failure: { reason: PrinterProblem; printedBeforeFailure: boolean }): void {
    const entry = this.entries.get(jobId);
    if (entry) this.entries.set(jobId, { ...entry, state: 'failed', failure });
  }

  get(jobId: string): PrintJournalEntry | undefined {
    return this.entries.get(jobId);
  }

  /** Jobs staff may reprint: failed ones, and pending ones a crash left behind. */
  unfinished(): PrintJournalEntry[] {
    return [...this.entries.values()].filter((entry) => entry.state !== 'printed');
  }
}
