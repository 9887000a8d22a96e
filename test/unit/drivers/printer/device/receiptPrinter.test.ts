import { describe, expect, it } from 'vitest';
import { deviceStatusSchema } from '../../../../../drivers/model/deviceStatus.js';
import { PAPER_NEAR_END_MESSAGE, PRINTER_PROBLEM_MESSAGES } from '../../../../../drivers/printer/device/printerMessages.js';
import type { PrintJournal } from '../../../../../drivers/printer/device/printJournal.js';
import { ReceiptPrinter } from '../../../../../drivers/printer/device/receiptPrinter.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { SAMPLE_TRACKING_URL, sampleReceiptBytes, sampleReceiptLines, startPrinterRig } from './printerRig.js';

type Rig = Awaited<ReturnType<typeof startPrinterRig>>;

async function openRig(options: { chunkSize?: number } = {}): Promise<Rig> {
  const rig = await startPrinterRig(options);
  await rig.printer.open();
  return rig;
}

function printedNonBlankLines(rig: Rig): string[] {
  return rig.simulator.output.textLines().filter((line) => line !== '');
}

describe('receipt printer device: open and status', () => {
  it('opens to ready with zeroed statistics and a valid DeviceStatus', async () => {
    const rig = await openRig();
    const status = rig.printer.status();
    expect(status).toMatchObject({ kind: 'receipt-printer', id: 'printer-1', state: 'ready', fault: null, simulated: true, binding: 'simulated' });
    expect(status.statistics).toEqual({ jobs: 0, cuts: 0, errors: 0, paperNearEnd: 0 });
    expect(deviceStatusSchema.safeParse(status).success).toBe(true);
    expect(rig.simulator.counters().statusRequests).toBe(4);
  });

  it.each([
    ['paper end', (rig: Rig) => rig.simulator.setPaperEnd(true), 'paper-end'],
    ['cover open', (rig: Rig) => rig.simulator.setCoverOpen(true), 'cover-open'],
    ['cutter error', (rig: Rig) => rig.simulator.setCutterError(true), 'cutter-error'],
  ] as const)('opens into fault on %s, with the zh-CN and en message', async (_name, inject, code) => {
    const rig = await startPrinterRig();
    inject(rig);
    await rig.printer.open();
    expect(rig.printer.status().state).toBe('fault');
    expect(rig.printer.status().fault).toEqual({ code, message: PRINTER_PROBLEM_MESSAGES[code] });
  });

  it('a status query with no answer leaves the printer offline', async () => {
    const rig = await startPrinterRig();
    rig.simulator.setSilent(true);
    const opened = rig.printer.open();
    expect(await rig.timeouts.fireNext()).toBe(1000);
    await opened;
    expect(rig.printer.status().state).toBe('offline');
    expect(rig.printer.status().fault).toEqual({ code: 'offline', message: PRINTER_PROBLEM_MESSAGES.offline });
  });

  it('opening a transport whose device is gone is offline, not a rejection', async () => {
    const pair = createInMemoryTransportPair('gone');
    pair.unplug();
    const printer = new ReceiptPrinter({ id: 'p', transport: pair.host, journal: { record() {}, markPrinted() {}, markFailed() {} } });
    await printer.open();
    expect(printer.status()).toMatchObject({ state: 'offline', fault: { code: 'disconnected' } });
  });

  it('checkHealth sees a fault appear and clear', async () => {
    const rig = await openRig();
    rig.simulator.setCoverOpen(true);
    expect((await rig.printer.checkHealth()).fault?.code).toBe('cover-open');
    rig.simulator.setCoverOpen(false);
    expect((await rig.printer.checkHealth()).state).toBe('ready');
  });
});

describe('receipt printer device: printing the sample receipt', () => {
  it('prints it: the simulator shows its Chinese lines, the QR and the cut', async () => {
    const rig = await openRig();
    const states: string[] = [];
    rig.printer.onStatusChange((status) => states.push(status.state));
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: true });
    expect(printedNonBlankLines(rig)).toEqual(sampleReceiptLines());
    expect(rig.simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(rig.simulator.output.cutCount()).toBe(1);
    expect(rig.printer.status().statistics).toEqual({ jobs: 1, cuts: 1, errors: 0, paperNearEnd: 0 });
    expect(states).toContain('busy');
    expect(rig.printer.status().state).toBe('ready');
    expect(rig.journal.get('job-1')?.state).toBe('printed');
    expect(rig.events).toEqual([{ kind: 'job-printed', jobId: 'job-1' }]);
  });

  it.each([1, 3, 7, 64, 512])('prints the same receipt when the wire delivers %i-byte chunks', async (chunkSize) => {
    const rig = await openRig({ chunkSize });
    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'job' })).toEqual({ ok: true });
    expect(printedNonBlankLines(rig)).toEqual(sampleReceiptLines());
    expect(rig.simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(rig.simulator.output.cutCount()).toBe(1);
  });

  it('runs jobs one at a time when they are started together', async () => {
    const rig = await openRig({ chunkSize: 16 });
    const results = await Promise.all([1, 2, 3].map((n) => rig.printer.print(sampleReceiptBytes(), { jobId: `job-${n}` })));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(rig.simulator.output.cutCount()).toBe(3);
    expect(printedNonBlankLines(rig)).toEqual([...sampleReceiptLines(), ...sampleReceiptLines(), ...sampleReceiptLines()]);
  });
});

