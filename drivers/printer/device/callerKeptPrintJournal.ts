import type { PrintJournal } from './printJournal.js';

/**
 * The journal of a printer whose caller keeps the durable record: the device host's printers,
 * whose jobs the runtime records in its SQLite print journal before it sends them to the host
 * (and marks them from the reply, or as failed when the host dies mid-job). Recording them a
 * second time in the host would only grow its memory.
 */
export class CallerKeptPrintJournal implements PrintJournal {
  record(): void {}
  markPrinted(): void {}
  markFailed(): void {}
}
