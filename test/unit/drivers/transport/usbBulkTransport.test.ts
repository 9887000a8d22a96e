import { describe, expect, it, vi } from 'vitest';
import type { TransportCloseReason } from '../../../../drivers/transport/byteTransport.js';
import { UsbBulkTransport } from '../../../../drivers/transport/usbBulkTransport.js';
import type {
  UsbBulkDevice,
  UsbConfigurationInfo,
  UsbConnectionEvent,
  UsbHost,
  UsbInTransfer,
  UsbOutTransfer,
} from '../../../../drivers/transport/usbHost.js';

const SAM_VENDOR = 0x0400;
const SAM_PRODUCT = 0xc35a;

/** A SAM_V reader as the usb package shows it: a HID-ish interface 0, and the vendor bulk pair on interface 1. */
function samReaderConfiguration(): UsbConfigurationInfo {
  return {
    interfaces: [
      {
        interfaceNumber: 0,
        alternate: { interfaceClass: 0x03, endpoints: [{ endpointNumber: 3, direction: 'in', type: 'interrupt', packetSize: 8 }] },
      },
      {
        interfaceNumber: 1,
        alternate: {
          interfaceClass: 0xff,
          endpoints: [
            { endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: 64 },
            { endpointNumber: 2, direction: 'out', type: 'bulk', packetSize: 64 },
          ],
        },
      },
    ],
  };
}

/** Plays a usb 3 device: IN polls wait for queued bytes, or fail as "cancelled" when their timeout passes. */
class FakeUsbDevice implements UsbBulkDevice {
  readonly bus = '1';
  readonly address = 7;
  configuration: UsbConfigurationInfo | null = null;
  opened = false;
  claimed = new Set<number>();
  kernelDriverBound = false;
  readonly calls: string[] = [];
  readonly written: { endpoint: number; bytes: number[] }[] = [];
  readonly polledEndpoints = new Set<number>();
  openFailure: Error | null = null;
  private readonly queued: Uint8Array[] = [];
  private pendingIn: { deliver: (data: Uint8Array) => void; fail: (error: Error) => void } | null = null;

  async open(): Promise<void> {
    if (this.openFailure) throw this.openFailure;
    this.opened = true;
  }

  async close(): Promise<void> {
    this.calls.push('close');
    this.opened = false;
  }

  async selectConfiguration(): Promise<void> {
    this.configuration = samReaderConfiguration();
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    if (this.kernelDriverBound) throw new Error('claimInterface error: interface is busy');
    this.calls.push(`claim ${interfaceNumber}`);
    this.claimed.add(interfaceNumber);
  }

  async releaseInterface(interfaceNumber: number): Promise<void> {
    this.calls.push(`release ${interfaceNumber}`);
    this.claimed.delete(interfaceNumber);
  }

  async detachKernelDriver(interfaceNumber: number): Promise<void> {
    this.calls.push(`detach ${interfaceNumber}`);
    this.kernelDriverBound = false;
  }

  async attachKernelDriver(interfaceNumber: number): Promise<void> {
    this.calls.push(`attach ${interfaceNumber}`);
    this.kernelDriverBound = true;
  }

