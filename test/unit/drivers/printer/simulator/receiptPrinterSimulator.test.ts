import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { realTimeStatusRequest, type RealTimeStatusKind } from '../../../../../drivers/printer/escpos/realTimeStatus.js';
import { ReceiptPrinterSimulator } from '../../../../../drivers/printer/simulator/receiptPrinterSimulator.js';
import type { ByteTransport } from '../../../../../drivers/transport/byteTransport.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { SAMPLE_TRACKING_URL, sampleReceiptBytes, sampleReceiptLines } from '../device/printerRig.js';

/** Yields to the event loop until the condition holds: the pair delivers with setImmediate. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

/** The host side of the wire, reading raw bytes as a driver would. */
class RawHost {
  readonly received: number[] = [];
  constructor(readonly transport: ByteTransport) {
    transport.onData((chunk) => this.received.push(...chunk));
  }

  async status(kind: RealTimeStatusKind): Promise<number> {
    const before = this.received.length;
    await this.transport.write(realTimeStatusRequest(kind));
    await until(() => this.received.length > before);
    return this.received[before] ?? -1;
  }

  async statusBytes(): Promise<string> {
    const bytes = [];
    for (const kind of ['printer', 'offline-cause', 'error-cause', 'roll-paper'] as const) bytes.push(await this.status(kind));
    return Buffer.from(bytes).toString('hex');
  }
}

let pair: ReturnType<typeof createInMemoryTransportPair>;
let simulator: ReceiptPrinterSimulator;
let host: RawHost;

async function sendAll(bytes: Uint8Array): Promise<void> {
  const before = simulator.counters().receivedBytes;
  await host.transport.write(bytes);
  await until(() => simulator.counters().receivedBytes >= before + bytes.length);
}

beforeEach(async () => {
  pair = createInMemoryTransportPair('simulator-test');
  simulator = new ReceiptPrinterSimulator(pair.device);
  await simulator.start();
  await pair.host.open();
  host = new RawHost(pair.host);
});

describe('SIMULATED receipt printer: printed output', () => {
  it('prints the sample receipt: its Chinese lines, the QR code and one cut', async () => {
    await sendAll(sampleReceiptBytes());
    const lines = simulator.output.textLines();
    expect(lines.filter((line) => line !== '')).toEqual(sampleReceiptLines());
    expect(lines).toContain('出入境自助签注 · 受理凭条');
    expect(simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(simulator.output.items.at(-1)).toEqual({ kind: 'cut', cut: 'partial' });
    expect(simulator.output.cutCount()).toBe(1);
    expect(simulator.counters().unknownCommands).toBe(0);
  });

  it('keeps the style each line was printed in', async () => {
    await sendAll(sampleReceiptBytes());
    const [title, subtitle] = simulator.output.items;
    expect(title).toMatchObject({ kind: 'line', text: '示例市政务服务中心', align: 'center', bold: true, doubleWidth: true, doubleHeight: true });
    expect(subtitle).toMatchObject({ kind: 'line', align: 'center', bold: false, doubleWidth: false });
    const qr = simulator.output.items.find((item) => item.kind === 'qr-code');
    expect(qr).toMatchObject({ align: 'center', moduleSize: 6, errorCorrection: 'M' });
  });

  it('pairs a GBK character split across two chunks', async () => {
    pair.setChunkSize(1);
    await sendAll(Uint8Array.from([0x1c, 0x26, ...iconv.encode('签注', 'gbk'), 0x1c, 0x2e, 0x0a]));
    expect(simulator.output.textLines()).toEqual(['签注']);
  });

  it('paces bytes at the configured baud rate, 10 bits a byte', async () => {
    const paced = createInMemoryTransportPair('paced');
    const waits: number[] = [];
    const pacedSimulator = new ReceiptPrinterSimulator(paced.device, { baudRate: 9600, wait: async (ms) => void waits.push(ms) });
    await pacedSimulator.start();
    await paced.host.open();
    await paced.host.write(new Uint8Array(960).fill(0x41));
    await until(() => pacedSimulator.counters().receivedBytes === 960);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(1000, 6);
  });
});

describe('SIMULATED receipt printer: DLE EOT answers and faults', () => {
  it('answers all clear as 12 12 12 12', async () => {
    expect(await host.statusBytes()).toBe('12121212');
  });

  it('paper near end sets DLE EOT 4 bits 2 and 3 and keeps printing', async () => {
    simulator.setPaperNearEnd(true);
    expect(await host.statusBytes()).toBe('1212121e');
    await sendAll(sampleReceiptBytes());
    expect(simulator.output.cutCount()).toBe(1);
  });

  it('paper end: offline, stopped by paper end, nothing printed', async () => {
    simulator.setPaperEnd(true);
    expect(await host.statusBytes()).toBe('1a32127e');
    await sendAll(sampleReceiptBytes());
    expect(simulator.output.items).toEqual([]);
    expect(simulator.counters().discardedCommands).toBeGreaterThan(0);
  });

  it('paper end mid-job stops at the given byte count and reports paper end', async () => {
    const bytes = sampleReceiptBytes();
    simulator.runOutOfPaperAfter(Math.floor(bytes.length / 2));
    await sendAll(bytes);
    const lines = simulator.output.textLines();
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.length).toBeLessThan(sampleReceiptLines().length);
    expect(simulator.output.cutCount()).toBe(0);
    expect(simulator.condition().paperEnd).toBe(true);
    expect(await host.status('roll-paper')).toBe(0x7e);
  });

  it('cover open: offline with DLE EOT 2 bit 2', async () => {
    simulator.setCoverOpen(true);
    expect(await host.statusBytes()).toBe('1a161212');
  });

  it('a cutter jam on the next cut: the cut does not happen and DLE EOT 3 bit 3 is set', async () => {
    simulator.jamCutterOnNextCut();
    await sendAll(sampleReceiptBytes());
    expect(simulator.output.cutCount()).toBe(0);
    expect(simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(await host.statusBytes()).toBe('1a521a12');
    simulator.setCutterError(false);
    expect(await host.statusBytes()).toBe('12121212');
  });

  it('silent: no answer and nothing printed', async () => {
    simulator.setSilent(true);
    await sendAll(Uint8Array.from([...realTimeStatusRequest('printer'), ...sampleReceiptBytes()]));
    expect(host.received).toEqual([]);
    expect(simulator.output.items).toEqual([]);
    expect(simulator.counters().statusRequests).toBe(1);
  });

  it('survives unplug and replug: a half-sent command is dropped, the next job prints', async () => {
    await sendAll(Uint8Array.of(0x1d, 0x28, 0x6b, 0x10)); // half a QR command
    pair.unplug();
    pair.replug();
    await simulator.start();
    await pair.host.open();
    await sendAll(sampleReceiptBytes());
    expect(simulator.output.qrPayloads()).toEqual([SAMPLE_TRACKING_URL]);
    expect(simulator.counters().unknownCommands).toBe(0);
  });
});
