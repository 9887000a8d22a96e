import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportCloseReason } from '../../../../drivers/transport/byteTransport.js';
import { TransportError } from '../../../../drivers/transport/byteTransport.js';
import type { SerialBinding, SerialOpenOptions } from '../../../../drivers/transport/serialBinding.js';
import { SerialTransport } from '../../../../drivers/transport/serialTransport.js';

// @serialport/binding-mock, reached through serialport because its own package ships no types for ESM imports.
const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

const PATH = '/dev/ttyFAKE0';

/** MockBinding, remembering every port it opened so tests can play the device. */
function recordingMockBinding(): { binding: SerialBinding; ports: MockPortBinding[] } {
  const ports: MockPortBinding[] = [];
  return {
    ports,
    binding: {
      open: async (options: SerialOpenOptions) => {
        const port = await MockBinding.open(options);
        ports.push(port);
        return port;
      },
    },
  };
}

function failingBinding(error: Error): SerialBinding {
  return { open: () => Promise.reject(error) };
}

function errnoError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function collectCloses(transport: SerialTransport): TransportCloseReason[] {
  const reasons: TransportCloseReason[] = [];
  transport.onClose((reason) => reasons.push(reason));
  return reasons;
}

function collectBytes(transport: SerialTransport): number[] {
  const bytes: number[] = [];
  transport.onData((chunk) => bytes.push(...chunk));
  return bytes;
}

async function openTransport(): Promise<{ transport: SerialTransport; device: MockPortBinding; ports: MockPortBinding[] }> {
  const { binding, ports } = recordingMockBinding();
  const transport = new SerialTransport({ path: PATH, baudRate: 115200, binding, presence: null });
  await transport.open();
  const device = ports[0];
  if (!device) throw new Error('mock binding opened no port');
  return { transport, device, ports };
}

beforeEach(() => {
  MockBinding.reset();
  MockBinding.createPort(PATH, { record: true });
});

afterEach(() => {
  MockBinding.reset();
});