  transferIn(endpointNumber: number, _length: number, timeout = 1000): Promise<UsbInTransfer> {
    this.polledEndpoints.add(endpointNumber);
    const next = this.queued.shift();
    if (next) return Promise.resolve(inResult(next));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingIn = null;
        reject(new Error('transferIn error: transfer was cancelled'));
      }, timeout);
      this.pendingIn = {
        deliver: (data) => {
          clearTimeout(timer);
          resolve(inResult(data));
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  async transferOut(endpointNumber: number, data: Uint8Array): Promise<UsbOutTransfer> {
    this.written.push({ endpoint: endpointNumber, bytes: [...data] });
    return { bytesWritten: data.length, status: 'ok' };
  }

  /** The reader sends bytes on its bulk IN pipe. */
  send(bytes: number[]): void {
    const data = Uint8Array.from(bytes);
    const pending = this.pendingIn;
    this.pendingIn = null;
    if (pending) pending.deliver(data);
    else this.queued.push(data);
  }

  /** The cable is pulled: the poll in flight fails the way nusb reports it. */
  yank(): void {
    const pending = this.pendingIn;
    this.pendingIn = null;
    pending?.fail(new Error('transferIn error: device disconnected'));
  }
}

function inResult(data: Uint8Array): UsbInTransfer {
  const copy = Uint8Array.from(data);
  return { status: 'ok', data: new DataView(copy.buffer) };
}

class FakeUsbHost implements UsbHost {
  readonly devices: FakeUsbDevice[] = [];
  private readonly disconnectListeners = new Set<(event: UsbConnectionEvent) => void>();

  async findDeviceByIds(vendorId: number, productId: number): Promise<UsbBulkDevice | undefined> {
    return vendorId === SAM_VENDOR && productId === SAM_PRODUCT ? this.devices[0] : undefined;
  }

  addEventListener(_type: 'disconnect', listener: (event: UsbConnectionEvent) => void): void {
    this.disconnectListeners.add(listener);
  }

  removeEventListener(_type: 'disconnect', listener: (event: UsbConnectionEvent) => void): void {
    this.disconnectListeners.delete(listener);
  }

  /** A device leaves the bus: the usb package's 'disconnect' event, with a fresh object for the same device. */
  detach(device: FakeUsbDevice): void {
    this.devices.splice(this.devices.indexOf(device), 1);
    for (const listener of [...this.disconnectListeners]) listener({ device: { bus: device.bus, address: device.address } });
  }

  listenerCount(): number {
    return this.disconnectListeners.size;
  }
}

async function openReader(): Promise<{ transport: UsbBulkTransport; device: FakeUsbDevice; usb: FakeUsbHost }> {
  const usb = new FakeUsbHost();
  const device = new FakeUsbDevice();
  usb.devices.push(device);
  const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, pollTimeoutMs: 5, usb });
  await transport.open();
  return { transport, device, usb };
}

function collectCloses(transport: UsbBulkTransport): TransportCloseReason[] {
  const reasons: TransportCloseReason[] = [];
  transport.onClose((reason) => reasons.push(reason));
  return reasons;
}

