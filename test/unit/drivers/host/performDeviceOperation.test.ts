import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceConfig } from '../../../../config/terminalConfigSchema.js';
import { subscribeDeviceEvents, type DeviceEvent } from '../../../../drivers/host/deviceEvent.js';
import type { DeviceOperation, DeviceOperationReply } from '../../../../drivers/host/deviceOperation.js';
import { performDeviceOperation, type OperationContext } from '../../../../drivers/host/performDeviceOperation.js';
import { SIMULATOR_TRAINING_ACTIONS } from '../../../../drivers/host/simulatorTrainingActions.js';
import { SIMULATED_RESIDENT_FIELDS, SYNTHETIC_PROPERTY_PARTY_FIELDS } from '../../../../drivers/idcard/simulator/simulatedCard.js';
import { createConfiguredDevices, type ConfiguredDevices } from '../../../../drivers/manager/createConfiguredDevices.js';
import { DriverDeviceManager } from '../../../../drivers/manager/driverDeviceManager.js';
import { CallerKeptPrintJournal } from '../../../../drivers/printer/device/callerKeptPrintJournal.js';
import { EscPosEncoder } from '../../../../drivers/printer/escpos/escPosEncoder.js';

const configs: DeviceConfig[] = [
  { id: 'reader', kind: 'id-card-reader', binding: { transport: 'simulated' }, required: true },
  { id: 'printer', kind: 'receipt-printer', binding: { transport: 'simulated' }, required: true },
  { id: 'scanner', kind: 'payment-code-scanner', binding: { transport: 'simulated' }, required: true },
  { id: 'pos', kind: 'card-payment-terminal', binding: { transport: 'simulated' }, required: true },
  { id: 'permit', kind: 'permit-reader', binding: { transport: 'simulated' }, required: true },
  { id: 'real-reader', kind: 'id-card-reader', binding: { transport: 'serial', path: '/dev/nonexistent-kiosk-test', baudRate: 115200 }, required: false },
  { id: 'hid-printer', kind: 'receipt-printer', binding: { transport: 'hid', vendorId: '0416', productId: '5011' }, required: false },
];

let configured: ConfiguredDevices;
let manager: DriverDeviceManager;

async function start(): Promise<OperationContext & { events: DeviceEvent[] }> {
  configured = await createConfiguredDevices(configs, { printJournal: new CallerKeptPrintJournal() });
  manager = new DriverDeviceManager({
    devices: configured.devices,
    timers: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    backoff: { initialMs: 20, maxMs: 100 },
  });
  await manager.openAll();
  const events: DeviceEvent[] = [];
  subscribeDeviceEvents(configured.devices, (e) => events.push(e));
  return { devices: configured.devices, simulators: configured.simulators, events };
}

afterEach(async () => {
  await manager?.close();
});

function perform(context: OperationContext, deviceId: string, operation: DeviceOperation): Promise<DeviceOperationReply> {
  return performDeviceOperation(deviceId, operation, context);
}

function result<T>(reply: DeviceOperationReply): T {
  if (!reply.ok) throw new Error(`expected a driver result, got ${reply.failure.reason}: ${reply.failure.detail}`);
  return reply.result as T;
}

const receiptBytes = (lines = 1) => {
  const encoder = new EscPosEncoder().initialise();
  for (let i = 0; i < lines; i++) encoder.line(`测试凭条第${i + 1}行 ￥15.00`);
  const encoded = encoder.newline(3).cut('partial', 0).encode();
  if (!encoded.ok) throw new Error('encode failed');
  return Buffer.from(encoded.bytes).toString('base64');
};

