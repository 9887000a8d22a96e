import type { ErrorCauseStatus, OfflineCauseStatus, PrinterStatus, RollPaperStatus } from '../escpos/realTimeStatus.js';
import type { RealTimeStatusReader } from './realTimeStatusReader.js';

/** Why the printer cannot print, as far as its status bytes tell. */
export type PrinterFaultCause = 'paper-end' | 'cover-open' | 'cutter-error' | 'offline';

export type PrinterCondition =
  | { kind: 'answered'; fault: PrinterFaultCause | null; paperNearEnd: boolean }
  /** A question went unanswered within the timeout. */
  | { kind: 'no-reply' }
  | { kind: 'disconnected' };

export interface PrinterStatusBytes {
  printer: PrinterStatus;
  offlineCause: OfflineCauseStatus;
  errorCause: ErrorCauseStatus;
  rollPaper: RollPaperStatus;
}

/**
 * One fault from the four answers. The order is what staff should fix first: a closed cover is
 * needed to see the paper, and a roll must be in before a cutter test means anything. An offline
 * bit with no cause we know (head overheat, voltage) is reported as plain offline.
 */
export function faultFromStatus(status: PrinterStatusBytes): PrinterFaultCause | null {
  if (status.offlineCause.coverOpen) return 'cover-open';
  if (status.rollPaper.paperEnd || status.offlineCause.stoppedByPaperEnd) return 'paper-end';
  if (status.errorCause.autocutterError) return 'cutter-error';
  if (status.printer.offline || status.errorCause.unrecoverableError || status.errorCause.autoRecoverableError) return 'offline';
  return null;
}

/** Asks DLE EOT 1, 2, 3 and 4 in turn; all four are cheap and together give the whole picture. */
export async function readPrinterCondition(reader: RealTimeStatusReader): Promise<PrinterCondition> {
  const printer = await reader.query('printer');
  if (!printer.ok) return { kind: printer.reason === 'timeout' ? 'no-reply' : 'disconnected' };
  const offlineCause = await reader.query('offline-cause');
  if (!offlineCause.ok) return { kind: offlineCause.reason === 'timeout' ? 'no-reply' : 'disconnected' };
  const errorCause = await reader.query('error-cause');
  if (!errorCause.ok) return { kind: errorCause.reason === 'timeout' ? 'no-reply' : 'disconnected' };
  const rollPaper = await reader.query('roll-paper');
  if (!rollPaper.ok) return { kind: rollPaper.reason === 'timeout' ? 'no-reply' : 'disconnected' };
  const status = { printer: printer.status, offlineCause: offlineCause.status, errorCause: errorCause.status, rollPaper: rollPaper.status };
  return { kind: 'answered', fault: faultFromStatus(status), paperNearEnd: status.rollPaper.paperNearEnd };
}
