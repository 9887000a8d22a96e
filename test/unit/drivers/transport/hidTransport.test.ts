import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { TransportCloseReason } from '../../../../drivers/transport/byteTransport.js';
import type { HidDeviceHandle, HidDeviceInfo, HidModule } from '../../../../drivers/transport/hidModule.js';
import { HidTransport } from '../../../../drivers/transport/hidTransport.js';

const HONEYWELL = 0x0c2e;
const VOYAGER_1400G = 0x0b8f;
const HID_POS_USAGE_PAGE = 0x8c;

/** Plays node-hid's HIDAsync: input reports are 'data' events, an unplug is an 'error' event. */
class FakeHidDevice extends EventEmitter implements HidDeviceHandle {
  readonly written: number[][] = [];
  closed = false;
  failWrites: Error | null = null;
  failClose: Error | null = null;

  constructor(readonly path: string) {
    super();
  }

  async write(report: Buffer): Promise<number> {
    if (this.failWrites) throw this.failWrites;
    this.written.push([...report]);
    return report.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.failClose) throw this.failClose;
  }

  sendReport(bytes: number[]): void {
    this.emit('data', Buffer.from(bytes));
  }

  unplug(): void {
    this.emit('error', new Error('could not read from device'));
  }

  listenersAttached(): number {
    return this.listenerCount('data') + this.listenerCount('error');
  }
}

function scannerInfo(path: string, usagePage: number, iface = 0): HidDeviceInfo {
  return { vendorId: HONEYWELL, productId: VOYAGER_1400G, path, usagePage, interface: iface };
}

/** A fake node-hid with the given devices attached; records what was opened. */
function fakeHid(attached: HidDeviceInfo[], openFailure?: Error): { hid: HidModule; opened: FakeHidDevice[] } {
  const opened: FakeHidDevice[] = [];
  return {
    opened,
    hid: {
      devicesAsync: async (vendorId, productId) =>
        attached.filter((info) => info.vendorId === vendorId && info.productId === productId),
      HIDAsync: {
        open: async (path) => {
          if (openFailure) throw openFailure;
          const device = new FakeHidDevice(path);
          opened.push(device);
          return device;
        },
      },
    },
  };
}

const KEYBOARD_COLLECTION = scannerInfo('/dev/hidraw0', 0x01, 0);
const HID_POS_COLLECTION = scannerInfo('/dev/hidraw1', HID_POS_USAGE_PAGE, 1);

async function openScanner(): Promise<{ transport: HidTransport; device: FakeHidDevice }> {
  const { hid, opened } = fakeHid([KEYBOARD_COLLECTION, HID_POS_COLLECTION]);
  const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, usagePage: HID_POS_USAGE_PAGE, hid });
  await transport.open();
  const device = opened[0];
  if (!device) throw new Error('nothing opened');
  return { transport, device };
}

function collectCloses(transport: HidTransport): TransportCloseReason[] {
  const reasons: TransportCloseReason[] = [];
  transport.onClose((reason) => reasons.push(reason));
  return reasons;
}

