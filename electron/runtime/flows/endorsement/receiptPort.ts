import { encodeReceiptDocument } from '../../../../drivers/printer/receipts/encodeReceiptDocument.js';
import type { EscPosEncoderOptions } from '../../../../drivers/printer/escpos/escPosEncoder.js';
import type { AuditSink } from '../../audit/auditSink.js';
import type { DeviceManager } from '../../devices/deviceManager.js';
import { PrintService, type DurablePrintJournal } from '../../printing/printService.js';
import type { ReceiptPort } from '../shared/flowServices.js';

const ENCODING_FAILED = { 'zh-CN': '凭条内容无法打印', en: 'The receipt contains text the printer cannot print.' };

/**
 * The flows' receipt port over the durable print journal and PrintService: a receipt is
 * printed under the job id the flow chooses (its case's), so a flow repeating the step after a
 * crash can ask the journal first and never print the same receipt twice.
 */
export function createReceiptPort(deps: {
  journal: DurablePrintJournal;
  devices: DeviceManager;
  audit: AuditSink;
  /** The receipt printer's device id from the config. */
  printerId: string;
  encoderOptions?: EscPosEncoderOptions;
}): ReceiptPort {
  return {
    jobState: (jobId) => deps.journal.get(jobId)?.state ?? null,
    async print(jobId, document) {
      const encoded = encodeReceiptDocument(document, deps.encoderOptions);
      if (!encoded.ok) return { ok: false, reason: 'encoding-error', message: ENCODING_FAILED };
      // PrintService names jobs through newJobId; one service per job gives the job the flow's id.
      const printing = new PrintService({ journal: deps.journal, devices: deps.devices, audit: deps.audit, newJobId: () => jobId });
      const outcome = await printing.print(deps.printerId, encoded.bytes);
      return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason, message: outcome.message };
    },
  };
}
