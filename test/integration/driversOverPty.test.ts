import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdCardReader } from '../../drivers/idcard/reader/idCardReader.js';
import { READ_CARD_MESSAGES } from '../../drivers/idcard/reader/readCardResult.js';
import { IdCardReaderSimulator } from '../../drivers/idcard/simulator/idCardReaderSimulator.js';
import { SIMULATED_RESIDENT_FIELDS, syntheticResidentCard, syntheticWltBlob } from '../../drivers/idcard/simulator/simulatedCard.js';
import type { DeviceState } from '../../drivers/model/deviceStatus.js';
import { InMemoryPrintJournal } from '../../drivers/printer/device/inMemoryPrintJournal.js';
import { PRINTER_PROBLEM_MESSAGES } from '../../drivers/printer/device/printerMessages.js';
import { ReceiptPrinter, type ReceiptPrinterEvent } from '../../drivers/printer/device/receiptPrinter.js';
import { ReceiptPrinterSimulator } from '../../drivers/printer/simulator/receiptPrinterSimulator.js';
import { SerialTransport } from '../../drivers/transport/serialTransport.js';
import { type PtyPair, startSocatPtyPair } from '../helpers/socatPty.js';
import { SAMPLE_TRACKING_URL, sampleReceiptBytes, sampleReceiptLines } from '../unit/drivers/printer/device/printerRig.js';

/**
 * The real drivers against their SIMULATED devices over a real serial line: a socat
 * pseudo-terminal pair with SerialTransport (native binding) on both ends at 115200 baud.
 * Pulling the cable is killing socat. No assertion depends on how long anything took.
 */
const BAUD = 115200;

interface Line {
  pty: PtyPair;
  host: SerialTransport;
  device: SerialTransport;
  /** Bytes the host end has received so far. */
  hostReceived(): number;
}

const openLines: Line[] = [];

async function openLine(): Promise<Line> {
  const pty = await startSocatPtyPair();
  const host = new SerialTransport({ path: pty.hostPath, baudRate: BAUD });
  const device = new SerialTransport({ path: pty.devicePath, baudRate: BAUD });
  let received = 0;
  host.onData((chunk) => (received += chunk.length));
  const line = { pty, host, device, hostReceived: () => received };
  openLines.push(line);
  return line;
}

afterEach(async () => {
  for (const line of openLines.splice(0)) {
    await line.host.close();
    await line.device.close();
    await line.pty.stop();
  }
});

function trackStates(device: { onStatusChange(listener: (status: { state: DeviceState }) => void): () => void }): DeviceState[] {
  const states: DeviceState[] = [];
  device.onStatusChange(({ state }) => {
    if (states.at(-1) !== state) states.push(state);
  });
  return states;
}

async function readerOverPty() {
  const line = await openLine();
  const simulator = new IdCardReaderSimulator(line.device, { pacing: 'wire-time', baudRate: BAUD });
  await simulator.start();
  const reader = new IdCardReader({ id: 'idcard-pty', transport: line.host, binding: `serial ${line.pty.hostPath}`, simulated: true, baudRate: BAUD });
  const states = trackStates(reader);
  await reader.open();
  return { line, simulator, reader, states };
}

describe('ID-card reader driver ↔ simulator over a socat pty pair @115200', () => {
  it('opens, checks the SAM, and reads the synthetic resident card in full (find, select, read)', async () => {
    const { simulator, reader, states } = await readerOverPty();
    expect(reader.status()).toMatchObject({ state: 'ready', fault: null });

    simulator.placeCard(syntheticResidentCard());
    const result = await reader.readCard({ timeoutMs: 5_000 });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.card).toMatchObject({
      type: 'resident',
      name: SIMULATED_RESIDENT_FIELDS.name,
      idNumber: SIMULATED_RESIDENT_FIELDS.idNumber,
      address: SIMULATED_RESIDENT_FIELDS.address,
      issuingAuthority: SIMULATED_RESIDENT_FIELDS.issuingAuthority,
      validTo: { kind: 'long-term' },
      nation: { code: '01', name: '汉' },
    });
    expect(result.idNumberValid).toBe(true);
    // The 1,024 photo bytes crossed the line intact (the 1,295-byte reply was not corrupted or cut).
    expect(result.photo).toEqual(syntheticWltBlob());
    expect(simulator.receivedCommands).toEqual(['sam-status', 'find-card', 'select-card', 'read-text-photo']);
    expect(states).toEqual(['connecting', 'ready', 'busy', 'ready']);
    expect(reader.status().statistics).toMatchObject({ reads: 1 });
  });

  it('killing socat mid-read (half the reply on the wire) ends the read as reader-offline and takes the reader offline', async () => {
    const { line, simulator, reader, states } = await readerOverPty();
    simulator.placeCard(syntheticResidentCard());
    // The reader sends the first half of the read reply and then nothing more; the cable is pulled meanwhile.
    simulator.injectFault({ kind: 'card-removed-mid-read', mode: 'truncate' });
    const before = line.hostReceived();
    const reading = reader.readCard({ timeoutMs: 10_000 });

    const findAndSelectReplies = 15 + 19;
    const halfReadReply = Math.floor(1295 / 2);
    await vi.waitFor(() => expect(line.hostReceived()).toBe(before + findAndSelectReplies + halfReadReply), { timeout: 5_000, interval: 5 });
    expect(reader.status().state).toBe('busy');
    await line.pty.stop();

    const result = await reading;
    expect(result).toEqual({ ok: false, reason: 'reader-offline', message: READ_CARD_MESSAGES['reader-offline'], detail: expect.stringContaining('read-text-photo') });
    expect(result.ok || result.message['zh-CN']).toBe('读卡器暂时无法使用，请联系工作人员');
    await vi.waitFor(() => expect(reader.status().state).toBe('offline'));
    expect(reader.status().fault).toMatchObject({ code: 'reader-disconnected' });
    expect(reader.status().fault?.message['zh-CN']).toContain('身份证读卡器连接已断开');
    expect(states.slice(-2)).toEqual(['busy', 'offline']);
    // A read asked for while unplugged is refused at once with the same citizen message.
    expect(await reader.readCard({ timeoutMs: 1_000 })).toMatchObject({ ok: false, reason: 'reader-offline' });
  });
});

