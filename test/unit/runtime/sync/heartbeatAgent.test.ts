import { describe, expect, it, vi } from 'vitest';
import type { HeartbeatRequest, HeartbeatResponse, PlatformCommand } from '../../../../electron/platform/platformApiTypes.js';
import type { PlatformOutcome } from '../../../../electron/platform/platformOutcome.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { HeartbeatAgent, type HeartbeatSources } from '../../../../electron/runtime/sync/heartbeatAgent.js';
import type { DeviceStatus } from '../../../../drivers/model/deviceStatus.js';
import { FakeClock } from '../../../helpers/fakeClock.js';

const printer = (state: DeviceStatus['state'], fault: string | null = null): DeviceStatus => ({
  id: 'receipt-printer',
  kind: 'receipt-printer',
  binding: 'simulated',
  simulated: true,
  state,
  fault: fault ? { code: fault, message: { 'zh-CN': '缺纸', en: 'Out of paper' } } : null,
  capabilities: [],
  statistics: { cuts: 12, paperNearEnd: 1 },
  updatedAt: 0,
});

function setup(answer: (request: HeartbeatRequest) => PlatformOutcome<HeartbeatResponse>) {
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
  const sent: HeartbeatRequest[] = [];
  const commands: PlatformCommand[][] = [];
  const newer: number[] = [];
  let devices = [printer('ready')];
  const sources: HeartbeatSources = {
    versions: { app: '0.1.0', schema: '8' },
    configVersion: () => 3,
    inService: () => false,
    outOfServiceReasons: () => ['outside operating hours'],
    sessionActive: () => false,
    devices: () => devices,
    printersNearPaperEnd: () => new Set(['receipt-printer']),
    outbox: () => ({ depth: 4, oldestAgeSeconds: 90, deadLetters: 0 }),
    diskFreeBytes: () => 5e9,
    startedAt: clock.now() - 3_600_000,
  };
  const agent = new HeartbeatAgent({
    platform: { sendHeartbeat: async (body) => (sent.push(body), answer(body)) },
    sources,
    handlers: { onCommands: (c) => commands.push(c), onNewerConfig: (v) => newer.push(v) },
    clock,
    logger: silentLogger,
    intervalSeconds: 60,
    random: () => 0,
  });
  return { agent, clock, sent, commands, newer, setDevices: (d: DeviceStatus[]) => (devices = d) };
}

const ok = (value: Partial<HeartbeatResponse> = {}): PlatformOutcome<HeartbeatResponse> => ({
  kind: 'ok',
  status: 200,
  value: { serverTime: '2026-11-23T10:00:02.000Z', nextHeartbeatSeconds: 60, commands: [], latestConfigVersion: 3, ...value },
});

describe('HeartbeatAgent', () => {
  it('reports versions, config, service state, devices with paper, outbox and uptime', async () => {
    const { agent, sent, setDevices } = setup(() => ok());
    await agent.beat();
    expect(sent[0]).toMatchObject({
      sequence: 1,
      versions: { app: '0.1.0' },
      configVersion: 3,
      serviceState: 'out-of-service',
      outOfServiceReasons: ['outside operating hours'],
      devices: [{ id: 'receipt-printer', state: 'ready', paper: 'near-end', counters: { cuts: 12 } }],
      outbox: { depth: 4, oldestAgeSeconds: 90 },
      uptimeSeconds: 3_600,
      clockOffsetMs: null,
    });
    setDevices([printer('fault', 'paper-end')]);
    await agent.beat();
    expect(sent[1]).toMatchObject({ sequence: 2, devices: [{ paper: 'out', faultCode: 'paper-end' }], clockOffsetMs: 2_000 });
  });

  it('says whether the platform link is up: connecting, online, then offline after failures or silence', async () => {
    let up = true;
    const { agent, clock } = setup(() => (up ? ok() : { kind: 'unavailable', reason: 'network', detail: 'down' }));
    expect(agent.link().state).toBe('connecting');
    await agent.beat();
    expect(agent.link()).toEqual({ state: 'online', lastHeartbeatAt: clock.now() });
    clock.advance(180_001); // three intervals without an answer
    expect(agent.link().state).toBe('offline');
    await agent.beat();
    expect(agent.link().state).toBe('online');
    up = false;
    await agent.beat();
    expect(agent.link().state).toBe('offline');
  });

  it('hands commands on and asks for a newer config bundle', async () => {
    const command: PlatformCommand = { commandId: 'c1', kind: 'reset', force: false, issuedAt: 'x', expiresAt: null, parameters: {} };
    const { agent, commands, newer } = setup(() => ok({ commands: [command], latestConfigVersion: 4 }));
    await agent.beat();
    expect(commands).toEqual([[command]]);
    expect(newer).toEqual([4]);
  });

  it('keeps beating at the interval (with jitter) when the platform is away', async () => {
    let up = false;
    const { agent, clock, sent } = setup(() => (up ? ok({ nextHeartbeatSeconds: 30 }) : { kind: 'unavailable', reason: 'network', detail: 'down' }));
    agent.start();
    clock.advance(0);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 5));
    up = true;
    clock.advance(54_000); // 60 s × (0.9 + 0.2 × 0)
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 5));
    clock.advance(27_000); // the platform asked for 30 s
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    agent.stop();
  });
});

describe('HeartbeatAgent: stopping', () => {
  it('waits for a beat under way, then does nothing more (the store may close right after)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
    let answer: (outcome: PlatformOutcome<HeartbeatResponse>) => void = () => undefined;
    let beats = 0;
    const ends: string[] = [];
    const agent = new HeartbeatAgent({
      platform: {
        sendHeartbeat: () => {
          beats++;
          return new Promise((resolve) => (answer = resolve));
        },
      },
      sources: {
        versions: { app: '0.1.0' },
        configVersion: () => null,
        inService: () => true,
        outOfServiceReasons: () => [],
        sessionActive: () => false,
        devices: () => [],
        printersNearPaperEnd: () => new Set(),
        outbox: () => ({ depth: 0, oldestAgeSeconds: null, deadLetters: 0 }),
        diskFreeBytes: () => 1e9,
        startedAt: clock.now(),
      },
      handlers: { onCommands: () => ends.push('commands'), onNewerConfig: () => ends.push('config'), onBeat: () => ends.push('beat-ended') },
      clock,
      logger: silentLogger,
      intervalSeconds: 60,
      random: () => 0,
    });
    agent.start();
    clock.advance(0);
    expect(beats).toBe(1);

    let stopped = false;
    const stopping = agent.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    // The late answer carries a command and a newer config: neither is acted on any more.
    answer(ok({ commands: [{ commandId: 'c9', kind: 'reset', force: false, issuedAt: 'x', expiresAt: null, parameters: {} }], latestConfigVersion: 9 }));
    await stopping;
    expect(ends).toEqual([]);
    clock.advance(120_000);
    expect(beats).toBe(1);
  });
});
