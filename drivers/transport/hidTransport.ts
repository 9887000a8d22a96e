import { TransportError } from './byteTransport.js';
import type { HidDeviceHandle, HidDeviceInfo, HidModule } from './hidModule.js';
import { loadNodeHid } from './hidModule.js';
import { describeError, usbOpenError } from './openFailure.js';
import { LinkTransport } from './linkTransport.js';

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
export class HidTransport extends LinkTransport<HidDeviceHandle> {
  readonly description: string;
  private detachDevice: () => void = () => undefined;

  constructor(private readonly options: HidTransportOptions) {
    super();
    const ids = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    const usage = options.usagePage === undefined ? '' : ` usage page 0x${options.usagePage.toString(16)}`;
    this.description = `hid ${ids}${usage}${options.path ? ` ${options.path}` : ''}`;
  }

  protected async connect(): Promise<HidDeviceHandle> {
    const hid = this.options.hid ?? (await loadNodeHid());
    const path = await this.findDevicePath(hid);
    try {
      return await hid.HIDAsync.open(path);
    } catch (error) {
      throw this.openError(error);
    }
  }

  protected linkStarted(device: HidDeviceHandle): void {
    const onReport = (report: Buffer): void => {
      if (this.current === device) this.emitData(new Uint8Array(report));
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
  }

  protected linkReleased(): void {
    this.detachDevice();
    this.detachDevice = () => undefined;
  }

  protected async send(device: HidDeviceHandle, bytes: Uint8Array): Promise<void> {
    // A failed write only fails the writer: an unplug also shows up as a read 'error', which reports the close.
    await device.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  protected async disconnect(device: HidDeviceHandle): Promise<void> {
    // Closing an unplugged device can fail; there is nothing left to release then.
    await device.close();
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

  private openError(error: unknown): TransportError {
    return usbOpenError(this.description, error, 'on Linux add a udev rule giving the kiosk user the hidraw node');
  }
}

function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}
