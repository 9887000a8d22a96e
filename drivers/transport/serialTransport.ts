import type { ByteTransport, TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import { classifyOpenFailure, describeError } from './openFailure.js';
import type { SerialBinding, SerialBindingPort } from './serialBinding.js';
import { loadNativeSerialBinding } from './serialBinding.js';
import { existsSync } from 'node:fs';
import { TransportListeners } from './transportListeners.js';

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
export class SerialTransport implements ByteTransport {
  readonly description: string;
  private port: SerialBindingPort | null = null;
  private opening: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  /** Bindings accept one write at a time; writes queue here in call order. */
  private writeQueue: Promise<void> = Promise.resolve();
  private readonly listeners = new TransportListeners();
  private presenceTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialTransportOptions) {
    this.description = `serial ${options.path} @${options.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  open(): Promise<void> {
    if (this.port) return Promise.resolve();
    this.opening ??= this.openPort().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw this.notOpenError();
    const data = Buffer.from(bytes); // a copy: the caller may reuse its buffer
    const written = this.writeQueue.then(async () => {
      if (this.port !== port) throw this.notOpenError();
      await port.write(data);
      await port.drain();
    });
    this.writeQueue = written.catch(() => undefined);
    try {
      await written;
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (this.port !== port) throw new TransportError('not-open', `${this.description}: closed during write`);
      // The bindings' contract: a failed write that was not a cancel means the link is gone.
      this.lose(port, { kind: 'disconnected', message: describeError(error) });
      throw new TransportError('io-error', `${this.description}: write failed: ${describeError(error)}`);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.closePort().finally(() => {
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

  private async openPort(): Promise<void> {
    if (this.closing) await this.closing;
    const binding = this.options.binding ?? (await loadNativeSerialBinding());
    const { path, baudRate } = this.options;
    try {
      this.port = await binding.open({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, lock: true });
    } catch (error) {
      throw serialOpenError(path, error);
    }
    this.writeQueue = Promise.resolve();
    void this.readUntilClosed(this.port);
    this.watchPresence(this.port);
  }

  private watchPresence(port: SerialBindingPort): void {
    const presence = this.options.presence === undefined ? defaultPresence(this.options.path) : this.options.presence;
    if (!presence) return;
    this.presenceTimer = setInterval(() => {
      if (this.port !== port) return this.stopPresence();
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
    while (this.port === port) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await port.read(buffer, 0, buffer.length));
      } catch (error) {
        // When we close, the binding cancels the read and we no longer own the port.
        this.lose(port, { kind: 'disconnected', message: describeError(error) });
        return;
      }
      if (this.port !== port) return;
      if (bytesRead === 0) {
        this.lose(port, { kind: 'disconnected', message: 'end of file' });
        return;
      }
      // A copy, because the next read reuses the buffer.
      this.listeners.emitData(new Uint8Array(buffer.subarray(0, bytesRead)));
    }
  }

  private async closePort(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    const port = this.port;
    if (!port) return;
    this.port = null;
    this.stopPresence();
    await closeQuietly(port);
    this.listeners.emitClose({ kind: 'closed-by-us' });
  }

  /** The link ended under us: release the port, then tell listeners (so a reopen finds it unlocked). */
  private lose(port: SerialBindingPort, reason: TransportCloseReason): void {
    if (this.port !== port) return;
    this.port = null;
    this.stopPresence();
    void closeQuietly(port).then(() => this.listeners.emitClose(reason));
  }

  private notOpenError(): TransportError {
    return new TransportError('not-open', `${this.description}: not open`);
  }
}

function defaultPresence(path: string): { intervalMs: number; exists(path: string): boolean } | null {
  // COM ports on Windows are not files; there the bindings report removal themselves.
  return path.startsWith('/') ? { intervalMs: 2_000, exists: existsSync } : null;
}

async function closeQuietly(port: SerialBindingPort): Promise<void> {
  if (!port.isOpen) return;
  // Closing a port whose device has gone can fail; the fd is released either way.
  await port.close().catch(() => undefined);
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
