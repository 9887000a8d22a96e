import { describe, expect, it } from 'vitest';
import { countCutCommands } from '../../../../../drivers/printer/device/countCutCommands.js';
import { faultFromStatus, type PrinterStatusBytes } from '../../../../../drivers/printer/device/printerCondition.js';
import { RealTimeStatusReader } from '../../../../../drivers/printer/device/realTimeStatusReader.js';
import { parseRealTimeStatus, type RealTimeStatusKind } from '../../../../../drivers/printer/escpos/realTimeStatus.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { ManualTimeouts } from './manualTimeouts.js';
import { sampleReceiptBytes } from './printerRig.js';

function statusBytes(printer: number, offlineCause: number, errorCause: number, rollPaper: number): PrinterStatusBytes {
  const parse = <K extends RealTimeStatusKind>(kind: K, byte: number) => {
    const parsed = parseRealTimeStatus(kind, byte);
    if (!parsed.ok) throw new Error(`bad test byte ${byte}`);
    return parsed.status;
  };
  return {
    printer: parse('printer', printer),
    offlineCause: parse('offline-cause', offlineCause),
    errorCause: parse('error-cause', errorCause),
    rollPaper: parse('roll-paper', rollPaper),
  };
}

describe('faultFromStatus', () => {
  it('is null when all four bytes are clear, also at paper near end', () => {
    expect(faultFromStatus(statusBytes(0x12, 0x12, 0x12, 0x12))).toBeNull();
    expect(faultFromStatus(statusBytes(0x12, 0x12, 0x12, 0x1e))).toBeNull();
  });

  it('names the cause, cover first, then paper, then cutter, else plain offline', () => {
    expect(faultFromStatus(statusBytes(0x1a, 0x36, 0x1a, 0x7e))).toBe('cover-open');
    expect(faultFromStatus(statusBytes(0x1a, 0x32, 0x1a, 0x7e))).toBe('paper-end');
    expect(faultFromStatus(statusBytes(0x1a, 0x52, 0x1a, 0x12))).toBe('cutter-error');
    expect(faultFromStatus(statusBytes(0x1a, 0x12, 0x12, 0x12))).toBe('offline');
    expect(faultFromStatus(statusBytes(0x12, 0x12, 0x52, 0x12))).toBe('offline'); // auto-recoverable error (overheat)
  });

  it('takes DLE EOT 2 "stopped by paper end" as paper end even if the roll sensor disagrees', () => {
    expect(faultFromStatus(statusBytes(0x1a, 0x32, 0x12, 0x12))).toBe('paper-end');
  });
});

describe('RealTimeStatusReader', () => {
  async function rig() {
    const pair = createInMemoryTransportPair('reader');
    await pair.host.open();
    await pair.device.open();
    const timeouts = new ManualTimeouts();
    const reader = new RealTimeStatusReader(pair.host, 500, timeouts.schedule);
    pair.host.onData((chunk) => reader.receive(chunk));
    return { pair, reader, timeouts };
  }

  it('drops a stale answer and bytes without the DLE EOT pattern (ASB, XON, garbage)', async () => {
    const { pair, reader } = await rig();
    await pair.device.write(Uint8Array.of(0x1a)); // a late "offline" answer nobody asked for
    await new Promise((resolve) => setImmediate(resolve));
    pair.device.onData(() => void pair.device.write(Uint8Array.of(0x00, 0x10, 0x11, 0x12)));
    const outcome = await reader.query('printer');
    expect(outcome).toMatchObject({ ok: true, status: { kind: 'printer', rawByte: 0x12, offline: false } });
  });

  it('times out without an answer, and then answers the next question', async () => {
    const { pair, reader, timeouts } = await rig();
    const first = reader.query('roll-paper');
    expect(await timeouts.fireNext()).toBe(500);
    expect(await first).toEqual({ ok: false, reason: 'timeout' });
    pair.device.onData(() => void pair.device.write(Uint8Array.of(0x1e)));
    expect(await reader.query('roll-paper')).toMatchObject({ ok: true, status: { paperNearEnd: true, paperEnd: false } });
    expect(timeouts.activeCount()).toBe(0);
  });

  it('reports disconnected when the link drops with a question open, or is already closed', async () => {
    const { pair, reader } = await rig();
    const open = reader.query('printer');
    pair.unplug();
    reader.disconnected();
    expect(await open).toEqual({ ok: false, reason: 'disconnected' });
    expect(await reader.query('printer')).toEqual({ ok: false, reason: 'disconnected' });
  });
});

describe('countCutCommands', () => {
  it('counts the sample receipt’s one cut', () => {
    expect(countCutCommands(sampleReceiptBytes())).toBe(1);
  });

  it('does not count GS V bytes inside another command’s data', () => {
    // GS ( L carries 1D 56 00 as data; only the real GS V 1 at the end is a cut.
    expect(countCutCommands(Uint8Array.of(0x1d, 0x28, 0x4c, 0x05, 0x00, 0x1d, 0x56, 0x00, 0x00, 0x00, 0x1d, 0x56, 0x01))).toBe(1);
  });
});
