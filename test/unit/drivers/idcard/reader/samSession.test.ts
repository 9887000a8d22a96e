import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamSession } from '../../../../../drivers/idcard/reader/samSession.js';
import { findCardCommand, readAppendedAddressCommand, samStatusCommand, selectCardCommand } from '../../../../../drivers/idcard/samCommands.js';
import { createInMemoryTransportPair } from '../../../../../drivers/transport/inMemoryTransportPair.js';
import { fromHex, statusFrame } from '../syntheticCards.js';
import { until } from './readerHarness.js';

/** A session on the host end and a scripted device end that records what it receives. */
async function sessionWithScriptedDevice() {
  const pair = createInMemoryTransportPair('sam');
  await pair.host.open();
  await pair.device.open();
  const received: number[] = [];
  pair.device.onData((chunk) => received.push(...chunk));
  return { pair, session: new SamSession(pair.host), received, reply: (bytes: Uint8Array) => pair.device.write(bytes) };
}

const SAM_STATUS_FRAME = fromHex('AAAAAA9669000311FFED');
const FIND_FRAME = fromHex('AAAAAA96690003200122');

describe('SamSession', () => {
  it('sends the command frame and resolves with the reply, whatever the chunk size', async () => {
    for (const size of [1, 2, 3, 7, 11, 1000]) {
      const { pair, session, received, reply } = await sessionWithScriptedDevice();
      pair.setChunkSize(size);
      const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
      await until(() => received.length === SAM_STATUS_FRAME.length, 'the command frame');
      expect(Uint8Array.from(received)).toEqual(SAM_STATUS_FRAME);
      await reply(statusFrame(0x90));
      const result = await exchange;
      expect(result.ok && result.status.code).toBe('success');
    }
  });

  it('accepts find only on 9F and reports 80 as a status failure', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const found = session.exchange(findCardCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'find');
    await reply(statusFrame(0x9f, new Uint8Array(4)));
    expect(await found).toMatchObject({ ok: true, response: { sw3: 0x9f, data: new Uint8Array(4) } });

    const empty = session.exchange(findCardCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 20, 'second find');
    await reply(statusFrame(0x80));
    expect(await empty).toMatchObject({ ok: false, error: { kind: 'status-failure', command: 'find-card', status: { code: 'no-card' } } });
  });

  it('treats 91 "no content" as an answer, not a failure', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const exchange = session.exchange(readAppendedAddressCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'command');
    await reply(statusFrame(0x91));
    expect(await exchange).toMatchObject({ ok: true, status: { outcome: 'no-content' } });
  });

  it('times out on silence, then drops the half reply that arrived too late to matter', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const frame = statusFrame(0x90);
    const first = session.exchange(samStatusCommand(), { timeoutMs: 20 });
    await until(() => received.length === 10, 'first command');
    await reply(frame.subarray(0, 6));
    expect(await first).toEqual({ ok: false, error: { kind: 'timeout', command: 'sam-status', timeoutMs: 20 } });

    const second = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 20, 'second command');
    await reply(frame);
    expect((await second).ok).toBe(true);
  });

  it('fails with a frame error as soon as a corrupted reply has fully arrived', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const frame = statusFrame(0x90);
    frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    // A 60 s timeout: only the early frame-error path lets this test finish.
    const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'command');
    await reply(frame);
    const result = await exchange;
    expect(result.ok === false && result.error.kind).toBe('frame-error');
    expect(result.ok === false && result.error.kind === 'frame-error' && result.error.errors.map((e) => e.code)).toEqual(['checksum-mismatch']);
  });

  it('skips garbage and an echo of its own command before the reply', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'command');
    await reply(Uint8Array.from([0x00, 0x13, 0xaa, 0x55, ...SAM_STATUS_FRAME, 0xff, ...statusFrame(0x90)]));
    expect(await exchange).toMatchObject({ ok: true, status: { code: 'success' } });
  });

  it('runs one command at a time: the second is sent only after the first is answered', async () => {
    const { session, received, reply } = await sessionWithScriptedDevice();
    const find = session.exchange(findCardCommand(), { timeoutMs: 60_000 });
    const select = session.exchange(selectCardCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'find');
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(Uint8Array.from(received)).toEqual(FIND_FRAME);
    await reply(statusFrame(0x9f, new Uint8Array(4)));
    await until(() => received.length === 20, 'select');
    await reply(statusFrame(0x90, new Uint8Array(8)));
    expect((await find).ok && (await select).ok).toBe(true);
  });

  it('resolves as disconnected on unplug, and when sending on a closed link', async () => {
    const { pair, session, received } = await sessionWithScriptedDevice();
    const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'command');
    pair.unplug();
    expect(await exchange).toEqual({ ok: false, error: { kind: 'disconnected', command: 'sam-status', message: 'device unplugged' } });
    expect(await session.exchange(samStatusCommand(), { timeoutMs: 60_000 })).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
  });

  it('resolves as disconnected when disposed mid-exchange', async () => {
    const { session, received } = await sessionWithScriptedDevice();
    const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000 });
    await until(() => received.length === 10, 'command');
    session.dispose();
    expect(await exchange).toMatchObject({ ok: false, error: { kind: 'disconnected', message: 'session closed' } });
  });

  it('resolves as cancelled when the signal aborts, before or during the exchange', async () => {
    const { session, received } = await sessionWithScriptedDevice();
    const controller = new AbortController();
    const exchange = session.exchange(samStatusCommand(), { timeoutMs: 60_000, signal: controller.signal });
    await until(() => received.length === 10, 'command');
    controller.abort();
    expect(await exchange).toEqual({ ok: false, error: { kind: 'cancelled', command: 'sam-status' } });
    expect(await session.exchange(samStatusCommand(), { timeoutMs: 60_000, signal: controller.signal })).toMatchObject({ error: { kind: 'cancelled' } });
    expect(received).toHaveLength(10);
  });

  it('always resolves with a typed result, whatever bytes come back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.boolean(), async (noise, withValidReply) => {
        const { session, received, reply } = await sessionWithScriptedDevice();
        const exchange = session.exchange(samStatusCommand(), { timeoutMs: 5 });
        await until(() => received.length === 10, 'command');
        await reply(withValidReply ? Uint8Array.from([...noise, ...statusFrame(0x90)]) : noise);
        const result = await exchange;
        expect(['ok', 'timeout', 'frame-error', 'status-failure']).toContain(result.ok ? 'ok' : result.error.kind);
      }),
      { numRuns: 60 },
    );
  });
});
