import type { ByteTransport, TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import { TransportListeners } from './transportListeners.js';

/**
 * Two connected in-memory ends: what the driver writes to `host`, the simulator reads on
 * `device`, and back. Delivery is asynchronous (a macrotask later), as real I/O is, so
 * code that only works with synchronous delivery is caught in tests. `unplug()` ends the
 * link from the device side, as pulling the cable does.
 */
export function createInMemoryTransportPair(description = 'in-memory'): {
  host: ByteTransport;
  device: ByteTransport;
  unplug(): void;
  /** Plug the device back in: both ends can be opened again. */
  replug(): void;
  /** Bytes per write as delivered, to check chunk handling: split every write into chunks of this size. */
  setChunkSize(size: number | null): void;
} {
  let chunkSize: number | null = null;
  const host = new InMemoryEnd(`${description} (host)`);
  const device = new InMemoryEnd(`${description} (device)`);
  host.peer = device;
  device.peer = host;
  return {
    host,
    device,
    unplug: () => {
      host.end({ kind: 'disconnected', message: 'device unplugged' });
      device.end({ kind: 'disconnected', message: 'device unplugged' });
    },
    replug: () => {
      host.replug();
      device.replug();
    },
    setChunkSize: (size) => {
      chunkSize = size;
      host.chunkSize = device.chunkSize = chunkSize;
    },
  };
}

class InMemoryEnd implements ByteTransport {
  peer: InMemoryEnd | null = null;
  chunkSize: number | null = null;
  private open_ = false;
  private unplugged = false;
  /** Bumped whenever the link ends: bytes still in flight from before are lost, as on a pulled cable. */
  private epoch = 0;
  private readonly listeners = new TransportListeners();

  constructor(readonly description: string) {}

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (this.unplugged) throw new TransportError('not-found', `${this.description}: device not present`);
    this.open_ = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open_) throw new TransportError('not-open', `${this.description}: not open`);
    const peer = this.peer;
    if (!peer) return;
    const epoch = peer.epoch;
    const copy = Uint8Array.from(bytes);
    const size = Math.max(1, this.chunkSize ?? copy.length);
    for (let i = 0; i < copy.length; i += size) {
      const chunk = copy.subarray(i, i + size);
      setImmediate(() => peer.deliver(chunk, epoch));
    }
  }

  async close(): Promise<void> {
    this.end({ kind: 'closed-by-us' });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: TransportCloseReason) => void): () => void {
    return this.listeners.onClose(listener);
  }

  /** Re-plugging: the end can be opened again. */
  replug(): void {
    this.unplugged = false;
  }

  end(reason: TransportCloseReason): void {
    if (reason.kind === 'disconnected') this.unplugged = true;
    this.epoch += 1;
    if (!this.open_) return;
    this.open_ = false;
    this.listeners.emitClose(reason);
  }

  private deliver(chunk: Uint8Array, epoch: number): void {
    if (!this.open_ || epoch !== this.epoch) return;
    this.listeners.emitData(chunk);
  }
}
