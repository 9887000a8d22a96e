import { describe, expect, it } from 'vitest';
import { PRINTER_PROBLEM_MESSAGES } from '../../../../../drivers/printer/device/printerMessages.js';
import type { ReceiptDocument } from '../../../../../drivers/printer/receipts/receiptDocument.js';
import { createReceiptPort } from '../../../../../electron/runtime/flows/endorsement/receiptPort.js';
import { ConfiguredDevicesFake } from '../../../../helpers/configuredDevicesFake.js';
import { FakeClock } from '../../../../helpers/fakeClock.js';
import { MemoryPrintJournal, RecordingAudit, sampleConfig } from '../../../../helpers/runtimeFakes.js';

const document: ReceiptDocument = { columns: 48, blocks: [{ kind: 'text', align: 'left', lines: ['受理编号 CJ2026000042'] }, { kind: 'cut' }] };

function setup() {
  const clock = new FakeClock();
  const devices = new ConfiguredDevicesFake(sampleConfig().devices, clock);
  devices.performHandler = () => ({ ok: true, result: { ok: true } });
  const journal = new MemoryPrintJournal(() => clock.now());
  const port = createReceiptPort({ journal, devices, audit: new RecordingAudit(), printerId: 'receipt-printer' });
  return { devices, journal, port };
}

describe('createReceiptPort', () => {
  it('prints under the job id the flow chose, journalled first, and reports the job printed', async () => {
    const { devices, journal, port } = setup();
    expect(port.jobState('endo-1-receipt')).toBeNull();
    expect(await port.print('endo-1-receipt', document)).toEqual({ ok: true });
    expect(devices.performed).toHaveLength(1);
    expect(devices.performed[0]).toMatchObject({ deviceId: 'receipt-printer', operation: { op: 'printer.print', jobId: 'endo-1-receipt' } });
    expect(port.jobState('endo-1-receipt')).toBe('printed');
    expect(journal.bytes('endo-1-receipt')?.length).toBeGreaterThan(10);
  });

  it('passes the printer problem on and leaves the job failed in the journal for staff', async () => {
    const { devices, port } = setup();
    devices.performHandler = () => ({ ok: true, result: { ok: false, reason: 'paper-end', printedBeforeFailure: false, message: PRINTER_PROBLEM_MESSAGES['paper-end'] } });
    expect(await port.print('endo-2-receipt', document)).toMatchObject({ ok: false, reason: 'paper-end' });
    expect(port.jobState('endo-2-receipt')).toBe('failed');
  });

  it('refuses a receipt the printer cannot encode, before anything is journalled or sent', async () => {
    const { devices, port } = setup();
    const unprintable: ReceiptDocument = { columns: 48, blocks: [{ kind: 'qr-code', payload: 'https://例子.cn' }] };
    expect(await port.print('endo-3-receipt', unprintable)).toMatchObject({ ok: false, reason: 'encoding-error' });
    expect(devices.performed).toEqual([]);
    expect(port.jobState('endo-3-receipt')).toBeNull();
  });
});
