import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../../electron/platform/platformClient.js';
import { DEMO_TERMINAL_SECRET } from '../../platform-sim/platformSimulator.js';
import { type PlatformHarness, heartbeat, okValue, registered, startHarness } from './platformTestKit.js';

/** TLS with a pinned CA: the simulator serves https with a certificate from a throwaway CA. */

const dir = mkdtempSync(join(tmpdir(), 'platform-tls-'));
const file = (name: string) => join(dir, name);

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`),
    '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

let h: PlatformHarness;

beforeAll(async () => {
  makeCa('kiosk-test-ca');
  makeCa('some-other-ca');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('kiosk-test-ca.pem'), '-CAkey', file('kiosk-test-ca.key'), '-CAcreateserial',
    '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext'));
  h = await startHarness({ tls: { key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')) } });
});

afterAll(async () => {
  await h.close();
});

const clientWith = (caFile?: string) =>
  createPlatformClient({
    baseUrl: h.sim.url,
    credential: { keyId: 'GZ-TLS-0001', secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' },
    timeoutMs: 5000,
    ...(caFile ? { caFile } : {}),
  });

describe('https with a pinned CA', () => {
  it('talks to the platform whose certificate the pinned CA issued', async () => {
    expect(h.sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = clientWith(file('kiosk-test-ca.pem'));
    await registered(client, 'GZ-TLS-0001');
    expect(okValue(await client.sendHeartbeat(heartbeat(1))).commands).toEqual([]);
    client.close();
  });

  it('refuses a platform certified by another CA (and, with no CA pinned, one the system roots do not know)', async () => {
    for (const client of [clientWith(file('some-other-ca.pem')), clientWith()]) {
      expect(await client.postEventBatch({ batchId: 'batch-tls-00001', sentAt: new Date().toISOString(), events: [] as never })).toMatchObject({
        kind: 'unavailable',
        reason: 'tls',
      });
      client.close();
    }
    expect(h.sim.records.eventBatches()).toEqual([]);
  });
});
