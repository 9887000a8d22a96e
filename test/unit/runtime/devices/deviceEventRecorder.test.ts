import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_NEAR_END_NOTICE, recordDeviceEvents } from '../../../../electron/runtime/devices/deviceEventRecorder.js';
import { PrinterPaperLevels } from '../../../../electron/runtime/devices/printerPaperLevels.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { ConfiguredDevicesFake } from '../../../helpers/configuredDevicesFake.js';
import { RecordingAudit, sampleConfig } from '../../../helpers/runtimeFakes.js';
import { manualClock, openTestStore, tempDir } from '../../store/storeTestKit.js';

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function setup(dbFile = path.join(tempDir(), 'kiosk.db')) {
  const clock = manualClock();
  const store = openTestStore(dbFile, clock);
  stores.push(store);
  const devices = new ConfiguredDevicesFake(sampleConfig().devices, clock);
  const paperLevels = new PrinterPaperLevels();
  const audit = new RecordingAudit();
  const stop = recordDeviceEvents(devices, { notices: store.notices, paperLevels, audit, logger: silentLogger });
  const paperNotices = () => store.notices.listOpen().filter((n) => n.code === PAPER_NEAR_END_NOTICE);
  return { store, devices, paperLevels, audit, stop, paperNotices, dbFile };
}

describe('recordDeviceEvents: paper near end', () => {
  it('raises one notice per printer and reports the printer as near its end', () => {
    const { devices, paperLevels, audit, paperNotices } = setup();
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    expect(paperNotices()).toHaveLength(1);
    expect(paperNotices()[0]!.message).toContain('receipt-printer');
    expect([...paperLevels.printersNearEnd()]).toEqual(['receipt-printer']);
    expect(audit.actions()).toEqual(['device.paper-near-end', 'device.paper-near-end']);
  });

  it('closes the notice by itself when the printer reports a new roll, and says so in the audit', () => {
    const { devices, paperLevels, audit, paperNotices } = setup();
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end-cleared' } });
    expect(paperNotices()).toEqual([]);
    expect(paperLevels.printersNearEnd().size).toBe(0);
    expect(audit.entries.at(-1)).toEqual({ actor: 'system', action: 'device.paper-replenished', detail: { deviceId: 'receipt-printer' } });
  });

  it('keeps reporting the roll as near its end after staff acknowledge the notice', () => {
    const { store, devices, paperLevels, paperNotices } = setup();
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    store.notices.acknowledge(paperNotices()[0]!.id);
    expect([...paperLevels.printersNearEnd()]).toEqual(['receipt-printer']);
  });

  it('closes a notice left open by an earlier run, and only that printer\'s', () => {
    const first = setup();
    first.devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    first.devices.emitDeviceEvent({ deviceId: 'second-printer', event: { kind: 'paper-near-end' } });
    first.stop();
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);

    const restarted = setup(first.dbFile);
    expect(restarted.paperNotices()).toHaveLength(2);
    restarted.devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end-cleared' } });
    expect(restarted.paperNotices().map((n) => n.message.split(':')[0])).toEqual(['second-printer']);
    expect(restarted.audit.actions()).toEqual(['device.paper-replenished']);
  });

  it('records nothing when a printer that was never low reports a cleared sensor', () => {
    const { devices, audit } = setup();
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end-cleared' } });
    expect(audit.entries).toEqual([]);
  });

  it('stops listening when stopped', () => {
    const { devices, stop, paperNotices } = setup();
    stop();
    devices.emitDeviceEvent({ deviceId: 'receipt-printer', event: { kind: 'paper-near-end' } });
    expect(paperNotices()).toEqual([]);
  });
});
