import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpTransport } from '../../../electron/platform/nodeHttpTransport.js';
import type { PlatformTransport, TransportRequest } from '../../../electron/platform/platformTransport.js';
import { type PlatformHarness, heartbeat, okValue, registered, startHarness } from './platformTestKit.js';

/** The simulator checks every terminal request's signature, timestamp and nonce. */

let h: PlatformHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Sends through node:http and keeps a copy of each request as it went out. */
function recordingTransport(mutate?: (request: TransportRequest) => TransportRequest): PlatformTransport & { sent: TransportRequest[] } {
  const inner = createNodeHttpTransport();
  const sent: TransportRequest[] = [];
  return {
    sent,
    send: (request) => {
      const outgoing = mutate ? mutate(request) : request;
      sent.push(outgoing);
      return inner.send(outgoing);
    },
    close: () => inner.close(),
  };
}

describe('request signatures against the simulator', () => {
  it('accepts HMAC-SHA256 and HMAC-SM3 signatures with the demo secret', async () => {
    h = await startHarness();
    for (const algorithm of ['hmac-sha256', 'hmac-sm3'] as const) {
      const id = `GZ-SIG-${algorithm === 'hmac-sm3' ? 'SM3' : 'SHA'}`;
      const client = h.client(id, { credential: { keyId: id, secret: 'kiosk-platform-sim-demo-terminal-secret', algorithm } });
      await registered(client, id);
      expect(okValue(await client.sendHeartbeat(heartbeat(1))).commands).toEqual([]);
    }
    expect(h.allViolations()).toEqual([]);
  });

  it('rejects a timestamp outside the window, on either side, and says what the platform time is', async () => {
    h = await startHarness({ signatureWindowMs: 60_000 });
    const id = 'GZ-SIG-0001';
    await registered(h.client(id), id);
    // Margins of 30 s either side of the 60 s window: a stalled machine must not move a request across it.
    const late = h.client(id, { now: () => Date.now() - 90_000 });
    const early = h.client(id, { now: () => Date.now() + 90_000 });
    const slightlyOff = h.client(id, { now: () => Date.now() - 30_000 });
    for (const skewed of [late, early]) {
      const outcome = await skewed.sendHeartbeat(heartbeat(2));
      expect(outcome).toMatchObject({ kind: 'rejected', status: 401, error: { code: 'stale-timestamp', retryable: true, details: { windowSeconds: 60 } } });
      const serverTime = outcome.kind === 'rejected' ? Date.parse(String(outcome.error.details?.serverTime)) : NaN;
      expect(Math.abs(serverTime - Date.now())).toBeLessThan(60_000);
    }
    expect(okValue(await slightlyOff.sendHeartbeat(heartbeat(3))).commands).toEqual([]);
    // The platform's own clock moving has the same effect.
    h.sim.setClockSkew(-120_000);
    expect(await h.client(id).sendHeartbeat(heartbeat(4))).toMatchObject({ kind: 'rejected', error: { code: 'stale-timestamp' } });
    h.sim.setClockSkew(0);
    expect(okValue(await h.client(id).sendHeartbeat(heartbeat(5))).commands).toEqual([]);
  });

  it('rejects a replayed nonce: the same request sent twice, byte for byte, is refused the second time', async () => {
    h = await startHarness();
    const id = 'GZ-SIG-0002';
    await registered(h.client(id), id);
    const transport = recordingTransport();
    const client = h.client(id, { transport });
    okValue(await client.sendHeartbeat(heartbeat(1)));
    const captured = transport.sent[0];
    if (!captured) throw new Error('nothing was sent');
    const replay = await createNodeHttpTransport().send(captured);
    expect(replay.kind === 'response' ? [replay.status, JSON.parse(Buffer.from(replay.body).toString('utf8')).code] : replay).toEqual([401, 'replayed-nonce']);
    // A client that reuses a nonce for a new request is refused the same way.
    const fixedNonce = h.client(id, { nonce: () => 'the-same-nonce-every-time' });
    okValue(await fixedNonce.sendHeartbeat(heartbeat(2)));
    expect(await fixedNonce.sendHeartbeat(heartbeat(3))).toMatchObject({ kind: 'rejected', status: 401, error: { code: 'replayed-nonce' } });
    expect(h.sim.records.heartbeats().find((x) => x.terminalId === id)?.count).toBe(2);
    transport.close();
  });

  it('rejects a wrong secret and a body changed after signing', async () => {
    h = await startHarness();
    const id = 'GZ-SIG-0003';
    await registered(h.client(id), id);
    const wrong = h.client(id, { credential: { keyId: id, secret: 'not-the-demo-secret-at-all-0000000', algorithm: 'hmac-sha256' } });
    expect(await wrong.sendHeartbeat(heartbeat(1))).toMatchObject({ kind: 'rejected', status: 401, error: { code: 'bad-signature', retryable: false } });
    const tampering = recordingTransport((request) => ({ ...request, body: Buffer.from(Buffer.from(request.body ?? []).toString('utf8').replace('"sequence":1', '"sequence":9')) }));
    const tampered = h.client(id, { transport: tampering });
    expect(await tampered.sendHeartbeat(heartbeat(1))).toMatchObject({ kind: 'rejected', error: { code: 'bad-signature' } });
    tampering.close();
  });

  it('uses per-terminal credentials from its store, and refuses the demo secret when it is switched off', async () => {
    const secret = 'per-terminal-secret-for-GZ-SIG-0004-xyz';
    h = await startHarness({ demoSecret: null, credentials: [{ keyId: 'key-2026-0004', terminalId: 'GZ-SIG-0004', secret }] });
    const own = h.client('GZ-SIG-0004', { credential: { keyId: 'key-2026-0004', secret, algorithm: 'hmac-sm3' } });
    await registered(own, 'GZ-SIG-0004');
    expect(okValue(await own.sendHeartbeat(heartbeat(1))).serverTime).toEqual(expect.any(String));
    expect(await h.client('GZ-SIG-0004').sendHeartbeat(heartbeat(2))).toMatchObject({ kind: 'rejected', error: { code: 'unknown-key' } });
    // The key's terminal is the one registered, whatever id the body claims.
    const claim = await own.registerTerminal({ terminalId: 'GZ-SIG-0005', groups: [], versions: { app: '0.1.0' }, configVersion: null, devices: [] });
    expect(claim).toMatchObject({ kind: 'rejected', status: 403, error: { code: 'terminal-mismatch' } });
    h.sim.addCredential({ keyId: 'key-2026-0005', terminalId: 'GZ-SIG-0005', secret });
    await registered(h.client('GZ-SIG-0005', { credential: { keyId: 'key-2026-0005', secret, algorithm: 'hmac-sha256' } }), 'GZ-SIG-0005');
  });
});
