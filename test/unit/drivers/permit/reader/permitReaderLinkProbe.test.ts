import { describe, expect, it } from 'vitest';
import { PermitReader } from '../../../../../drivers/permit/reader/permitReader.js';
import { type ByteTransport, type TransportCloseReason, TransportError } from '../../../../../drivers/transport/byteTransport.js';
import { TransportListeners } from '../../../../../drivers/transport/transportListeners.js';

/**
 * A link that dies without a word, as a hung-up serial port can: nothing is reported until
 * someone writes, and then the write fails and the transport reports the disconnect.
 */
class SilentlyDyingLink implements ByteTransport {
  readonly description = 'silently dying link';
  dead = false;
  writes: number[] = [];
  private open_ = false;
  private readonly listeners = new TransportListeners();

  get isOpen(): boolean {
    return this.open_;
  }
  async open(): Promise<void> {
    if (this.dead) throw new TransportError('not-found', 'gone');
    this.open_ = true;
  }
  async write(bytes: Uint8Array): Promise<void> {
    this.writes.push(bytes.length);
    if (!this.open_) throw new TransportError('not-open', 'not open');
    if (this.dead) {
      this.open_ = false;
      this.listeners.emitClose({ kind: 'disconnected', message: 'Input/output error, cannot drain' });
      throw new TransportError('io-error', 'write failed');
    }
  }
  async close(): Promise<void> {
    if (!this.open_) return;
    this.open_ = false;
    this.listeners.emitClose({ kind: 'closed-by-us' });
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }
  onClose(listener: (reason: TransportCloseReason) => void): () => void {
    return this.listeners.onClose(listener);
  }
}

describe('PermitReader link probe (a passive reader whose cable dies silently)', () => {
  it('a running read probes with zero-byte writes and ends as reader-offline when the link turns out dead', async () => {
    const link = new SilentlyDyingLink();
    const reader = new PermitReader({ id: 'permit', transport: link, linkProbeIntervalMs: 5 });
    await reader.open();
    const reading = reader.readPermit({ timeoutMs: 60_000 });
    link.dead = true;
    expect(await reading).toMatchObject({ ok: false, reason: 'reader-offline' });
    expect(reader.status()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-disconnected' } });
    // Probes carry no byte to the reader.
    expect(link.writes.length).toBeGreaterThan(0);
    expect(link.writes.every((length) => length === 0)).toBe(true);
  });

  it('checkHealth() finds the dead link of an idle reader', async () => {
    const link = new SilentlyDyingLink();
    const reader = new PermitReader({ id: 'permit', transport: link });
    await reader.open();
    expect(await reader.checkHealth()).toMatchObject({ state: 'ready' });
    link.dead = true;
    expect(await reader.checkHealth()).toMatchObject({ state: 'offline', fault: { code: 'permit-reader-disconnected' } });
  });

  it('stops probing once the read is over', async () => {
    const link = new SilentlyDyingLink();
    const reader = new PermitReader({ id: 'permit', transport: link, linkProbeIntervalMs: 1 });
    await reader.open();
    await reader.readPermit({ timeoutMs: 20 });
    const afterRead = link.writes.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(link.writes.length).toBe(afterRead);
  });
});
