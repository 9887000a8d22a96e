import { TransportError } from './byteTransport.js';
import { LinkTransport } from './linkTransport.js';
import { classifyOpenFailure, describeError } from './openFailure.js';
import type { SerialBinding, SerialBindingPort } from './serialBinding.js';
import { loadNativeSerialBinding } from './serialBinding.js';
import { existsSync } from 'node:fs';

export interface SerialTransportOptions {
  /** "/dev/ttyUSB0", "/dev/ttyACM0", "COM3". */
  path: string;
  /** 115200 for SAM_V ID readers by default; scanners and ECR terminals are often 9600. */
  baudRate: number;
  /** Defaults to the native binding; tests pass `MockBinding` from @serialport/binding-mock. */
  binding?: SerialBinding;
  /**
   * How the transport notices a device node that vanished (USB serial adapter pulled, pty
   * closed) while nothing is written: on an end-of-file from a pty some native bindings retry
   * the read forever instead of failing it. Default on POSIX paths: check every 2 s that the
   * path still exists. null turns the probe off.
   */
  presence?: { intervalMs: number; exists(path: string): boolean } | null;
}

/** Bytes asked for per read; a read returns whatever has arrived, up to this. */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * A serial port (RS-232 or USB-CDC) at 8N1 without flow control, driven directly through
 * a node-serialport binding. The binding is used without SerialPortStream so that close
 * reasons stay exact: a read that fails while we still own the port means the device went
 * away (the bindings' contract), and Node stream auto-destroy never closes the port for us.
 */
export class SerialTransport extends LinkTransport<SerialBindingPort> {
  readonly description: string;
  private presenceTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialTransportOptions) {
    super();
    this.description = `serial ${options.path} @${options.baudRate}`;
  }

  protected async connect(): Promise<SerialBindingPort> {
    const binding = this.options.binding ?? (await loadNativeSerialBinding());
    const { path, baudRate } = this.options;
    try {
      return await binding.open({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, lock: true });
    } catch (error) {
      throw serialOpenError(path, error);
    }
  }

  protected linkStarted(port: SerialBindingPort): void {
    void this.readUntilClosed(port);
    this.watchPresence(port);
  }

  protected linkReleased(): void {
    this.stopPresence();
  }

  protected async send(port: SerialBindingPort, bytes: Uint8Array): Promise<void> {
    await port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    await port.drain();
  }

  protected async disconnect(port: SerialBindingPort): Promise<void> {
    // Closing a port whose device has gone can fail; the fd is released either way.
    if (port.isOpen) await port.close();
  }

  protected override writeFailure(port: SerialBindingPort, error: unknown): TransportError {
    if (this.current !== port) return new TransportError('not-open', `${this.description}: closed during write`);
    // The bindings' contract: a failed write that was not a cancel means the link is gone.
    this.lose(port, { kind: 'disconnected', message: describeError(error) });
    return super.writeFailure(port, error);
  }

  private watchPresence(port: SerialBindingPort): void {
    const presence = this.options.presence === undefined ? defaultPresence(this.options.path) : this.options.presence;
    if (!presence) return;
    this.presenceTimer = setInterval(() => {
      if (this.current !== port) return this.stopPresence();
      if (!presence.exists(this.options.path)) this.lose(port, { kind: 'disconnected', message: `${this.options.path} disappeared` });
    }, presence.intervalMs);
    this.presenceTimer.unref?.();
  }

  private stopPresence(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
  }

  private async readUntilClosed(port: SerialBindingPort): Promise<void> {
    const buffer = Buffer.alloc(READ_BUFFER_BYTES);
    while (this.current === port) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await port.read(buffer, 0, buffer.length));
      } catch (error) {
        // When we close, the binding cancels the read and we no longer own the port.
        this.lose(port, { kind: 'disconnected', message: describeError(error) });
        return;
      }
      if (this.current !== port) return;
      if (bytesRead === 0) {
        this.lose(port, { kind: 'disconnected', message: 'end of file' });
        return;
      }
      // A copy, because the next read reuses the buffer.
      this.emitData(new Uint8Array(buffer.subarray(0, bytesRead)));
    }
  }
}

function defaultPresence(path: string): { intervalMs: number; exists(path: string): boolean } | null {
  // COM ports on Windows are not files; there the bindings report removal themselves.
  return path.startsWith('/') ? { intervalMs: 2_000, exists: existsSync } : null;
}

function serialOpenError(path: string, error: unknown): TransportError {
  const code = classifyOpenFailure(error);
  const cause = describeError(error);
  switch (code) {
    case 'not-found':
      return new TransportError(code, `serial port ${path} not found (${cause})`);
    case 'permission-denied':
      return new TransportError(
        code,
        `no permission to open ${path}: on Linux add the kiosk user to the 'dialout' group and log in again; ` +
          `on Windows another program may hold the port (${cause})`,
      );
    case 'busy':
      return new TransportError(code, `serial port ${path} is in use by another program (${cause})`);
    default:
      return new TransportError(code, `cannot open serial port ${path}: ${cause}`);
  }
}
