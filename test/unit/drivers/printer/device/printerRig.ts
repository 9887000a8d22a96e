import { InMemoryPrintJournal } from '../../../../../drivers/printer/device/inMemoryPrintJournal.js';
import { ReceiptPrinter, type ReceiptPrinterEvent } from '../../../../../drivers/printer/device/receiptPrinter.js';
import { buildEndorsementReceipt, encodeSampleEndorsementReceipt, SAMPLE_ENDORSEMENT_RECEIPT_DATA } from '../../../../../drivers/printer/receipts/sampleEndorsementReceipt.js';
import { ReceiptPrinterSimulator } from '../../../../../drivers/printer/simulator/receiptPrinterSimulator.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { ManualTimeouts } from './manualTimeouts.js';

/** The driver on the host end of an in-memory pair, the SIMULATED printer on the device end. */
export async function startPrinterRig(options: { chunkSize?: number } = {}) {
  const pair = createInMemoryTransportPair('printer-test');
  if (options.chunkSize !== undefined) pair.setChunkSize(options.chunkSize);
  const simulator = new ReceiptPrinterSimulator(pair.device);
  await simulator.start();
  const journal = new InMemoryPrintJournal();
  const timeouts = new ManualTimeouts();
  const printer = new ReceiptPrinter({ id: 'printer-1', transport: pair.host, journal, simulated: true, binding: 'simulated', scheduleTimeout: timeouts.schedule });
  const events: ReceiptPrinterEvent[] = [];
  printer.onEvent((event) => events.push(event));
  return { pair, simulator, journal, timeouts, printer, events };
}

export function sampleReceiptBytes(): Uint8Array {
  const encoded = encodeSampleEndorsementReceipt();
  if (!encoded.ok) throw new Error(JSON.stringify(encoded.errors));
  return encoded.bytes;
}

/** The text lines the sample receipt lays out, rules included, in order. */
export function sampleReceiptLines(): string[] {
  const document = buildEndorsementReceipt(SAMPLE_ENDORSEMENT_RECEIPT_DATA);
  return document.blocks.flatMap((block) => (block.kind === 'text' ? block.lines : block.kind === 'rule' ? ['-'.repeat(document.columns)] : []));
}

export const SAMPLE_TRACKING_URL = SAMPLE_ENDORSEMENT_RECEIPT_DATA.trackingUrl;