describe('UsbBulkTransport', () => {
  it('configures the device, claims the vendor-class interface and polls its bulk IN endpoint', async () => {
    const { transport, device } = await openReader();
    expect(transport.description).toBe('usb 0400:c35a');
    expect(device.opened).toBe(true);
    expect([...device.claimed]).toEqual([1]);
    await vi.waitFor(() => expect([...device.polledEndpoints]).toEqual([1]));
    await transport.close();
  });

  it('delivers each IN transfer as a chunk and keeps polling through idle timeouts', async () => {
    const { transport, device } = await openReader();
    const chunks: number[][] = [];
    transport.onData((chunk) => chunks.push([...chunk]));
    await new Promise((resolve) => setTimeout(resolve, 30)); // several idle polls time out
    device.send([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
    device.send([0x00, 0x04, 0x00, 0x00, 0x90, 0x94]);
    await vi.waitFor(() => expect(chunks).toEqual([[0xaa, 0xaa, 0xaa, 0x96, 0x69], [0x00, 0x04, 0x00, 0x00, 0x90, 0x94]]));
    expect(transport.isOpen).toBe(true);
    await transport.close();
  });

  it('writes to the bulk OUT endpoint, in call order', async () => {
    const { transport, device } = await openReader();
    await Promise.all([transport.write(Uint8Array.of(0xaa, 0xaa)), transport.write(Uint8Array.of(0x96, 0x69))]);
    expect(device.written).toEqual([
      { endpoint: 2, bytes: [0xaa, 0xaa] },
      { endpoint: 2, bytes: [0x96, 0x69] },
    ]);
    await transport.close();
  });

  it('rejects a short or stalled write with io-error', async () => {
    const { transport, device } = await openReader();
    vi.spyOn(device, 'transferOut').mockResolvedValue({ bytesWritten: 0, status: 'stall' });
    await expect(transport.write(Uint8Array.of(1, 2))).rejects.toMatchObject({ code: 'io-error' });
    await transport.close();
  });

  describe('open errors', () => {
    it('is not-found when no device has the ids', async () => {
      const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, usb: new FakeUsbHost() });
      await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'not-found' });
    });

    it.each([
      ['permission-denied', 'failed to open device: permission denied'],
      ['busy', 'failed to open device: resource busy'],
      ['io-error', 'failed to open device'],
    ])('maps the open failure to %s', async (code, message) => {
      const usb = new FakeUsbHost();
      const device = new FakeUsbDevice();
      device.openFailure = new Error(message);
      usb.devices.push(device);
      const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, usb });
      await expect(transport.open()).rejects.toMatchObject({ code });
      expect(transport.isOpen).toBe(false);
      expect(usb.listenerCount()).toBe(0);
    });

    it('fails with io-error and closes the device when no interface has a bulk pair', async () => {
      const usb = new FakeUsbHost();
      const device = new FakeUsbDevice();
      vi.spyOn(device, 'selectConfiguration').mockImplementation(async () => {
        device.configuration = { interfaces: [samReaderConfiguration().interfaces[0]!] };
      });
      usb.devices.push(device);
      const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, usb });
      await expect(transport.open()).rejects.toMatchObject({ code: 'io-error', message: /bulk/ });
      expect(device.opened).toBe(false);
    });
  });

  it.runIf(process.platform === 'linux')('unbinds a kernel driver holding the interface, and rebinds it on close', async () => {
    const usb = new FakeUsbHost();
    const device = new FakeUsbDevice();
    device.kernelDriverBound = true;
    usb.devices.push(device);
    const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, pollTimeoutMs: 5, usb });
    await transport.open();
    await transport.close();
    expect(device.calls).toEqual(['detach 1', 'claim 1', 'release 1', 'attach 1', 'close']);
  });

  describe('closing', () => {
    it('releases the interface, closes the device, reports closed-by-us once and stops listening for detach', async () => {
      const { transport, device, usb } = await openReader();
      const reasons = collectCloses(transport);
      await Promise.all([transport.close(), transport.close()]);
      await transport.close();
      expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
      expect(device.calls).toEqual(['claim 1', 'release 1', 'close']);
      expect(usb.listenerCount()).toBe(0);
    });

    it('never rejects, even when releasing fails', async () => {
      const { transport, device } = await openReader();
      vi.spyOn(device, 'releaseInterface').mockRejectedValue(new Error('releaseInterface error: invalid state'));
      await expect(transport.close()).resolves.toBeUndefined();
      expect(device.opened).toBe(false);
    });

    it('rejects writes with not-open before open and after close', async () => {
      const usb = new FakeUsbHost();
      usb.devices.push(new FakeUsbDevice());
      const transport = new UsbBulkTransport({ vendorId: SAM_VENDOR, productId: SAM_PRODUCT, pollTimeoutMs: 5, usb });
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
      await transport.open();
      await transport.close();
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
    });
  });

  describe('detach and attach', () => {
    it('reports disconnected once when the usb package reports the device detached', async () => {
      const { transport, device, usb } = await openReader();
      const reasons = collectCloses(transport);
      usb.detach(device);
      expect(transport.isOpen).toBe(false);
      await vi.waitFor(() => expect(reasons).toEqual([{ kind: 'disconnected', message: 'device detached' }]));
      expect(usb.listenerCount()).toBe(0);
      device.yank();
      await transport.close();
      expect(reasons).toHaveLength(1);
    });

    it('reports disconnected when a poll fails because the device is gone', async () => {
      const { transport, device } = await openReader();
      const reasons = collectCloses(transport);
      await vi.waitFor(() => expect(device.polledEndpoints.size).toBe(1));
      device.yank();
      await vi.waitFor(() => expect(reasons).toEqual([{ kind: 'disconnected', message: 'transferIn error: device disconnected' }]));
    });

    it('reports error when a poll fails for another reason', async () => {
      const { transport, device } = await openReader();
      const reasons = collectCloses(transport);
      vi.spyOn(device, 'transferIn').mockRejectedValue(new Error('transferIn error: hardware fault or protocol violation'));
      await vi.waitFor(() => expect(reasons).toEqual([expect.objectContaining({ kind: 'error' })]));
      expect(transport.isOpen).toBe(false);
    });

    it('opens the reattached device and reads from it', async () => {
      const { transport, device, usb } = await openReader();
      usb.detach(device);
      await expect(transport.open()).rejects.toMatchObject({ code: 'not-found' });
      const replugged = new FakeUsbDevice();
      usb.devices.push(replugged);
      await transport.open();
      const chunks: number[][] = [];
      transport.onData((chunk) => chunks.push([...chunk]));
      replugged.send([0x90]);
      await vi.waitFor(() => expect(chunks).toEqual([[0x90]]));
      await transport.close();
    });
  });
});
