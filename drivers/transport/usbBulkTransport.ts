import type { ByteTransport, TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import { classifyOpenFailure, describeError } from './openFailure.js';
import { TransportListeners } from './transportListeners.js';
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
export class UsbBulkTransport implements ByteTransport {
  readonly description: string;
  private current: OpenDevice | null = null;
  private opening: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private writeQueue: Promise<void> = Promise.resolve();
  private usb: UsbHost | null = null;
  private readonly listeners = new TransportListeners();
  private readonly onUsbDisconnect = (event: UsbConnectionEvent): void => {
    const open = this.current;
    if (open && event.device.bus === open.device.bus && event.device.address === open.device.address) {
      this.lose(open, { kind: 'disconnected', message: 'device detached' });
    }
  };

  constructor(private readonly options: UsbBulkTransportOptions) {
    this.description = `usb ${hex4(options.vendorId)}:${hex4(options.productId)}`;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  open(): Promise<void> {
    if (this.current) return Promise.resolve();
    this.opening ??= this.openDevice().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const open = this.current;
    if (!open) throw this.notOpenError();
    const data = Uint8Array.from(bytes);
    const written = this.writeQueue.then(async () => {
      if (this.current !== open) throw this.notOpenError();
      const result = await open.device.transferOut(open.outEndpoint, data, this.options.writeTimeoutMs ?? 1000);
      if (result.status !== 'ok' || result.bytesWritten !== data.length) {
        throw new Error(`${result.status}, ${result.bytesWritten} of ${data.length} bytes written`);
      }
    });
    this.writeQueue = written.catch(() => undefined);
    try {
      await written;
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (DEVICE_GONE.test(describeError(error))) this.lose(open, { kind: 'disconnected', message: describeError(error) });
      throw new TransportError('io-error', `${this.description}: write failed: ${describeError(error)}`);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.closeDevice().finally(() => {
      this.closing = null;
    });
    return this.closing;
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: TransportCloseReason) => void): () => void {
    return this.listeners.onClose(listener);
  }

  private async openDevice(): Promise<void> {
    if (this.closing) await this.closing;
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
      const open: OpenDevice = { device, ...claimed, polling: Promise.resolve() };
      this.current = open;
      this.writeQueue = Promise.resolve();
      this.usb = usb;
      usb.addEventListener('disconnect', this.onUsbDisconnect);
      open.polling = this.pollUntilClosed(open);
    } catch (error) {
      await device.close().catch(() => undefined);
      throw error instanceof TransportError ? error : this.openError(error);
    }
  }

  private async claimBulkInterface(device: UsbBulkDevice): Promise<Omit<OpenDevice, 'device' | 'polling'>> {
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
          this.listeners.emitData(new Uint8Array(buffer.slice(byteOffset, byteOffset + byteLength)));
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

  private async closeDevice(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    const open = this.current;
    if (!open) return;
    this.stopWatching();
    // Let the poll in flight end (within pollTimeoutMs) before releasing the interface under it.
    await open.polling;
    await release(open);
    this.listeners.emitClose({ kind: 'closed-by-us' });
  }

  private lose(open: OpenDevice, reason: TransportCloseReason): void {
    if (this.current !== open) return;
    this.stopWatching();
    void release(open).then(() => this.listeners.emitClose(reason));
  }

  private stopWatching(): void {
    this.current = null;
    this.usb?.removeEventListener('disconnect', this.onUsbDisconnect);
    this.usb = null;
  }

  private openError(error: unknown): TransportError {
    const code = classifyOpenFailure(error);
    const cause = describeError(error);
    if (code === 'permission-denied') {
      return new TransportError(
        code,
        `${this.description}: no permission: on Linux add a udev rule for the device; on Windows bind WinUSB to it (${cause})`,
      );
    }
    return new TransportError(code, `${this.description}: cannot open (${cause})`);
  }

  private notOpenError(): TransportError {
    return new TransportError('not-open', `${this.description}: not open`);
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