describe('performDeviceOperation on simulated devices', () => {
  it('says which device is unknown, which kind is wrong, and which device cannot be simulated', async () => {
    const context = await start();
    expect(await perform(context, 'nope', { op: 'idcard.read', timeoutMs: 200 })).toMatchObject({ ok: false, failure: { reason: 'unknown-device', detail: 'nope' } });
    expect(await perform(context, 'printer', { op: 'idcard.read', timeoutMs: 200 })).toMatchObject({ ok: false, failure: { reason: 'wrong-kind' } });
    expect(await perform(context, 'real-reader', { op: 'simulate', action: { action: 'idcard.place-card' } })).toMatchObject({
      ok: false,
      failure: { reason: 'not-simulated' },
    });
    // A printer on HID has no driver in this build: the operation says so instead of crashing.
    expect(await perform(context, 'hid-printer', { op: 'printer.print', jobId: 'j', bytesBase64: '' })).toMatchObject({ ok: false, failure: { reason: 'no-driver' } });
  });

  it('reads the card a staff member placed on the simulated reader, reporting progress', async () => {
    const context = await start();
    const progress: unknown[] = [];
    context.onProgress = (p) => progress.push(p);
    expect(result(await perform(context, 'reader', { op: 'simulate', action: { action: 'idcard.place-card', name: '测试甲' } }))).toEqual({ ok: true });
    const read = result<{ ok: true; card: { type: string; name: string; idNumber: string }; photoBase64: string; idNumberValid: boolean }>(
      await perform(context, 'reader', { op: 'idcard.read', timeoutMs: 3_000 }),
    );
    expect(read.ok).toBe(true);
    expect(read.card).toMatchObject({ type: 'resident', name: '测试甲', idNumber: SIMULATED_RESIDENT_FIELDS.idNumber });
    expect(read.idNumberValid).toBe(true);
    expect(Buffer.from(read.photoBase64, 'base64')).toHaveLength(1024);
    expect(progress).toContainEqual({ op: 'idcard.read', progress: { kind: 'card-detected' } });
  });

  it('places the demo property case\'s parties by persona, each with a valid ID number of their own', async () => {
    const context = await start();
    const seen: string[] = [];
    for (const persona of ['property-seller', 'property-buyer', 'property-co-owner'] as const) {
      await perform(context, 'reader', { op: 'simulate', action: { action: 'idcard.place-card', persona } });
      const read = result<{ ok: true; card: { name: string; idNumber: string }; idNumberValid: boolean }>(await perform(context, 'reader', { op: 'idcard.read', timeoutMs: 3_000 }));
      const role = persona.replace('property-', '') as keyof typeof SYNTHETIC_PROPERTY_PARTY_FIELDS;
      expect(read.card).toMatchObject({ name: SYNTHETIC_PROPERTY_PARTY_FIELDS[role].name, idNumber: SYNTHETIC_PROPERTY_PARTY_FIELDS[role].idNumber });
      expect(read.idNumberValid).toBe(true);
      seen.push(read.card.idNumber);
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('stops a read when the caller aborts', async () => {
    const context = await start();
    const abort = new AbortController();
    context.signal = abort.signal;
    const reading = perform(context, 'reader', { op: 'idcard.read', timeoutMs: 10_000 });
    setTimeout(() => abort.abort(), 150);
    expect(result<{ ok: false; reason: string }>(await reading)).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('prints, and reports a job cut short by the paper running out, with the event staff see', async () => {
    const context = await start();
    expect(result(await perform(context, 'printer', { op: 'printer.print', jobId: 'job-1', bytesBase64: receiptBytes() }))).toEqual({ ok: true });
    await perform(context, 'printer', { op: 'simulate', action: { action: 'printer.paper-out-mid-job' } });
    const failed = result<{ ok: false; reason: string; printedBeforeFailure: boolean }>(
      await perform(context, 'printer', { op: 'printer.print', jobId: 'job-2', bytesBase64: receiptBytes(20) }),
    );
    expect(failed).toMatchObject({ ok: false, reason: 'paper-end', printedBeforeFailure: true });
    expect(context.events.map((e) => [e.deviceId, e.event.kind])).toEqual([
      ['printer', 'job-printed'],
      ['printer', 'paper-near-end'],
      ['printer', 'job-failed'],
    ]);
    expect(manager.get('printer')?.status()).toMatchObject({ state: 'fault', fault: { code: 'paper-end' } });
  });

  it('scans the code shown to the simulated scanner and keeps the code out of the masked form', async () => {
    const context = await start();
    const scanning = perform(context, 'scanner', { op: 'scanner.scan', timeoutMs: 3_000 });
    await vi.waitFor(() => expect(manager.get('scanner')?.status().state).toBe('busy'));
    await perform(context, 'scanner', { op: 'simulate', action: { action: 'scanner.present-code', wallet: 'wechat' } });
    const scan = result<{ ok: true; kind: string; masked: string; code: string }>(await scanning);
    expect(scan).toMatchObject({ ok: true, kind: 'wechat' });
    expect(scan.masked).not.toContain(scan.code.slice(2, -4));
  });

  it('reads the permit a citizen lays on the simulated reader, and reports a misread by its check digit', async () => {
    const context = await start();
    const reading = perform(context, 'permit', { op: 'permit.read', timeoutMs: 3_000, accept: ['hk-macau-permit'] });
    await vi.waitFor(() => expect(manager.get('permit')?.status().state).toBe('busy'));
    await perform(context, 'permit', { op: 'simulate', action: { action: 'permit.present', document: 'hk-macau-permit' } });
    expect(result(await reading)).toMatchObject({ ok: true, permit: { documentCode: 'CS', documentType: 'hk-macau-permit' } });

    await perform(context, 'permit', { op: 'simulate', action: { action: 'permit.misread', check: 'birth-date' } });
    const misread = perform(context, 'permit', { op: 'permit.read', timeoutMs: 3_000 });
    await vi.waitFor(() => expect(manager.get('permit')?.status().state).toBe('busy'));
    await perform(context, 'permit', { op: 'simulate', action: { action: 'permit.present', document: 'hk-macau-permit' } });
    expect(result(await misread)).toMatchObject({ ok: false, reason: 'bad-read', failedChecks: ['birth-date'] });
  });

  it('takes card payments as the simulated terminal is told to answer', async () => {
    const context = await start();
    expect(result(await perform(context, 'pos', { op: 'card.sale', reference: 'T1', amountFen: 1500 }))).toMatchObject({ outcome: 'approved', reference: 'T1' });
    await perform(context, 'pos', { op: 'simulate', action: { action: 'card-terminal.behaviour', behaviour: 'decline' } });
    expect(result(await perform(context, 'pos', { op: 'card.sale', reference: 'T2', amountFen: 1500 }))).toMatchObject({ outcome: 'declined', reference: 'T2' });
    expect(result(await perform(context, 'pos', { op: 'card.query-last', reference: 'T2' }))).toMatchObject({ reference: 'T2' });
  });

  it('self-tests a reader (masked number only), a printer (test page) and a scanner that sees nothing', async () => {
    const context = await start();
    await perform(context, 'reader', { op: 'simulate', action: { action: 'idcard.place-card' } });
    const reader = result<{ ok: boolean; details: Record<string, unknown> }>(await perform(context, 'reader', { op: 'self-test', timeoutMs: 3_000 }));
    expect(reader.ok).toBe(true);
    expect(reader.details.idNumber).toBe(`${SIMULATED_RESIDENT_FIELDS.idNumber.slice(0, 4)}**********${SIMULATED_RESIDENT_FIELDS.idNumber.slice(-4)}`);
    expect(JSON.stringify(reader)).not.toContain(SIMULATED_RESIDENT_FIELDS.name);
    const printer = result<{ ok: boolean }>(await perform(context, 'printer', { op: 'self-test', timeoutMs: 3_000, terminalId: 'T-1' }));
    expect(printer.ok).toBe(true);
    expect(configured.simulators.printers.get('printer')?.output.cutCount()).toBe(1);
    expect(configured.simulators.printers.get('printer')?.output.textLines()).toContain('Printer test page');
    const scanner = result<{ ok: boolean; details: Record<string, unknown> }>(await perform(context, 'scanner', { op: 'self-test', timeoutMs: 200 }));
    expect(scanner).toMatchObject({ ok: false, details: { reason: 'timeout' } });
  });

  it('unplugs and replugs a simulated device: offline, then back by the manager', async () => {
    const context = await start();
    await perform(context, 'reader', { op: 'simulate', action: { action: 'unplug' } });
    await vi.waitFor(() => expect(manager.get('reader')?.status().state).toBe('offline'));
    await perform(context, 'reader', { op: 'simulate', action: { action: 'replug' } });
    await vi.waitFor(() => expect(manager.get('reader')?.status().state).toBe('ready'), { timeout: 3_000 });
  });

  it('offers only training actions that its simulators accept', async () => {
    const context = await start();
    const byKind = { 'id-card-reader': 'reader', 'receipt-printer': 'printer', 'payment-code-scanner': 'scanner', 'card-payment-terminal': 'pos', 'permit-reader': 'permit' } as const;
    for (const [kind, deviceId] of Object.entries(byKind)) {
      for (const { action } of SIMULATOR_TRAINING_ACTIONS[kind as keyof typeof byKind] ?? []) {
        const reply = await perform(context, deviceId, { op: 'simulate', action });
        expect(reply, `${kind} ${action.action}`).toEqual({ ok: true, result: { ok: true } });
      }
    }
    expect(await perform(context, 'printer', { op: 'simulate', action: { action: 'idcard.remove-card' } })).toMatchObject({ ok: true, result: { ok: false, reason: 'wrong-kind' } });
  });
});
