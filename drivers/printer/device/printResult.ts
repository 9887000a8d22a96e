import type { LocalizedText } from '../../../config/localizedText.js';
import type { PrinterProblem } from './printerMessages.js';

export type PrintFailureReason = PrinterProblem | 'journal-error';

/**
 * The outcome of one print job. printedBeforeFailure says whether bytes of this job reached the
 * printer, so part of the receipt may be on paper: staff then hand over or void the partial
 * receipt before a reprint. 'timeout' means the job was sent and the printer never confirmed it.
 */
export type PrintResult =
  | { ok: true }
  | { ok: false; reason: PrintFailureReason; printedBeforeFailure: boolean; message: LocalizedText };