describe('HidTransport', () => {
  it('opens the collection with the requested usage page, not the first match', async () => {
    const { transport, device } = await openScanner();
    expect(device.path).toBe('/dev/hidraw1');
    expect(transport.isOpen).toBe(true);
    expect(transport.description).toBe('hid 0c2e:0b8f usage page 0x8c');
    await transport.close();
  });

  it('opens the given path when one is pinned', async () => {
    const { hid, opened } = fakeHid([KEYBOARD_COLLECTION, HID_POS_COLLECTION]);
    const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, path: '/dev/hidraw0', hid });
    await transport.open();
    expect(opened[0]?.path).toBe('/dev/hidraw0');
    await transport.close();
  });

  it('delivers each input report raw, report id and length byte included', async () => {
    const { transport, device } = await openScanner();
    const chunks: number[][] = [];
    transport.onData((chunk) => chunks.push([...chunk]));
    const report = [0x02, 0x03, 0x31, 0x32, 0x33, 0x00];
    device.sendReport(report);
    expect(chunks).toEqual([report]);
    await transport.close();
  });

  it('sends a write as one output report', async () => {
    const { transport, device } = await openScanner();
    await transport.write(Uint8Array.of(0xfd, 0x03, 0x16, 0x54, 0x0d));
    expect(device.written).toEqual([[0xfd, 0x03, 0x16, 0x54, 0x0d]]);
    await transport.close();
  });

  it('rejects a failed write with io-error', async () => {
    const { transport, device } = await openScanner();
    device.failWrites = new Error('hid_write failed');
    await expect(transport.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'io-error' });
    await transport.close();
  });

  describe('open errors', () => {
    it('is not-found when no device has the ids', async () => {
      const { hid } = fakeHid([]);
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, hid });
      await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'not-found' });
    });

    it('is not-found when the device lacks the requested usage page', async () => {
      const { hid } = fakeHid([KEYBOARD_COLLECTION]);
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, usagePage: HID_POS_USAGE_PAGE, hid });
      await expect(transport.open()).rejects.toMatchObject({ code: 'not-found' });
    });

    it.each([
      ['a hidraw permission failure', 'permission-denied', 'cannot open device with path /dev/hidraw1: Permission denied'],
      ['a device held by another process', 'busy', 'cannot open device with path /dev/hidraw1: Device or resource busy'],
      ['an unexplained failure', 'io-error', 'cannot open device with path /dev/hidraw1'],
    ])('maps %s to %s', async (_label, code, message) => {
      const { hid } = fakeHid([HID_POS_COLLECTION], new Error(message));
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, hid });
      await expect(transport.open()).rejects.toMatchObject({ code });
      expect(transport.isOpen).toBe(false);
    });

    it('points at udev when permission is denied', async () => {
      const { hid } = fakeHid([HID_POS_COLLECTION], new Error('Permission denied'));
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, hid });
      await expect(transport.open()).rejects.toThrow(/udev/);
    });
  });

  describe('closing', () => {
    it('reports closed-by-us once, closes the device and removes its listeners', async () => {
      const { transport, device } = await openScanner();
      const reasons = collectCloses(transport);
      await Promise.all([transport.close(), transport.close()]);
      await transport.close();
      expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
      expect(device.closed).toBe(true);
      expect(device.listenersAttached()).toBe(0);
    });

    it('never rejects, even when the device fails to close', async () => {
      const { transport, device } = await openScanner();
      device.failClose = new Error('already gone');
      await expect(transport.close()).resolves.toBeUndefined();
      expect(transport.isOpen).toBe(false);
    });

    it('rejects writes with not-open before open and after close', async () => {
      const { hid } = fakeHid([HID_POS_COLLECTION]);
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, hid });
      await expect(transport.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'not-open' });
      await transport.open();
      await transport.close();
      await expect(transport.write(Uint8Array.of(0))).rejects.toMatchObject({ code: 'not-open' });
    });
  });

  describe('unplug', () => {
    it('turns a read error into one disconnected close and releases the device', async () => {
      const { transport, device } = await openScanner();
      const reasons = collectCloses(transport);
      device.unplug();
      expect(transport.isOpen).toBe(false);
      await vi.waitFor(() => expect(reasons).toEqual([{ kind: 'disconnected', message: 'could not read from device' }]));
      expect(device.closed).toBe(true);
      expect(device.listenersAttached()).toBe(0);
      await transport.close();
      expect(reasons).toHaveLength(1);
    });

    it('opens again after replug and reads from the new device only', async () => {
      const { hid, opened } = fakeHid([HID_POS_COLLECTION]);
      const transport = new HidTransport({ vendorId: HONEYWELL, productId: VOYAGER_1400G, hid });
      const chunks: number[][] = [];
      transport.onData((chunk) => chunks.push([...chunk]));
      await transport.open();
      opened[0]?.unplug();
      await transport.open();
      opened[0]?.sendReport([0xee]); // a stale handle must not leak into the new session
      opened[1]?.sendReport([0x02, 0x01, 0x39]);
      expect(chunks).toEqual([[0x02, 0x01, 0x39]]);
      await transport.close();
    });
  });
});
