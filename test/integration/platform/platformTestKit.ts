import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFleetAdminClient } from '../../../electron/platform/fleetAdminClient.js';
import type { HeartbeatRequest } from '../../../electron/platform/platformApiTypes.js';
import type { ContractViolationReport } from '../../../electron/platform/platformCall.js';
import { type PlatformClient, type PlatformClientOptions, createPlatformClient } from '../../../electron/platform/platformClient.js';
import { loadPlatformContract } from '../../../electron/platform/platformContract.js';
import type { PlatformOutcome } from '../../../electron/platform/platformOutcome.js';
import {
  DEMO_TERMINAL_SECRET,
  type PlatformSimulatorOptions,
  type RunningPlatformSimulator,
  startPlatformSimulator,
} from '../../platform-sim/platformSimulator.js';

/**
 * Simulator plus clients for the integration tests, with the contract checked on both sides:
 * the client reports what it sends and receives, the simulator what it answers.
 */

export interface PlatformHarness {
  sim: RunningPlatformSimulator;
  violations: ContractViolationReport[];
  client(terminalId: string, overrides?: Partial<PlatformClientOptions>): PlatformClient;
  admin(): ReturnType<typeof createFleetAdminClient>;
  /** Client-side reports and the simulator's own answer violations: both must stay empty. */
  allViolations(): string[];
  close(): Promise<void>;
}

export async function startHarness(options: Partial<PlatformSimulatorOptions> = {}): Promise<PlatformHarness> {
  const sim = await startPlatformSimulator({ dataDir: mkdtempSync(join(tmpdir(), 'platform-sim-')), ...options });
  const violations: ContractViolationReport[] = [];
  const contract = loadPlatformContract();
  const clients: { close(): void }[] = [];
  return {
    sim,
    violations,
    client(terminalId, overrides = {}) {
      const client = createPlatformClient({
        baseUrl: sim.url,
        credential: { keyId: terminalId, secret: DEMO_TERMINAL_SECRET, algorithm: 'hmac-sha256' },
        timeoutMs: 5000,
        contract,
        onContractViolation: (report) => violations.push(report),
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    admin() {
      const admin = createFleetAdminClient({
        baseUrl: sim.url,
        adminToken: sim.adminToken,
        timeoutMs: 5000,
        contract,
        onContractViolation: (report) => violations.push(report),
      });
      clients.push(admin);
      return admin;
    },
    allViolations: () => [
      ...violations.map((v) => `${v.operationId} ${v.direction}: ${JSON.stringify(v.violations)}`),
      ...sim.responseViolations(),
    ],
    async close() {
      for (const client of clients) client.close();
      await sim.close();
    },
  };
}

/** The value of an ok outcome; anything else fails the test with the outcome in the message. */
export function okValue<T>(outcome: PlatformOutcome<T>): T {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

export async function registered(client: PlatformClient, terminalId: string, groups: string[] = ['guangzhou']): Promise<void> {
  okValue(
    await client.registerTerminal({
      terminalId,
      groups,
      hallName: '天河区政务服务中心',
      versions: { app: '0.1.0', electron: '41.10.0' },
      configVersion: null,
      devices: [
        { id: 'printer', kind: 'receipt-printer' },
        { id: 'idcard', kind: 'id-card-reader' },
      ],
    }),
  );
}

export function heartbeat(sequence: number, overrides: Partial<HeartbeatRequest> = {}): HeartbeatRequest {
  return {
    sentAt: new Date().toISOString(),
    sequence,
    versions: { app: '0.1.0' },
    configVersion: null,
    serviceState: 'in-service',
    sessionActive: false,
    devices: [
      { id: 'printer', kind: 'receipt-printer', state: 'ready', faultCode: null, counters: { prints: 40, cuts: 40 }, paper: 'near-end' },
      { id: 'idcard', kind: 'id-card-reader', state: 'ready', faultCode: null, counters: { reads: 12 } },
    ],
    outbox: { depth: 2, oldestAgeSeconds: 4.5 },
    diskFreeBytes: 40_000_000_000,
    clockOffsetMs: 12,
    uptimeSeconds: 600,
    ...overrides,
  };
}

/** A synthetic JPEG: the SOI marker and padding, large enough to count as a photo. */
export function syntheticJpeg(seed: number, size = 4096): string {
  const bytes = Buffer.alloc(size, seed & 0xff);
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  bytes[2] = 0xff;
  return bytes.toString('base64');
}

/** The 8-byte PNG signature and a body: what a signature pad capture starts with. */
export function syntheticPng(): string {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]).toString('base64');
}
