// Platform sync benchmark (run through tsx): the platform simulator in its own process on
// loopback, then
//   1. N simulated terminals heartbeating at a fixed interval for a duration, with bounded
//      concurrency: p50/p99 heartbeat latency (target p99 < 50 ms);
//   2. raw event-batch ingestion: M events posted in batches, one batch after the other
//      (the outbox drain itself is the sync agent's): events per second.
// Every request is signed and checked by the simulator exactly as in production use.
//
//   node --import tsx scripts/benchPlatform.ts [--duration 60] [--terminals 1000] [--interval 2]
//     [--concurrency 64] [--events 10000] [--batch 200] [--algorithm hmac-sha256|hmac-sm3]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeHttpTransport } from '../electron/platform/nodeHttpTransport.js';
import type { HeartbeatRequest, PlatformEvent } from '../electron/platform/platformApiTypes.js';
import { type PlatformClient, createPlatformClient } from '../electron/platform/platformClient.js';
import type { SignatureAlgorithm } from '../electron/platform/signatureAlgorithms.js';
import { DEMO_TERMINAL_SECRET } from '../test/platform-sim/platformSimulator.js';

const P99_TARGET_MS = 50;
const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    terminals: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '64' },
    events: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '200' },
    algorithm: { type: 'string', default: 'hmac-sha256' },
  },
});
const number = (name: keyof typeof values, min: number): number => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}, not "${String(values[name])}"`);
  return value;
};
const durationMs = number('duration', 1) * 1000;
const terminals = Math.floor(number('terminals', 1));
const intervalMs = number('interval', 0.01) * 1000;
const concurrency = Math.floor(number('concurrency', 1));
const eventCount = Math.floor(number('events', 1));
const batchSize = Math.min(500, Math.floor(number('batch', 1)));
const algorithm = values.algorithm as SignatureAlgorithm;
if (algorithm !== 'hmac-sha256' && algorithm !== 'hmac-sm3') throw new Error('--algorithm must be hmac-sha256 or hmac-sm3');

function startSimulator(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'config/cli/kioskctl.ts', 'platform-sim', '--port', '0', '--data-dir', dataDir, '--admin-token', 'bench-admin-token'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /platform-sim listening on (\S+)\n/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`platform-sim exited with ${code}: ${errors}`)));
  });
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` for indexes 0, 1, 2, … with at most `limit` at once, until `next` returns null. */
async function pool(limit: number, next: () => number | null, task: (index: number) => Promise<void>): Promise<void> {
  const worker = async () => {
    for (let index = next(); index !== null; index = next()) await task(index);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function heartbeatBody(sequence: number): HeartbeatRequest {
  return {
    sentAt: new Date().toISOString(),
    sequence,
    versions: { app: '0.1.0', electron: '41.10.0', os: 'linux' },
    configVersion: 3,
    serviceState: 'in-service',
    sessionActive: sequence % 7 === 0,
    devices: [
      { id: 'idcard', kind: 'id-card-reader', state: 'ready', faultCode: null, counters: { reads: sequence, errors: 0 } },
      { id: 'printer', kind: 'receipt-printer', state: 'ready', faultCode: null, counters: { prints: sequence, cuts: sequence }, paper: 'ok' },
      { id: 'scanner', kind: 'payment-code-scanner', state: 'ready', faultCode: null, counters: { scans: sequence } },
    ],
    outbox: { depth: sequence % 5, oldestAgeSeconds: sequence % 5 === 0 ? null : 2.5 },
    diskFreeBytes: 48_000_000_000,
    clockOffsetMs: 3,
    uptimeSeconds: sequence * 2,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-platform-'));
const { child, url } = await startSimulator(dataDir);
const transport = createNodeHttpTransport({ maxSockets: concurrency });
const clientFor = (terminalId: string): PlatformClient =>
  createPlatformClient({ baseUrl: url, credential: { keyId: terminalId, secret: DEMO_TERMINAL_SECRET, algorithm }, timeoutMs: 10_000, transport });

try {
  // Registration (not measured).
  const fleet = Array.from({ length: terminals }, (_, i) => `BENCH-${String(i + 1).padStart(5, '0')}`);
  const clients = fleet.map(clientFor);
  let registering = 0;
  await pool(
    concurrency,
    () => (registering < terminals ? registering++ : null),
    async (i) => {
      const outcome = await clients[i]?.registerTerminal({ terminalId: fleet[i] ?? '', groups: ['bench'], versions: { app: '0.1.0' }, configVersion: 3, devices: [] });
      if (outcome?.kind !== 'ok') throw new Error(`registration failed: ${JSON.stringify(outcome)}`);
    },
  );

  // Heartbeats: request j is terminal j mod N, due at start + j·interval/N.
  const spacingMs = intervalMs / terminals;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let lateStarts = 0;
  let nextRequest = 0;
  const started = performance.now();
  await pool(
    concurrency,
    () => {
      const j = nextRequest;
      if (j * spacingMs >= durationMs) return null;
      nextRequest += 1;
      return j;
    },
    async (j) => {
      const wait = started + j * spacingMs - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -intervalMs) lateStarts += 1;
      const client = clients[j % terminals];
      const t0 = performance.now();
      const outcome = await client?.sendHeartbeat(heartbeatBody(Math.floor(j / terminals)));
      const ms = performance.now() - t0;
      if (outcome?.kind === 'ok') latencies.push(ms);
      else failures.set(outcome?.kind ?? 'missing', (failures.get(outcome?.kind ?? 'missing') ?? 0) + 1);
    },
  );
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = percentile(sorted, 0.99);
  console.log(
    `platform: ${terminals} terminals heartbeating every ${intervalMs / 1000} s for ${durationMs / 1000} s (concurrency ${concurrency}, ${algorithm.toUpperCase()}, loopback, simulator in its own process)`,
  );
  console.log(
    `  ${latencies.length} heartbeats (${(latencies.length / elapsedS).toFixed(0)}/s): p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
      `max ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} ms  target p99 < ${P99_TARGET_MS} ms: ${p99 < P99_TARGET_MS && failures.size === 0 ? 'within target' : 'OVER TARGET'}`,
  );
  console.log(`  failures: ${failures.size === 0 ? 'none' : [...failures].map(([k, n]) => `${n} ${k}`).join(', ')}${lateStarts > 0 ? `; ${lateStarts} started over an interval late` : ''}`);

  // Raw batch ingestion by one terminal, batches one after the other.
  const drainer = clients[0];
  const batches = Math.ceil(eventCount / batchSize);
  const batchTimes: number[] = [];
  let acknowledged = 0;
  const ingestStart = performance.now();
  for (let b = 0; b < batches; b++) {
    const events: PlatformEvent[] = [];
    for (let i = b * batchSize; i < Math.min(eventCount, (b + 1) * batchSize); i++) {
      events.push({
        eventId: `bench-ev-${String(i).padStart(8, '0')}`,
        type: 'case',
        occurredAt: new Date().toISOString(),
        sequence: i,
        payload: { caseNumber: `CJ2026${String(i).padStart(6, '0')}`, service: 'exit-entry-endorsement', status: 'completed' },
      });
    }
    const t0 = performance.now();
    const outcome = await drainer?.postEventBatch({ batchId: `bench-batch-${String(b).padStart(6, '0')}`, sentAt: new Date().toISOString(), events });
    batchTimes.push(performance.now() - t0);
    if (outcome?.kind !== 'ok') throw new Error(`batch ${b} failed: ${JSON.stringify(outcome)}`);
    acknowledged += outcome.value.acknowledged.length;
  }
  const ingestS = (performance.now() - ingestStart) / 1000;
  const batchSorted = [...batchTimes].sort((a, b) => a - b);
  console.log(
    `  event batch ingestion: ${acknowledged} of ${eventCount} events acknowledged in ${batches} batches of ${batchSize}: ${(ingestS * 1000).toFixed(0)} ms, ` +
      `${(acknowledged / ingestS).toFixed(0)} events/s (batch p50 ${percentile(batchSorted, 0.5).toFixed(1)} ms, p99 ${percentile(batchSorted, 0.99).toFixed(1)} ms)`,
  );
  for (const client of clients) client.close();
} finally {
  transport.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
