/**
 * The part of node-serialport's binding interface (`@serialport/bindings-interface`) the
 * serial transport uses. The native bindings (`@serialport/bindings-cpp`, what
 * `SerialPort.binding` is) and `@serialport/binding-mock` both fit it, so tests inject the
 * mock and production gets the native one.
 */
export interface SerialBinding {
  open(options: SerialOpenOptions): Promise<SerialBindingPort>;
}

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits: 8;
  parity: 'none';
  stopBits: 1;
  /** Exclusive access (flock on Unix), so a second process fails with "busy" instead of stealing bytes. */
  lock: boolean;
}

export interface SerialBindingPort {
  readonly isOpen: boolean;
  /** Resolves with at least one byte; rejects when the port closes or the device goes away. */
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number }>;
  /** One write at a time: the bindings do not queue. */
  write(buffer: Buffer): Promise<void>;
  /** Waits until written bytes have left the UART (tcdrain). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The native binding, loaded on first use so that only the device host (and only when a
 * serial device is bound) loads native code.
 */
export async function loadNativeSerialBinding(): Promise<SerialBinding> {
  const { SerialPort } = await import('serialport');
  return SerialPort.binding;
}
