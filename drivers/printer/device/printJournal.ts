import type { PrinterProblem } from './printerMessages.js';

/**
 * The durable record of print jobs, so a receipt lost to paper end, an open cover or a pulled
 * cable can be reprinted from the maintenance screen. The driver records a job before the first
 * byte goes to the printer. The store-backed implementation belongs to the runtime; methods may
 * be synchronous (better-sqlite3) or asynchronous.
 */
export interface PrintJournal {
  record(job: { jobId: string; bytes: Uint8Array }): void | Promise<void>;
  markPrinted(jobId: string): void | Promise<void>;
  markFailed(jobId: string, failure: { reason: PrinterProblem; printedBeforeFailure: boolean }): void | Promise<void>;
}
