import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportCloseReason } from '../../drivers/transport/byteTransport.js';
import { SerialTransport } from '../../drivers/transport/serialTransport.js';
import { type PtyPair, startSocatPtyPair } from '../helpers/socatPty.js';

/** The serial transport over real pseudo-terminals and the native serialport binding. */
describe('SerialTransport over a socat pseudo-terminal pair', () => {
  let pty: PtyPair;
  let host: SerialTransport;
  let device: SerialTransport;

  beforeEach(async () => {
    pty = await startSocatPtyPair();
    host = new SerialTransport({ path: pty.hostPath, baudRate: 115200 });
    device = new SerialTransport({ path: pty.devicePath, baudRate: 115200 });
    await host.open();
    await device.open();
  });

  afterEach(async () => {
    await host.close();
    await device.close();
    await pty.stop();
  });

  it('carries bytes both ways, control characters included', async () => {
    const atDevice = collect(device);
    const atHost = collect(host);
    const command = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22);
    await host.write(command);
    await vi.waitFor(() => expect(atDevice.bytes()).toEqual(command));
    // CR, LF, XON, XOFF and 0xFF would be mangled by a cooked or flow-controlled line.
    const reply = Uint8Array.of(0x0d, 0x0a, 0x11, 0x13, 0x00, 0xff);
    await device.write(reply);
    await vi.waitFor(() => expect(atHost.bytes()).toEqual(reply));
  });

  it('delivers a 64 KiB payload written in one call intact', async () => {
    const atDevice = collect(device);
    const payload = new Uint8Array(randomBytes(64 * 1024));
    await host.write(payload);
    await vi.waitFor(() => expect(atDevice.length()).toBe(payload.length), { timeout: 5_000 });
    expect(Buffer.from(atDevice.bytes()).equals(Buffer.from(payload))).toBe(true);
  });

  it('reports disconnected on both ends when the peer goes away', async () => {
    const hostCloses: TransportCloseReason[] = [];
    const deviceCloses: TransportCloseReason[] = [];
    host.onClose((reason) => hostCloses.push(reason));
    device.onClose((reason) => deviceCloses.push(reason));
    await pty.stop();
    await vi.waitFor(() => {
      expect(hostCloses).toEqual([expect.objectContaining({ kind: 'disconnected' })]);
      expect(deviceCloses).toEqual([expect.objectContaining({ kind: 'disconnected' })]);
    });
    expect(host.isOpen).toBe(false);
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
  });

  it('refuses a second opener of the same port as busy', async () => {
    const intruder = new SerialTransport({ path: pty.hostPath, baudRate: 115200 });
    await expect(intruder.open()).rejects.toMatchObject({ code: 'busy' });
  });

  it('rejects a write after close with not-open, and closes only once', async () => {
    const closes: TransportCloseReason[] = [];
    host.onClose((reason) => closes.push(reason));
    await host.close();
    await host.close();
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
    expect(closes).toEqual([{ kind: 'closed-by-us' }]);
  });
});

describe('SerialTransport on a path that does not exist', () => {
  it('rejects open with not-found', async () => {
    const transport = new SerialTransport({ path: '/dev/ttyKIOSK-NO-SUCH-PORT', baudRate: 115200 });
    await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'not-found' });
    expect(transport.isOpen).toBe(false);
  });
});

function collect(transport: SerialTransport): { bytes(): Uint8Array; length(): number } {
  const chunks: Uint8Array[] = [];
  let length = 0;
  transport.onData((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  return { bytes: () => new Uint8Array(Buffer.concat(chunks)), length: () => length };
}
