/**
 * The part of the `usb` package (3.x: the WebUSB-style API over nusb) the USB bulk
 * transport uses, so tests inject a fake and only the device host loads native code.
 */
export interface UsbHost {
  findDeviceByIds(vendorId: number, productId: number): Promise<UsbBulkDevice | undefined>;
  addEventListener(type: 'disconnect', listener: (event: UsbConnectionEvent) => void): void;
  removeEventListener(type: 'disconnect', listener: (event: UsbConnectionEvent) => void): void;
}

export interface UsbConnectionEvent {
  readonly device: UsbDeviceAddress;
}

/** Where a device sits on the bus: how a 'disconnect' event is matched to the device we opened. */
export interface UsbDeviceAddress {
  readonly bus: string;
  readonly address: number;
}

export interface UsbBulkDevice extends UsbDeviceAddress {
  readonly configuration: UsbConfigurationInfo | null | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  /** Linux only: unbinds a kernel driver that holds the interface. */
  detachKernelDriver(interfaceNumber: number): Promise<void>;
  attachKernelDriver(interfaceNumber: number): Promise<void>;
  /** `usb` 3 adds the timeout (ms, default 1000); the transfer fails once it passes. */
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<UsbInTransfer>;
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<UsbOutTransfer>;
}

export interface UsbInTransfer {
  data?: DataView;
  status: 'ok' | 'stall' | 'babble';
}

export interface UsbOutTransfer {
  bytesWritten: number;
  status: 'ok' | 'stall';
}

export interface UsbConfigurationInfo {
  interfaces: UsbInterfaceInfo[];
}

export interface UsbInterfaceInfo {
  interfaceNumber: number;
  alternate: {
    interfaceClass: number;
    endpoints: UsbEndpointInfo[];
  };
}

export interface UsbEndpointInfo {
  /** Without the direction bit: pipe 0x81 is IN endpoint 1. */
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export async function loadUsbPackage(): Promise<UsbHost> {
  const { usb } = await import('usb');
  // usb's device type is declared against the DOM WebUSB typings (@types/w3c-web-usb),
  // which this project does not load; at run time it has every member UsbHost names.
  return usb as unknown as UsbHost;
}