async function printerOverPty() {
  const line = await openLine();
  const simulator = new ReceiptPrinterSimulator(line.device, { baudRate: BAUD });
  await simulator.start();
  const journal = new InMemoryPrintJournal();
  // A generous status timeout, so a pulled cable is always seen as a disconnect, never as a timeout.
  const printer = new ReceiptPrinter({ id: 'printer-pty', transport: line.host, journal, simulated: true, binding: `serial ${line.pty.hostPath}`, statusTimeoutMs: 5_000 });
  const states = trackStates(printer);
  const events: ReceiptPrinterEvent[] = [];
  printer.onEvent((event) => events.push(event));
  await printer.open();
  return { line, simulator, journal, printer, states, events };
}

describe('receipt printer driver ↔ simulator over a socat pty pair @115200', () => {
  it('prints the sample receipt: the simulator shows its lines, its QR code and one cut', async () => {
    const { simulator, journal, printer, states, events } = await printerOverPty();
    expect(printer.status()).toMatchObject({ state: 'ready', fault: null });

    expect(await printer.print(sampleReceiptBytes(), { jobId: 'receipt-1' })).toEqual({ ok: true });

    expect(simulator.output.textLines().filter((text) => text !== '')).toEqual(sampleReceiptLines());
    expect(simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(simulator.output.cutCount()).toBe(1);
    expect(simulator.output.items.at(-1)).toEqual({ kind: 'cut', cut: 'partial' });
    // DLE EOT 1–4 at open, before and after the job: 12 requests of 3 bytes, and every byte of the job.
    expect(simulator.counters()).toMatchObject({ statusRequests: 12, receivedBytes: sampleReceiptBytes().length + 12 * 3, unknownCommands: 0, discardedCommands: 0 });
    expect(journal.get('receipt-1')).toMatchObject({ state: 'printed', attempts: 1 });
    expect(events).toEqual([{ kind: 'job-printed', jobId: 'receipt-1' }]);
    expect(printer.status().statistics).toMatchObject({ jobs: 1, cuts: 1, errors: 0 });
    expect(states).toEqual(['connecting', 'ready', 'busy', 'ready']);
  });

  it('killing socat mid-job gives a disconnected result, keeps the job for reprint, and takes the printer offline', async () => {
    const { line, simulator, journal, printer, events } = await printerOverPty();
    // Pull the cable the moment the job's bytes start to leave; the simulator answers nothing more.
    printer.onStatusChange(({ state }) => {
      if (state !== 'busy') return;
      simulator.setSilent(true);
      void line.pty.stop();
    });

    const result = await printer.print(sampleReceiptBytes(), { jobId: 'receipt-2' });

    expect(result).toEqual({ ok: false, reason: 'disconnected', printedBeforeFailure: true, message: PRINTER_PROBLEM_MESSAGES.disconnected });
    await vi.waitFor(() => expect(printer.status().state).toBe('offline'));
    expect(printer.status().fault).toEqual({ code: 'disconnected', message: PRINTER_PROBLEM_MESSAGES.disconnected });
    expect(simulator.output.cutCount()).toBe(0);
    expect(journal.get('receipt-2')).toMatchObject({ state: 'failed', failure: { reason: 'disconnected', printedBeforeFailure: true } });
    expect(journal.unfinished().map((entry) => entry.jobId)).toEqual(['receipt-2']);
    expect(events).toEqual([{ kind: 'job-failed', jobId: 'receipt-2', result }]);
    // A job sent while unplugged fails at once, before any byte moves.
    expect(await printer.print(sampleReceiptBytes(), { jobId: 'receipt-3' })).toMatchObject({ ok: false, reason: 'disconnected', printedBeforeFailure: false });
  });
});
