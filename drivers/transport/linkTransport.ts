import type { ByteTransport, TransportCloseReason } from './byteTransport.js';
import { TransportError } from './byteTransport.js';
import { describeError } from './openFailure.js';
import { TransportListeners } from './transportListeners.js';

/**
 * What the real transports (serial, HID, USB bulk) share around one open OS link: open and
 * close each run once however often they are called, a close waits for an open in flight,
 * writes go out one at a time in call order and only on the link they were called on, and a
 * link that ends under us is released before listeners hear why, so a reopen from a close
 * listener finds the device free. Subclasses say how to reach the device through the hooks.
 */
export abstract class LinkTransport<Link extends object> implements ByteTransport {
  abstract readonly description: string;
  private link: Link | null = null;
  private opening: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  /** Native layers accept one write at a time; writes queue here in call order. */
  private writeQueue: Promise<void> = Promise.resolve();
  private readonly listeners = new TransportListeners();

  /** Opens the device; rejects with a TransportError saying what went wrong, in the device's words. */
  protected abstract connect(): Promise<Link>;
  /** Runs once the link is current: start reading, watch for removal. */
  protected abstract linkStarted(link: Link): void;
  /** Runs when the link stops being current (closed or lost): stop listening and watching. */
  protected abstract linkReleased(link: Link): void;
  /** Sends bytes this transport owns (already copied); a rejection is a failed write. */
  protected abstract send(link: Link, bytes: Uint8Array): Promise<void>;
  /** Gives the link back to the OS. A rejection is ignored: the link is gone either way. */
  protected abstract disconnect(link: Link, reason: TransportCloseReason): Promise<void>;

  /**
   * The error a failed write rejects with. By default the writer alone hears of it, for
   * devices whose read side reports a link that is gone; override to call lose() first.
   */
  protected writeFailure(_link: Link, error: unknown): TransportError {
    return new TransportError('io-error', `${this.description}: write failed: ${describeError(error)}`);
  }

  get isOpen(): boolean {
    return this.link !== null;
  }

  /** The open link, for read loops and watchers to check they still serve it. */
  protected get current(): Link | null {
    return this.link;
  }

  open(): Promise<void> {
    if (this.link) return Promise.resolve();
    this.opening ??= this.openLink().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const link = this.link;
    if (!link) throw this.notOpenError();
    const data = Uint8Array.from(bytes); // a copy: the caller may reuse its buffer
    const written = this.writeQueue.then(async () => {
      if (this.link !== link) throw this.notOpenError();
      await this.send(link, data);
    });
    this.writeQueue = written.catch(() => undefined);
    try {
      await written;
    } catch (error) {
      if (error instanceof TransportError) throw error;
      throw this.writeFailure(link, error);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.closeLink().finally(() => {
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

  protected emitData(chunk: Uint8Array): void {
    this.listeners.emitData(chunk);
  }

  /** The link ended under us: release it, give it back to the OS, then tell listeners why. */
  protected lose(link: Link, reason: TransportCloseReason): void {
    if (this.link !== link) return;
    this.release(link);
    void this.disconnectQuietly(link, reason).then(() => this.listeners.emitClose(reason));
  }

  private async openLink(): Promise<void> {
    if (this.closing) await this.closing;
    const link = await this.connect();
    this.link = link;
    this.writeQueue = Promise.resolve();
    this.linkStarted(link);
  }

  private async closeLink(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    const link = this.link;
    if (!link) return;
    const reason: TransportCloseReason = { kind: 'closed-by-us' };
    this.release(link);
    await this.disconnectQuietly(link, reason);
    this.listeners.emitClose(reason);
  }

  private release(link: Link): void {
    this.link = null;
    this.linkReleased(link);
  }

  private async disconnectQuietly(link: Link, reason: TransportCloseReason): Promise<void> {
    try {
      await this.disconnect(link, reason);
    } catch {
      // Closing a device that has gone away can fail; there is nothing left to release then.
    }
  }

  private notOpenError(): TransportError {
    return new TransportError('not-open', `${this.description}: not open`);
  }
}
