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

/** Sends through node:http and keeps a copy of each request as it went out, and the status it got. */
function recordingTransport(mutate?: (request: TransportRequest) => TransportRequest): PlatformTransport & { sent: TransportRequest[]; statuses: number[] } {
  const inner = createNodeHttpTransport();
  const sent: TransportRequest[] = [];
  const statuses: number[] = [];
  return {
    sent,
    statuses,
    send: async (request) => {
      const outgoing = mutate ? mutate(request) : request;
      sent.push(outgoing);
      const result = await inner.send(outgoing);
      statuses.push(result.kind === 'response' ? result.status : 0);
      return result;
    },
    close: () => inner.close(),
  };
}

const signedAt = (request: TransportRequest) => Number(request.headers['x-kiosk-timestamp'] ?? request.headers['X-Kiosk-Timestamp']);

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

  it('refuses a timestamp outside the window, on either side, with the platform time; the client signs again with it and is accepted', async () => {
    h = await startHarness({ signatureWindowMs: 60_000 });
    const id = 'GZ-SIG-0001';
    await registered(h.client(id), id);
    let sequence = 2;
    // Margins of 30 s either side of the 60 s window: a stalled machine must not move a request across it.
    for (const skewMs of [-90_000, 90_000]) {
      const transport = recordingTransport();
      const skewed = h.client(id, { now: () => Date.now() + skewMs, transport });
      expect(okValue(await skewed.sendHeartbeat(heartbeat(sequence++))).commands).toEqual([]);
      expect(transport.statuses).toEqual([401, 200]);
      const [refused, accepted] = transport.sent.map(signedAt);
      expect(Math.abs(refused! - skewMs - Date.now())).toBeLessThan(15_000);
      expect(Math.abs(accepted! - Date.now())).toBeLessThan(15_000);
      // The correction stays: the next request is signed right the first time.
      await skewed.sendHeartbeat(heartbeat(sequence++));
      expect(transport.statuses).toEqual([401, 200, 200]);
      transport.close();
    }
    const slightlyOff = recordingTransport();
    expect(okValue(await h.client(id, { now: () => Date.now() - 30_000, transport: slightlyOff }).sendHeartbeat(heartbeat(sequence++))).commands).toEqual([]);
    expect(slightlyOff.statuses).toEqual([200]);
    slightlyOff.close();
    // The platform's own clock moving has the same effect, and the same cure.
    h.sim.setClockSkew(-120_000);
    const afterSkew = recordingTransport();
    expect(okValue(await h.client(id, { transport: afterSkew }).sendHeartbeat(heartbeat(sequence++))).commands).toEqual([]);
    expect(afterSkew.statuses).toEqual([401, 200]);
    afterSkew.close();
    h.sim.setClockSkew(0);
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
