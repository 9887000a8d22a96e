import type { ByteTransport, TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import type { HidDeviceHandle, HidDeviceInfo, HidModule } from './hidModule.js';
import { loadNodeHid } from './hidModule.js';
import { classifyOpenFailure, describeError } from './openFailure.js';
import { TransportListeners } from './transportListeners.js';

export interface HidTransportOptions {
  vendorId: number;
  productId: number;
  /** Pins one interface when several devices (or collections) share the ids. */
  path?: string;
  /** Picks the collection by usage page, e.g. 0x8C for HID-POS rather than the scanner's keyboard. */
  usagePage?: number;
  /** Defaults to `node-hid`, loaded on first open; tests inject a fake. */
  hid?: HidModule;
}

/**
 * A USB-HID device (HID-POS payment-code scanners, vendor HID card readers). Each chunk
 * delivered is one raw input report exactly as the OS gave it: with a leading report id
 * on numbered reports (HID-POS uses 0x02), then the vendor's length byte and payload.
 * Taking those apart, and joining continued reports, is the scanner codec's job, since
 * Honeywell and Newland lay reports out differently. A write sends the bytes as one
 * output report, report id first.
 */
export class HidTransport implements ByteTransport {
  readonly description: string;
  private device: HidDeviceHandle | null = null;
  private detachDevice: () => void = () => undefined;
  private opening: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private writeQueue: Promise<void> = Promise.resolve();
  private readonly listeners = new TransportListeners();

  constructor(private readonly options: HidTransportOptions) {
    const ids = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    const usage = options.usagePage === undefined ? '' : ` usage page 0x${options.usagePage.toString(16)}`;
    this.description = `hid ${ids}${usage}${options.path ? ` ${options.path}` : ''}`;
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  open(): Promise<void> {
    if (this.device) return Promise.resolve();
    this.opening ??= this.openDevice().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw this.notOpenError();
    const report = Buffer.from(bytes);
    const written = this.writeQueue.then(async () => {
      if (this.device !== device) throw this.notOpenError();
      await device.write(report);
    });
    this.writeQueue = written.catch(() => undefined);
    try {
      await written;
    } catch (error) {
      if (error instanceof TransportError) throw error;
      // An unplug also shows up as a read 'error', which reports the close.
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
    const hid = this.options.hid ?? (await loadNodeHid());
    const path = await this.findDevicePath(hid);
    let device: HidDeviceHandle;
    try {
      device = await hid.HIDAsync.open(path);
    } catch (error) {
      throw this.openError(error);
    }
    const onReport = (report: Buffer): void => {
      if (this.device === device) this.listeners.emitData(new Uint8Array(report));
    };
    // node-hid's read loop reports an unplugged device as an 'error' and stops reading.
    const onReadError = (error: unknown): void => {
      this.lose(device, { kind: 'disconnected', message: describeError(error) });
    };
    device.on('data', onReport);
    device.on('error', onReadError);
    this.detachDevice = () => {
      device.off('data', onReport);
      device.off('error', onReadError);
    };
    this.device = device;
    this.writeQueue = Promise.resolve();
  }

  private async findDevicePath(hid: HidModule): Promise<string> {
    const { vendorId, productId, path, usagePage } = this.options;
    let candidates: HidDeviceInfo[];
    try {
      candidates = await hid.devicesAsync(vendorId, productId);
    } catch (error) {
      throw new TransportError('io-error', `${this.description}: cannot list HID devices: ${describeError(error)}`);
    }
    const match = candidates.find(
      (info) =>
        info.path !== undefined &&
        (path === undefined || info.path === path) &&
        (usagePage === undefined || info.usagePage === usagePage),
    );
    if (!match?.path) throw new TransportError('not-found', `${this.description}: no such HID device attached`);
    return match.path;
  }

  private async closeDevice(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    const device = this.device;
    if (!device) return;
    this.release();
    await closeQuietly(device);
    this.listeners.emitClose({ kind: 'closed-by-us' });
  }

  private lose(device: HidDeviceHandle, reason: TransportCloseReason): void {
    if (this.device !== device) return;
    this.release();
    void closeQuietly(device).then(() => this.listeners.emitClose(reason));
  }

  private release(): void {
    this.detachDevice();
    this.detachDevice = () => undefined;
    this.device = null;
  }

  private openError(error: unknown): TransportError {
    const code = classifyOpenFailure(error);
    const cause = describeError(error);
    if (code === 'permission-denied') {
      return new TransportError(
        code,
        `${this.description}: no permission: on Linux add a udev rule giving the kiosk user the hidraw node (${cause})`,
      );
    }
    return new TransportError(code, `${this.description}: cannot open (${cause})`);
  }

  private notOpenError(): TransportError {
    return new TransportError('not-open', `${this.description}: not open`);
  }
}

async function closeQuietly(device: HidDeviceHandle): Promise<void> {
  // Closing an unplugged device can fail; there is nothing left to release then.
  await device.close().catch(() => undefined);
}

function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}
