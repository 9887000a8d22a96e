import type { TransportCloseReason } from './byteTransport.js';

/**
 * The onData/onClose listener sets every transport keeps. Listeners survive close and
 * reopen (a device manager subscribes once and reopens after an unplug). A listener that
 * throws must not stop a read loop or skip the other listeners, so its error is rethrown
 * on a later turn, where the device host's uncaught-error handling sees it.
 */
export class TransportListeners {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(reason: TransportCloseReason) => void>();

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (reason: TransportCloseReason) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  emitData(chunk: Uint8Array): void {
    for (const listener of [...this.dataListeners]) callIsolated(() => listener(chunk));
  }

  emitClose(reason: TransportCloseReason): void {
    for (const listener of [...this.closeListeners]) callIsolated(() => listener(reason));
  }
}

function callIsolated(call: () => void): void {
  try {
    call();
  } catch (error) {
    setImmediate(() => {
      throw error;
    });
  }
}
