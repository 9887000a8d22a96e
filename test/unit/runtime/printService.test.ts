import { describe, expect, it } from 'vitest';
import { operationFailure } from '../../../drivers/host/deviceOperation.js';
import { PrintService } from '../../../electron/runtime/printing/printService.js';
import { ConfiguredDevicesFake } from '../../helpers/configuredDevicesFake.js';
import { FakeClock } from '../../helpers/fakeClock.js';
import { MemoryPrintJournal, RecordingAudit, sampleConfig } from '../../helpers/runtimeFakes.js';

function setup() {
  const clock = new FakeClock();
  const devices = new ConfiguredDevicesFake(sampleConfig().devices, clock);
  const journal = new MemoryPrintJournal(() => clock.now());
  const audit = new RecordingAudit();
  let n = 0;
  const printing = new PrintService({ journal, devices, audit, newJobId: () => `job-${++n}` });
  return { devices, journal, audit, printing };
}

describe('PrintService', () => {
  it('journals the job before the printer sees it', async () => {
    const { devices, journal, printing } = setup();
    devices.performHandler = (_id, operation) => {
      // At the moment the device is asked, the job is already durable.
      expect(operation.op === 'printer.print' && journal.get(operation.jobId)?.state).toBe('pending');
      return { ok: true, result: { ok: true } };
    };
    expect(await printing.print('receipt-printer', Uint8Array.of(1, 2))).toEqual({ ok: true, jobId: 'job-1' });
    expect(journal.get('job-1')?.state).toBe('printed');
  });

  it('counts a job cut off by a device-host restart as possibly part-printed, and keeps it for reprint', async () => {
    const { devices, journal, printing } = setup();
    devices.performHandler = () => operationFailure('device-host-restarted', 'exit');
    const outcome = await printing.print('receipt-printer', Uint8Array.of(1));
    expect(outcome).toMatchObject({ ok: false, reason: 'device-host-restarted', printedBeforeFailure: true });
    expect(journal.get('job-1')).toMatchObject({ state: 'failed', printedBeforeFailure: true });
    expect(printing.unfinished().map((j) => j.jobId)).toEqual(['job-1']);
  });

  it('prints nothing when the journal cannot be written', async () => {
    const { devices, journal, printing } = setup();
    journal.record = () => {
      throw new Error('disk full');
    };
    const outcome = await printing.print('receipt-printer', Uint8Array.of(1));
    expect(outcome).toMatchObject({ ok: false, reason: 'journal-error', printedBeforeFailure: false });
    expect(devices.performed).toEqual([]);
  });

  it('says so when asked to reprint a job it does not have', async () => {
    const { printing, devices } = setup();
    expect(await printing.reprint('nope')).toMatchObject({ ok: false, reason: 'no-such-job' });
    expect(devices.performed).toEqual([]);
  });
});
