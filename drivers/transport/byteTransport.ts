/**
 * Moves bytes to and from one device; knows nothing of protocols (ARCHITECTURE rule 5).
 * Serial, USB-HID, USB bulk and the in-memory pair used by simulators all implement it.
 */
export interface ByteTransport {
  /** How the device is attached, for status and logs: "serial /dev/ttyUSB0 @115200". */
  readonly description: string;
  readonly isOpen: boolean;
  /** Rejects with a TransportError (not-found, permission-denied, busy, io-error). */
  open(): Promise<void>;
  /** Rejects with a TransportError (not-open, io-error). */
  write(bytes: Uint8Array): Promise<void>;
  /** Idempotent; never rejects. */
  close(): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The link ended: closed by us, the device went away (unplug), or an I/O error. */
  onClose(listener: (reason: TransportCloseReason) => void): () => void;
}

export type TransportCloseReason =
  | { kind: 'closed-by-us' }
  | { kind: 'disconnected'; message: string }
  | { kind: 'error'; message: string };

export type TransportErrorCode = 'not-found' | 'permission-denied' | 'busy' | 'not-open' | 'io-error';

export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