describe('receipt printer device: faults', () => {
  it('paper near end prints, stays ready, and warns staff once', async () => {
    const rig = await openRig();
    rig.simulator.setPaperNearEnd(true);
    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'a' })).toEqual({ ok: true });
    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'b' })).toEqual({ ok: true });
    expect(rig.printer.status()).toMatchObject({ state: 'ready', fault: null });
    expect(rig.printer.status().statistics.paperNearEnd).toBe(1);
    expect(rig.events.filter((event) => event.kind === 'paper-near-end')).toEqual([{ kind: 'paper-near-end', message: PAPER_NEAR_END_MESSAGE }]);
    rig.simulator.setPaperNearEnd(false);
    await rig.printer.checkHealth();
    expect(rig.events.at(-1)).toEqual({ kind: 'paper-near-end-cleared' });
  });

  it('a new roll after paper end also clears the near-end warning', async () => {
    const rig = await openRig();
    rig.simulator.setPaperNearEnd(true);
    await rig.printer.checkHealth();
    rig.simulator.setPaperEnd(true);
    await rig.printer.checkHealth();
    expect(rig.printer.status()).toMatchObject({ state: 'fault', fault: { code: 'paper-end' } });
    rig.simulator.setPaperEnd(false);
    await rig.printer.checkHealth();
    expect(rig.printer.status()).toMatchObject({ state: 'ready', fault: null });
    expect(rig.events.map((event) => event.kind)).toEqual(['paper-near-end', 'paper-near-end-cleared']);
  });

  it('paper end before the job: refused, nothing sent, journal keeps it for a reprint after reloading', async () => {
    const rig = await openRig();
    rig.simulator.setPaperEnd(true);
    const received = rig.simulator.counters().receivedBytes;
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: false, reason: 'paper-end', printedBeforeFailure: false, message: PRINTER_PROBLEM_MESSAGES['paper-end'] });
    expect(rig.simulator.counters().receivedBytes - received).toBe(12); // four status requests, no job bytes
    expect(rig.printer.status()).toMatchObject({ state: 'fault', fault: { code: 'paper-end' } });
    expect(rig.printer.status().statistics).toMatchObject({ jobs: 0, errors: 1 });
    expect(rig.journal.unfinished().map((entry) => [entry.jobId, entry.state, entry.failure])).toEqual([
      ['job-1', 'failed', { reason: 'paper-end', printedBeforeFailure: false }],
    ]);

    rig.simulator.setPaperEnd(false);
    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' })).toEqual({ ok: true });
    expect(rig.printer.status().state).toBe('ready');
    expect(rig.journal.get('job-1')).toMatchObject({ state: 'printed', attempts: 2 });
    expect(rig.journal.unfinished()).toEqual([]);
  });

  it('paper end mid-job: failed after printing part of it', async () => {
    const rig = await openRig({ chunkSize: 32 });
    rig.simulator.runOutOfPaperAfter(600);
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: false, reason: 'paper-end', printedBeforeFailure: true, message: PRINTER_PROBLEM_MESSAGES['paper-end'] });
    expect(rig.printer.status()).toMatchObject({ state: 'fault', fault: { code: 'paper-end' } });
    expect(printedNonBlankLines(rig).length).toBeGreaterThan(0);
    expect(rig.simulator.output.cutCount()).toBe(0);
    expect(rig.printer.status().statistics).toMatchObject({ jobs: 0, cuts: 0, errors: 1 });
    expect(rig.events.at(-1)).toMatchObject({ kind: 'job-failed', jobId: 'job-1', result: { reason: 'paper-end' } });
  });

  it('cover open before the job: refused with its message', async () => {
    const rig = await openRig();
    rig.simulator.setCoverOpen(true);
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: false, reason: 'cover-open', printedBeforeFailure: false, message: PRINTER_PROBLEM_MESSAGES['cover-open'] });
    expect(rig.simulator.output.items).toEqual([]);
    expect(rig.printer.status().fault?.message['zh-CN']).toBe('凭条打印机上盖未关闭');
  });

  it('cutter jam during the job: printed but not cut, reported as cutter error', async () => {
    const rig = await openRig();
    rig.simulator.jamCutterOnNextCut();
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: false, reason: 'cutter-error', printedBeforeFailure: true, message: PRINTER_PROBLEM_MESSAGES['cutter-error'] });
    expect(printedNonBlankLines(rig)).toEqual(sampleReceiptLines());
    expect(rig.simulator.output.cutCount()).toBe(0);
    expect(rig.printer.status()).toMatchObject({ state: 'fault', fault: { code: 'cutter-error' }, statistics: { cuts: 0, errors: 1 } });
  });

  it('silent before the job: offline, nothing sent', async () => {
    const rig = await openRig();
    rig.simulator.setSilent(true);
    const printing = rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    await rig.timeouts.fireNext();
    expect(await printing).toEqual({ ok: false, reason: 'offline', printedBeforeFailure: false, message: PRINTER_PROBLEM_MESSAGES.offline });
    expect(rig.printer.status()).toMatchObject({ state: 'offline', fault: { code: 'offline' } });
  });

  it('silent after the job was sent: timeout, the receipt may be partial', async () => {
    const rig = await openRig();
    const busy = new Promise<void>((resolve) =>
      rig.printer.onStatusChange((status) => {
        if (status.state !== 'busy') return;
        rig.simulator.setSilent(true);
        resolve();
      }),
    );
    const printing = rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    await busy;
    await rig.timeouts.fireNext();
    expect(await printing).toEqual({ ok: false, reason: 'timeout', printedBeforeFailure: true, message: PRINTER_PROBLEM_MESSAGES.timeout });
    expect(rig.printer.status().state).toBe('offline');
    expect(rig.journal.get('job-1')?.state).toBe('failed');
  });

  it('keeps its paper level across a replug, and reports a roll changed while unplugged as a new roll', async () => {
    const rig = await openRig();
    rig.simulator.setPaperNearEnd(true);
    await rig.printer.checkHealth();
    rig.pair.unplug();
    await new Promise((resolve) => setImmediate(resolve));
    rig.pair.replug();
    await rig.simulator.start();
    await rig.printer.open();
    // Still near its end: nothing new to tell staff (a notice they acknowledged stays acknowledged).
    expect(rig.events.map((event) => event.kind)).toEqual(['paper-near-end']);

    rig.pair.unplug();
    await new Promise((resolve) => setImmediate(resolve));
    rig.simulator.setPaperNearEnd(false); // the roll is changed while the cable is out
    rig.pair.replug();
    await rig.simulator.start();
    await rig.printer.open();
    expect(rig.events.map((event) => event.kind)).toEqual(['paper-near-end', 'paper-near-end-cleared']);
  });

  it('unplugged mid-job: disconnected, partial output; after replug the job reprints', async () => {
    const rig = await openRig({ chunkSize: 16 });
    let delivered = 0;
    const stopWatching = rig.pair.device.onData((chunk) => {
      delivered += chunk.length;
      if (delivered < 300) return;
      stopWatching();
      rig.pair.unplug();
    });
    const result = await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toEqual({ ok: false, reason: 'disconnected', printedBeforeFailure: true, message: PRINTER_PROBLEM_MESSAGES.disconnected });
    expect(rig.printer.status()).toMatchObject({ state: 'offline', fault: { code: 'disconnected' } });
    expect(rig.simulator.output.cutCount()).toBe(0);

    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-2' })).toMatchObject({ ok: false, reason: 'disconnected', printedBeforeFailure: false });

    // The in-memory pair still delivers chunks already in flight to an end that is open again, so
    // let them drain (into the closed end) before replugging, as a pulled cable loses them.
    await new Promise((resolve) => setImmediate(resolve));
    rig.pair.replug();
    await rig.simulator.start();
    await rig.printer.open();
    expect(rig.printer.status().state).toBe('ready');
    expect(await rig.printer.print(sampleReceiptBytes(), { jobId: 'job-1' })).toEqual({ ok: true });
    expect(rig.simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(rig.simulator.output.cutCount()).toBe(1);
  });

  it('a journal that cannot record refuses the job before any byte is sent', async () => {
    const pair = createInMemoryTransportPair('journal');
    const failing: PrintJournal = {
      record() {
        throw new Error('disk full');
      },
      markPrinted() {},
      markFailed() {},
    };
    await pair.host.open();
    const printer = new ReceiptPrinter({ id: 'p', transport: pair.host, journal: failing });
    let sent = 0;
    pair.device.onData((chunk) => (sent += chunk.length));
    await pair.device.open();
    const result = await printer.print(sampleReceiptBytes(), { jobId: 'job-1' });
    expect(result).toMatchObject({ ok: false, reason: 'journal-error', printedBeforeFailure: false });
    expect(sent).toBe(0);
  });

  it('closing leaves it offline without a fault', async () => {
    const rig = await openRig();
    await rig.printer.close();
    expect(rig.printer.status()).toMatchObject({ state: 'offline', fault: null });
  });
});
