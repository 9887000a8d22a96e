import type { TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import { LinkTransport } from './linkTransport.js';
import { classifyOpenFailure, describeError, usbOpenError } from './openFailure.js';
import type { UsbBulkDevice, UsbConnectionEvent, UsbEndpointInfo, UsbHost, UsbInterfaceInfo } from './usbHost.js';
import { loadUsbPackage } from './usbHost.js';

export interface UsbBulkTransportOptions {
  /** 0x0400 for standard SAM_V ID-card readers. */
  vendorId: number;
  /** 0xC35A for standard SAM_V ID-card readers. */
  productId: number;
  /** How long one IN poll waits before it is retried; bounds how long close() waits. Default 200 ms. */
  pollTimeoutMs?: number;
  /** Default 1000 ms. */
  writeTimeoutMs?: number;
  /** Defaults to the `usb` package, loaded on first open; tests inject a fake. */
  usb?: UsbHost;
}

const VENDOR_SPECIFIC_CLASS = 0xff;
/** Bytes asked for per IN poll: a multiple of every bulk packet size, and room for the 2321-byte reply. */
const POLL_LENGTH = 4096;
/**
 * How the native module words a poll that ended only because its timeout passed (nusb
 * cancels the transfer), as opposed to the device going away. Taken from the strings in
 * usb 3.1's native module; confirm on a real reader.
 */
const IDLE_POLL = /cancel|timed out|timeout/i;
const DEVICE_GONE = /disconnect|no device|not found|no such device/i;

interface OpenDevice {
  device: UsbBulkDevice;
  /** Where the device was found; its 'disconnect' events tell us of an unplug. */
  usb: UsbHost;
  interfaceNumber: number;
  inEndpoint: number;
  outEndpoint: number;
  /** We unbound a kernel driver to claim the interface, and give it back on close. */
  detachedKernelDriver: boolean;
  polling: Promise<void>;
}

/**
 * A vendor-class USB device with a bulk pipe pair, driven with the `usb` package: the
 * standard SAM_V ID-card readers (0400:C35A) are not HID, so node-hid cannot reach them.
 * Uses the interface's first bulk IN and OUT endpoints and polls IN continuously; each
 * completed IN transfer is one data chunk. Readers that split the preamble and body over
 * two pipe pairs (0x02/0x06 out, 0x81/0x85 in) are not handled here.
 */
export class UsbBulkTransport extends LinkTransport<OpenDevice> {
  readonly description: string;
  private readonly onUsbDisconnect = (event: UsbConnectionEvent): void => {
    const open = this.current;
    if (open && event.device.bus === open.device.bus && event.device.address === open.device.address) {
      this.lose(open, { kind: 'disconnected', message: 'device detached' });
    }
  };

  constructor(private readonly options: UsbBulkTransportOptions) {
    super();
    this.description = `usb ${hex4(options.vendorId)}:${hex4(options.productId)}`;
  }

  protected async connect(): Promise<OpenDevice> {
    const usb = this.options.usb ?? (await loadUsbPackage());
    const device = await usb.findDeviceByIds(this.options.vendorId, this.options.productId).catch((error: unknown) => {
      throw this.openError(error);
    });
    if (!device) throw new TransportError('not-found', `${this.description}: no such USB device attached`);
    try {
      await device.open();
    } catch (error) {
      throw this.openError(error);
    }
    try {
      const claimed = await this.claimBulkInterface(device);
      return { device, usb, ...claimed, polling: Promise.resolve() };
    } catch (error) {
      await device.close().catch(() => undefined);
      throw error instanceof TransportError ? error : this.openError(error);
    }
  }

  protected linkStarted(open: OpenDevice): void {
    open.usb.addEventListener('disconnect', this.onUsbDisconnect);
    open.polling = this.pollUntilClosed(open);
  }

  protected linkReleased(open: OpenDevice): void {
    open.usb.removeEventListener('disconnect', this.onUsbDisconnect);
  }

  protected async send(open: OpenDevice, bytes: Uint8Array): Promise<void> {
    const result = await open.device.transferOut(open.outEndpoint, bytes, this.options.writeTimeoutMs ?? 1000);
    if (result.status !== 'ok' || result.bytesWritten !== bytes.length) {
      throw new Error(`${result.status}, ${result.bytesWritten} of ${bytes.length} bytes written`);
    }
  }

  protected async disconnect(open: OpenDevice, reason: TransportCloseReason): Promise<void> {
    // On close, let the poll in flight end (within pollTimeoutMs) before releasing the interface under it.
    if (reason.kind === 'closed-by-us') await open.polling;
    await release(open);
  }

  protected override writeFailure(open: OpenDevice, error: unknown): TransportError {
    if (DEVICE_GONE.test(describeError(error))) this.lose(open, { kind: 'disconnected', message: describeError(error) });
    return super.writeFailure(open, error);
  }

  private async claimBulkInterface(device: UsbBulkDevice): Promise<Omit<OpenDevice, 'device' | 'usb' | 'polling'>> {
    if (!device.configuration) await device.selectConfiguration(1);
    const candidates = (device.configuration?.interfaces ?? []).flatMap((iface) => {
      const inEndpoint = findBulk(iface, 'in');
      const outEndpoint = findBulk(iface, 'out');
      return inEndpoint && outEndpoint ? [{ iface, inEndpoint, outEndpoint }] : [];
    });
    const chosen =
      candidates.find(({ iface }) => iface.alternate.interfaceClass === VENDOR_SPECIFIC_CLASS) ?? candidates[0];
    if (!chosen) throw new TransportError('io-error', `${this.description}: no interface with bulk IN and OUT endpoints`);
    const interfaceNumber = chosen.iface.interfaceNumber;
    let detachedKernelDriver = false;
    try {
      await device.claimInterface(interfaceNumber);
    } catch (error) {
      // On Linux a kernel driver may hold the interface; unbind it and try once more.
      if (process.platform !== 'linux' || classifyOpenFailure(error) !== 'busy') throw error;
      await device.detachKernelDriver(interfaceNumber);
      detachedKernelDriver = true;
      await device.claimInterface(interfaceNumber);
    }
    return {
      interfaceNumber,
      inEndpoint: chosen.inEndpoint.endpointNumber,
      outEndpoint: chosen.outEndpoint.endpointNumber,
      detachedKernelDriver,
    };
  }

  private async pollUntilClosed(open: OpenDevice): Promise<void> {
    const timeout = this.options.pollTimeoutMs ?? 200;
    while (this.current === open) {
      try {
        const result = await open.device.transferIn(open.inEndpoint, POLL_LENGTH, timeout);
        if (this.current !== open) return;
        if (result.status === 'ok' && result.data && result.data.byteLength > 0) {
          const { buffer, byteOffset, byteLength } = result.data;
          this.emitData(new Uint8Array(buffer.slice(byteOffset, byteOffset + byteLength)));
        }
      } catch (error) {
        if (this.current !== open) return;
        const message = describeError(error);
        if (IDLE_POLL.test(message)) continue;
        this.lose(open, { kind: DEVICE_GONE.test(message) ? 'disconnected' : 'error', message });
        return;
      }
    }
  }

  private openError(error: unknown): TransportError {
    return usbOpenError(this.description, error, 'on Linux add a udev rule for the device; on Windows bind WinUSB to it');
  }
}

function findBulk(iface: UsbInterfaceInfo, direction: 'in' | 'out'): UsbEndpointInfo | undefined {
  return iface.alternate.endpoints.find((endpoint) => endpoint.type === 'bulk' && endpoint.direction === direction);
}

/** Each step may fail on a device that is already gone; the rest must still run. */
async function release(open: OpenDevice): Promise<void> {
  const { device, interfaceNumber } = open;
  await device.releaseInterface(interfaceNumber).catch(() => undefined);
  if (open.detachedKernelDriver) await device.attachKernelDriver(interfaceNumber).catch(() => undefined);
  await device.close().catch(() => undefined);
}

function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}
