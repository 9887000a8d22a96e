import { describe, expect, it } from 'vitest';
import type { TransportCloseReason } from '../../../../drivers/transport/byteTransport.js';
import { TransportError } from '../../../../drivers/transport/byteTransport.js';
import { LinkTransport } from '../../../../drivers/transport/linkTransport.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One OS link as the fake hands it out; numbered so tests can tell a reopen's link from the first. */
interface FakeLink {
  number: number;
}

/**
 * A LinkTransport over nothing: each hook records what it was asked to do, and a test can
 * hold connect or send open with a deferred to put calls in flight at the same time.
 */
class FakeLinkTransport extends LinkTransport<FakeLink> {
  readonly description = 'fake link';
  readonly calls: string[] = [];
  readonly sent: number[][] = [];
  /** When set, the next connect waits for it. */
  connectGate: Deferred<void> | null = null;
  /** When set, each send waits for the next gate in turn. */
  readonly sendGates: Deferred<void>[] = [];
  failSend: Error | null = null;
  failDisconnect: Error | null = null;
  /** Whether the link was already current when linkStarted ran. */
  readonly startedWhileOpen: boolean[] = [];
  private links = 0;

  loseCurrent(reason: TransportCloseReason): void {
    const link = this.current;
    if (link) this.lose(link, reason);
  }

  override lose(link: FakeLink, reason: TransportCloseReason): void {
    super.lose(link, reason);
  }

  currentLink(): FakeLink | null {
    return this.current;
  }

  protected async connect(): Promise<FakeLink> {
    this.links += 1;
    const link = { number: this.links };
    this.calls.push(`connect ${link.number}`);
    const gate = this.connectGate;
    this.connectGate = null;
    if (gate) await gate.promise;
    return link;
  }

  protected linkStarted(link: FakeLink): void {
    this.calls.push(`started ${link.number}`);
    this.startedWhileOpen.push(this.isOpen && this.current === link);
  }

  protected linkReleased(link: FakeLink): void {
    this.calls.push(`released ${link.number}`);
  }

  protected async send(link: FakeLink, bytes: Uint8Array): Promise<void> {
    this.calls.push(`send ${link.number} [${[...bytes].join(',')}]`);
    const gate = this.sendGates.shift();
    if (gate) await gate.promise;
    if (this.failSend) throw this.failSend;
    this.sent.push([...bytes]);
  }

  protected async disconnect(link: FakeLink, reason: TransportCloseReason): Promise<void> {
    this.calls.push(`disconnect ${link.number} ${reason.kind}`);
    if (this.failDisconnect) throw this.failDisconnect;
  }
}

function recordCloses(transport: FakeLinkTransport): TransportCloseReason[] {
  const reasons: TransportCloseReason[] = [];
  transport.onClose((reason) => reasons.push(reason));
  return reasons;
}

