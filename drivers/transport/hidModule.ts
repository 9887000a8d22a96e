/**
 * The part of `node-hid` (3.x, its promise-based HIDAsync API) the HID transport uses,
 * so tests can inject a fake and only the device host loads the native module.
 */
export interface HidModule {
  devicesAsync(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidDeviceHandle> };
}

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** hidraw node (Linux), IOService path (macOS) or device interface path (Windows). */
  path?: string;
  /** 0x8C for a HID-POS bar code scanner collection, 0x01 for a keyboard. */
  usagePage?: number;
  interface: number;
}

/** An open HID device: emits each input report as a 'data' Buffer, and 'error' when reading fails (unplug). */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  off(event: 'data', listener: (report: Buffer) => void): unknown;
  off(event: 'error', listener: (error: unknown) => void): unknown;
  /** Sends one output report; the first byte is the report id (0 when the device numbers none). */
  write(report: Buffer): Promise<number>;
  close(): Promise<void>;
}

export async function loadNodeHid(): Promise<HidModule> {
  const hid = await import('node-hid');
  return { devicesAsync: hid.devicesAsync, HIDAsync: hid.HIDAsync };
}
