import { describe, expect, it } from 'vitest';
import { createConfiguredDevices } from '../../../../drivers/manager/createConfiguredDevices.js';
import { UnsupportedBindingDevice } from '../../../../drivers/manager/unsupportedBindingDevice.js';
import { PermitReader } from '../../../../drivers/permit/reader/permitReader.js';
import { syntheticPermitZone } from '../../../../drivers/permit/simulator/syntheticPermits.js';

describe('createConfiguredDevices: permit-reader', () => {
  it('a simulated binding gives the real driver on a link to the simulator, with its cable', async () => {
    const { devices, simulators } = await createConfiguredDevices([{ id: 'permit', kind: 'permit-reader', binding: { transport: 'simulated' }, required: true }]);
    const reader = devices[0];
    expect(reader).toBeInstanceOf(PermitReader);
    const simulator = simulators.permitReaders.get('permit');
    expect(simulator).toBeDefined();
    if (!(reader instanceof PermitReader) || !simulator) return;
    await reader.open();
    expect(reader.status()).toMatchObject({ kind: 'permit-reader', state: 'ready', binding: 'simulated', simulated: true });

    const reading = reader.readPermit({ timeoutMs: 60_000 });
    await simulator.presentDocument(syntheticPermitZone('hk-macau-permit'));
    expect(await reading).toMatchObject({ ok: true, permit: { documentCode: 'CS' } });

    simulators.links.get('permit')?.unplug();
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-disconnected' } });
    simulators.links.get('permit')?.replug();
    await reader.open();
    expect(reader.status().state).toBe('ready');
    await reader.close();
  });

  it('a serial binding gives the driver on that port, labelled as staff read it', async () => {
    const { devices, simulators } = await createConfiguredDevices([{ id: 'permit', kind: 'permit-reader', binding: { transport: 'serial', path: '/dev/ttyUSB9', baudRate: 9600 }, required: true }]);
    expect(devices[0]).toBeInstanceOf(PermitReader);
    expect(devices[0]!.status()).toMatchObject({ binding: 'serial /dev/ttyUSB9 @9600', simulated: false, state: 'offline' });
    expect(simulators.permitReaders.size).toBe(0);
  });

  it.each([
    { transport: 'usb', vendorId: '1234', productId: 'abcd' },
    { transport: 'hid', vendorId: '1234', productId: 'abcd' },
  ] as const)('a $transport binding is reported as not supported, never a crash', async (binding) => {
    const { devices } = await createConfiguredDevices([{ id: 'permit', kind: 'permit-reader', binding, required: true }]);
    expect(devices[0]).toBeInstanceOf(UnsupportedBindingDevice);
    await devices[0]!.open();
    expect(devices[0]!.status()).toMatchObject({ kind: 'permit-reader', state: 'fault', fault: { code: 'binding-not-supported', message: { 'zh-CN': expect.stringContaining('串口') } } });
  });
});