async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('LinkTransport', () => {
  it('connects once when open() is called again while opening and after it opened', async () => {
    const transport = new FakeLinkTransport();
    const gate = deferred<void>();
    transport.connectGate = gate;
    const first = transport.open();
    const second = transport.open();
    expect(transport.isOpen).toBe(false);
    gate.resolve();
    await Promise.all([first, second]);
    await transport.open();
    expect(transport.isOpen).toBe(true);
    expect(transport.calls).toEqual(['connect 1', 'started 1']);
    expect(transport.startedWhileOpen).toEqual([true]);
  });

  it('lets a failed open be retried, and stays closed meanwhile', async () => {
    class FailingOnce extends FakeLinkTransport {
      private failed = false;
      protected override async connect(): Promise<FakeLink> {
        if (!this.failed) {
          this.failed = true;
          throw new TransportError('not-found', 'fake link: no such device');
        }
        return super.connect();
      }
    }
    const transport = new FailingOnce();
    const error = await rejection(transport.open());
    expect(error.code).toBe('not-found');
    expect(transport.isOpen).toBe(false);
    await transport.open();
    expect(transport.isOpen).toBe(true);
  });

  it('makes a close called during open wait for it, then close the new link', async () => {
    const transport = new FakeLinkTransport();
    const reasons = recordCloses(transport);
    const gate = deferred<void>();
    transport.connectGate = gate;
    const opened = transport.open();
    const closed = transport.close();
    gate.resolve();
    await Promise.all([opened, closed]);
    expect(transport.isOpen).toBe(false);
    expect(transport.calls).toEqual(['connect 1', 'started 1', 'released 1', 'disconnect 1 closed-by-us']);
    expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
  });

  it('makes an open called during close wait for the close, then connect afresh', async () => {
    const transport = new FakeLinkTransport();
    await transport.open();
    const closed = transport.close();
    const reopened = transport.open();
    await Promise.all([closed, reopened]);
    expect(transport.isOpen).toBe(true);
    expect(transport.calls).toEqual(['connect 1', 'started 1', 'released 1', 'disconnect 1 closed-by-us', 'connect 2', 'started 2']);
  });

  it('closes once however often close() is called, and reports the close once', async () => {
    const transport = new FakeLinkTransport();
    const reasons = recordCloses(transport);
    await transport.open();
    await Promise.all([transport.close(), transport.close()]);
    await transport.close();
    expect(transport.calls.filter((call) => call.startsWith('disconnect'))).toEqual(['disconnect 1 closed-by-us']);
    expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
  });

  it('sends writes one at a time in call order', async () => {
    const transport = new FakeLinkTransport();
    await transport.open();
    const gate = deferred<void>();
    transport.sendGates.push(gate);
    const first = transport.write(Uint8Array.of(1));
    const second = transport.write(Uint8Array.of(2));
    const third = transport.write(Uint8Array.of(3));
    // Let the queue run as far as it can: only the first send may have started.
    await new Promise((resolve) => setImmediate(resolve));
    expect(transport.calls.filter((call) => call.startsWith('send'))).toEqual(['send 1 [1]']);
    gate.resolve();
    await Promise.all([first, second, third]);
    expect(transport.sent).toEqual([[1], [2], [3]]);
  });

  it('sends a copy of the bytes, so a caller reusing its buffer does not change a queued write', async () => {
    const transport = new FakeLinkTransport();
    await transport.open();
    const gate = deferred<void>();
    transport.sendGates.push(gate);
    const first = transport.write(Uint8Array.of(9));
    const buffer = Uint8Array.of(1, 2);
    const second = transport.write(buffer);
    buffer.fill(0);
    gate.resolve();
    await Promise.all([first, second]);
    expect(transport.sent).toEqual([[9], [1, 2]]);
  });

  it('rejects a write before open and after close with not-open', async () => {
    const transport = new FakeLinkTransport();
    expect((await rejection(transport.write(Uint8Array.of(1)))).code).toBe('not-open');
    await transport.open();
    await transport.close();
    const error = await rejection(transport.write(Uint8Array.of(1)));
    expect(error.code).toBe('not-open');
    expect(error.message).toBe('fake link: not open');
    expect(transport.sent).toEqual([]);
  });

  it('does not send a queued write on a link that closed before its turn', async () => {
    const transport = new FakeLinkTransport();
    await transport.open();
    const gate = deferred<void>();
    transport.sendGates.push(gate);
    const first = transport.write(Uint8Array.of(1));
    const queued = transport.write(Uint8Array.of(2));
    await new Promise((resolve) => setImmediate(resolve)); // the first send is now in flight
    const closed = transport.close();
    gate.resolve();
    await first;
    expect((await rejection(queued)).code).toBe('not-open');
    await closed;
    expect(transport.sent).toEqual([[1]]);
  });

  it('reports a failed send as io-error by default, without closing the link', async () => {
    const transport = new FakeLinkTransport();
    const reasons = recordCloses(transport);
    await transport.open();
    transport.failSend = new Error('pipe stalled');
    const error = await rejection(transport.write(Uint8Array.of(1)));
    expect(error.code).toBe('io-error');
    expect(error.message).toBe('fake link: write failed: pipe stalled');
    expect(transport.isOpen).toBe(true);
    expect(reasons).toEqual([]);
    transport.failSend = null;
    await transport.write(Uint8Array.of(2));
    expect(transport.sent).toEqual([[2]]);
  });

  it('reports a lost link once, after giving it back, and can be reopened', async () => {
    const transport = new FakeLinkTransport();
    const reasons = recordCloses(transport);
    await transport.open();
    const firstLink = transport.currentLink();
    if (!firstLink) throw new Error('not open');
    const reason: TransportCloseReason = { kind: 'disconnected', message: 'device unplugged' };
    transport.lose(firstLink, reason);
    expect(transport.isOpen).toBe(false);
    transport.lose(firstLink, { kind: 'error', message: 'a second report of the same loss' });
    await transport.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toEqual([reason]);
    expect(transport.calls).toEqual(['connect 1', 'started 1', 'released 1', `disconnect 1 disconnected`]);

    await transport.open();
    expect(transport.isOpen).toBe(true);
    // A late report about the old link must not end the new one.
    transport.lose(firstLink, { kind: 'error', message: 'stale' });
    expect(transport.isOpen).toBe(true);
    await transport.write(Uint8Array.of(7));
    expect(transport.calls.slice(-3)).toEqual(['connect 2', 'started 2', 'send 2 [7]']);
  });

  it('lets a listener reopen from the close event, because the link is released before it is reported', async () => {
    const transport = new FakeLinkTransport();
    await transport.open();
    const reopened = deferred<void>();
    transport.onClose((reason) => {
      if (reason.kind === 'disconnected') transport.open().then(reopened.resolve, reopened.reject);
    });
    transport.loseCurrent({ kind: 'disconnected', message: 'end of file' });
    await reopened.promise;
    expect(transport.isOpen).toBe(true);
    expect(transport.calls).toEqual(['connect 1', 'started 1', 'released 1', 'disconnect 1 disconnected', 'connect 2', 'started 2']);
  });

  it('still closes and reports the close when giving the link back fails', async () => {
    const transport = new FakeLinkTransport();
    const reasons = recordCloses(transport);
    await transport.open();
    transport.failDisconnect = new Error('device already gone');
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(reasons).toEqual([{ kind: 'closed-by-us' }]);
  });
});