describe('SerialTransport', () => {
  it('ends with "disconnected" when its device node disappears, even if the binding never fails the read', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { binding } = recordingMockBinding();
      let present = true;
      const transport = new SerialTransport({ path: PATH, baudRate: 9600, binding, presence: { intervalMs: 2_000, exists: () => present } });
      await transport.open();
      const reasons = collectCloses(transport);
      vi.advanceTimersByTime(4_000);
      expect(reasons).toEqual([]);
      present = false;
      vi.advanceTimersByTime(2_000);
      await vi.waitFor(() => expect(reasons).toEqual([{ kind: 'disconnected', message: `${PATH} disappeared` }]));
      expect(transport.isOpen).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the port at the configured baud rate, 8N1, locked', async () => {
    const { transport, device } = await openTransport();
    expect(transport.isOpen).toBe(true);
    expect(transport.description).toBe(`serial ${PATH} @115200`);
    expect(device.openOptions).toMatchObject({ path: PATH, baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, lock: true });
    await transport.close();
  });

  it('delivers bytes the device sends, as copies that later reads do not overwrite', async () => {
    const { transport, device } = await openTransport();
    const chunks: Uint8Array[] = [];
    transport.onData((chunk) => chunks.push(chunk));
    device.emitData(Buffer.from([0xaa, 0xaa, 0xaa]));
    await vi.waitFor(() => expect(chunks).toHaveLength(1));
    device.emitData(Buffer.from([0x96, 0x69]));
    await vi.waitFor(() => expect(chunks).toHaveLength(2));
    expect(chunks.map((chunk) => [...chunk])).toEqual([[0xaa, 0xaa, 0xaa], [0x96, 0x69]]);
    await transport.close();
  });

  it('sends writes to the device in call order, even when not awaited one by one', async () => {
    const { transport, device } = await openTransport();
    await Promise.all([transport.write(Uint8Array.of(1, 2)), transport.write(Uint8Array.of(3)), transport.write(Uint8Array.of(4, 5))]);
    expect([...device.recording]).toEqual([1, 2, 3, 4, 5]);
    await transport.close();
  });

  it('resolves a write only after the binding has drained it', async () => {
    const { transport, device } = await openTransport();
    let releaseDrain: () => void = () => undefined;
    vi.spyOn(device, 'drain').mockImplementation(() => new Promise<void>((resolve) => (releaseDrain = resolve)));
    let resolved = false;
    const writing = transport.write(Uint8Array.of(9)).then(() => (resolved = true));
    await vi.waitFor(() => expect(device.drain).toHaveBeenCalled());
    await tick();
    expect(resolved).toBe(false);
    releaseDrain();
    await writing;
    expect(resolved).toBe(true);
    await transport.close();
  });

  it('copies written bytes, so the caller may reuse its buffer at once', async () => {
    const { transport, device } = await openTransport();
    const buffer = Uint8Array.of(7, 7);
    const writing = transport.write(buffer);
    buffer.fill(0);
    await writing;
    expect([...device.recording]).toEqual([7, 7]);
    await transport.close();
  });

  describe('open errors', () => {
    it('maps a missing port to not-found', async () => {
      const transport = new SerialTransport({ path: '/dev/ttyMISSING', baudRate: 9600, binding: MockBinding });
      await expect(transport.open()).rejects.toMatchObject({ name: 'TransportError', code: 'not-found' });
      expect(transport.isOpen).toBe(false);
    });

    it('maps a port another process holds (lock) to busy', async () => {
      const first = new SerialTransport({ path: PATH, baudRate: 9600, binding: MockBinding });
      await first.open();
      const second = new SerialTransport({ path: PATH, baudRate: 9600, binding: MockBinding });
      await expect(second.open()).rejects.toMatchObject({ code: 'busy' });
      await first.close();
    });

    it.each([
      ['ENOENT', 'not-found', errnoError('ENOENT', 'open failed')],
      ['native "No such file"', 'not-found', new Error('Error: No such file or directory, cannot open /dev/ttyUSB9')],
      ['EACCES', 'permission-denied', errnoError('EACCES', 'open failed')],
      ['native "Permission denied"', 'permission-denied', new Error('Error: Permission denied, cannot open /dev/ttyS0')],
      ['EBUSY', 'busy', errnoError('EBUSY', 'open failed')],
      ['flock failure', 'busy', new Error('Error Resource temporarily unavailable Cannot lock port')],
      ['anything else', 'io-error', new Error('Inappropriate ioctl for device')],
    ])('maps %s to %s', async (_label, code, error) => {
      const transport = new SerialTransport({ path: '/dev/ttyS0', baudRate: 9600, binding: failingBinding(error) });
      const failure = await transport.open().catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(TransportError);
      expect(failure).toMatchObject({ code });
    });

    it('tells staff about the dialout group when permission is denied', async () => {
      const transport = new SerialTransport({ path: '/dev/ttyS0', baudRate: 9600, binding: failingBinding(errnoError('EACCES', 'x')) });
      await expect(transport.open()).rejects.toThrow(/dialout/);
    });
  });

  describe('closing', () => {
    it('reports closed-by-us once, and close is idempotent', async () => {
      const { transport } = await openTransport();
      const reasons = collectCloses(transport);
      await Promise.all([transport.close(), transport.close()]);
      await transport.close();
      expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
      expect(transport.isOpen).toBe(false);
    });

    it('closing a transport that never opened resolves without a close event', async () => {
      const transport = new SerialTransport({ path: PATH, baudRate: 9600, binding: MockBinding });
      const reasons = collectCloses(transport);
      await expect(transport.close()).resolves.toBeUndefined();
      expect(reasons).toEqual([]);
    });

    it('never rejects, even when the binding fails to close', async () => {
      const { transport, device } = await openTransport();
      vi.spyOn(device, 'close').mockRejectedValue(new Error('EIO'));
      const reasons = collectCloses(transport);
      await expect(transport.close()).resolves.toBeUndefined();
      expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
    });

    it('rejects writes with not-open before open and after close', async () => {
      const transport = new SerialTransport({ path: PATH, baudRate: 9600, binding: MockBinding });
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
      await transport.open();
      await transport.close();
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
    });

    it('a close requested while opening waits for the open, then closes', async () => {
      const { binding, ports } = recordingMockBinding();
      const transport = new SerialTransport({ path: PATH, baudRate: 9600, binding });
      const reasons = collectCloses(transport);
      const opening = transport.open();
      await transport.close();
      await opening;
      expect(transport.isOpen).toBe(false);
      expect(ports[0]?.isOpen).toBe(false);
      expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
    });
  });

  describe('the device going away', () => {
    it('reports disconnected once when the port closes under us', async () => {
      const { transport, device } = await openTransport();
      const reasons = collectCloses(transport);
      await device.close(); // what the OS does when the USB-serial adapter is pulled
      await vi.waitFor(() => expect(reasons).toHaveLength(1));
      expect(reasons[0]).toMatchObject({ kind: 'disconnected' });
      expect(transport.isOpen).toBe(false);
      await transport.close();
      expect(reasons).toHaveLength(1);
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'not-open' });
    });

    it('a failed write rejects with io-error and reports disconnected', async () => {
      const { transport, device } = await openTransport();
      const reasons = collectCloses(transport);
      vi.spyOn(device, 'write').mockRejectedValue(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
      await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'io-error' });
      await vi.waitFor(() => expect(reasons).toEqual([{ kind: 'disconnected', message: 'EIO: i/o error, write' }]));
      expect(device.isOpen).toBe(false);
    });

    it('can be opened again after an unplug, and then reports the next close', async () => {
      const { transport, device } = await openTransport();
      const reasons = collectCloses(transport);
      await device.close();
      await vi.waitFor(() => expect(reasons).toHaveLength(1));
      await transport.open();
      expect(transport.isOpen).toBe(true);
      await transport.close();
      expect(reasons.map((reason) => reason.kind)).toEqual(['disconnected', 'closed-by-us']);
    });
  });

  describe('no leaks across close and reopen', () => {
    it('delivers each chunk once after reopening, and nothing from the closed port', async () => {
      const { transport, device, ports } = await openTransport();
      const bytes = collectBytes(transport);
      await transport.close();
      await transport.open();
      const reopened = ports[1];
      expect(reopened).toBeDefined();
      expect(reopened).not.toBe(device);
      reopened?.emitData(Buffer.from([0x42]));
      await vi.waitFor(() => expect(bytes).toEqual([0x42]));
      await tick();
      expect(bytes).toEqual([0x42]);
      await transport.close();
    });

    it('stops delivering to a listener once it unsubscribes', async () => {
      const { transport, device } = await openTransport();
      const kept: number[] = [];
      const dropped: number[] = [];
      transport.onData((chunk) => kept.push(...chunk));
      const unsubscribe = transport.onData((chunk) => dropped.push(...chunk));
      unsubscribe();
      device.emitData(Buffer.from([1]));
      await vi.waitFor(() => expect(kept).toEqual([1]));
      expect(dropped).toEqual([]);
      await transport.close();
    });
  });
});
