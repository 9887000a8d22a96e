import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createFleetAdminClient } from '../../../electron/platform/fleetAdminClient.js';
import { startRuntimeWithPlatform } from '../../helpers/runtimeWithPlatform.js';
import { generateAdminSigningKey, trustedKeyOf } from '../../../config/bundles/adminSigningKey.js';
import { exampleBundle } from '../../../config/bundles/exampleBundle.js';
import { signConfigBundle } from '../../../config/bundles/signConfigBundle.js';

const SAMPLE = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8')) as Record<string, any>;
const wait = { timeout: 20_000, interval: 100 };

/** A real runtime (in-process drivers on simulators) against a real platform simulator on loopback. */
describe('the runtime and the platform', () => {
  const adminKey = generateAdminSigningKey('ed25519', 'hall-admins');

  async function start() {
    const started = await startRuntimeWithPlatform({
      simulator: { heartbeatIntervalSeconds: 5 },
      configure: (config) => (config.remoteConfig = { trustedAdminKeys: [trustedKeyOf(adminKey)], groups: ['pilot-halls'], healthGraceSeconds: 5 }),
    });
    const admin = createFleetAdminClient({ baseUrl: started.sim.url, adminToken: started.sim.adminToken, timeoutMs: 5_000 });
    return { ...started, admin };
  }

  it('registers, heartbeats with device health, and reports device faults', async () => {
    const { sim, runtime, admin, terminalId } = await start();
    await vi.waitFor(async () => {
      const list = await admin.listTerminals();
      if (list.kind !== 'ok') throw new Error(list.kind);
      const me = list.value.terminals.find((t) => t.terminalId === terminalId);
      expect(me?.online).toBe(true);
      expect(me?.devices.map((d) => d.id)).toContain('receipt-printer');
    }, wait);
    expect(sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.count).toBeGreaterThanOrEqual(1);

    // Staff play "paper out" on the simulated printer and run its self-test: the fault reaches the platform as an event.
    const origin = { transport: 'websocket' as const, peer: 'test' };
    const send = (intent: Record<string, unknown>, id: number) => runtime.bridge.handle({ kind: 'intent', id, intent }, origin);
    await send({ type: 'staff.openLogin' }, 1);
    expect(await send({ type: 'staff.submitPin', pin: '135790' }, 2)).toMatchObject({ ok: true });
    expect(await send({ type: 'staff.simulateDevice', deviceId: 'receipt-printer', action: { action: 'printer.paper-end', on: true } }, 3)).toMatchObject({ ok: true });
    await send({ type: 'staff.testDevice', deviceId: 'receipt-printer' }, 4);
    const snapshot = await runtime.bridge.handle({ kind: 'query', id: 5, query: { type: 'snapshot.get' } }, origin);
    expect(snapshot).toMatchObject({ ok: true, result: { screen: { name: 'maintenance', info: { platform: { state: 'online' } } } } });
    await vi.waitFor(() => {
      const faults = sim.records.events({ type: 'device-fault', terminalId });
      expect(faults.map((e) => e.payload)).toContainEqual(expect.objectContaining({ deviceId: 'receipt-printer', faultCode: 'paper-end', cleared: false }));
    }, wait);
    admin.close();
  }, 30_000);

  it('runs a remote command once, and the platform gets its result', async () => {
    const { sim, runtime, admin, terminalId } = await start();
    await vi.waitFor(() => expect(sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.count).toBeGreaterThanOrEqual(1), wait);
    const queued = await admin.queueTerminalCommand(terminalId, { kind: 'out-of-service', parameters: { reason: { 'zh-CN': '维护', en: 'maintenance' } } });
    expect(queued.kind).toBe('ok');
    await vi.waitFor(() => expect(runtime.isInService()).toBe(false), wait);
    await vi.waitFor(() => expect(sim.records.commands().find((c) => c.kind === 'out-of-service')?.resultOutcome).toBe('succeeded'), wait);
    admin.close();
  }, 40_000);

  it('takes a signed config bundle published for its group, applies it in place and acknowledges it', async () => {
    const { sim, runtime, admin: fleet, terminalId } = await start();
    await vi.waitFor(() => expect(sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.count).toBeGreaterThanOrEqual(1), wait);
    const draft = { ...exampleBundle({ version: 7, groups: ['pilot-halls'] }), config: { hall: { helpPhone: '0571-12345' } } };
    const signed = signConfigBundle(draft, adminKey, Date.now());
    if (!signed.ok) throw new Error(signed.problems.join('; '));
    const published = await fleet.publishConfigBundle(signed.document as never);
    expect(published.kind).toBe('ok');
    // The next heartbeat announces version 7; the terminal fetches, verifies, applies and, once healthy, confirms.
    await vi.waitFor(() => expect(runtime.config.hall.helpPhone).toBe('0571-12345'), wait);
    await vi.waitFor(
      () => expect(sim.records.configAcknowledgements().find((a) => a.terminalId === terminalId && a.version === 7)?.outcome).toBe('applied'),
      wait,
    );
    fleet.close();
  }, 45_000);

  it('refuses a bundle signed by a key it does not trust, keeps its config, and tells the platform why', async () => {
    const { sim, runtime, admin: fleet, terminalId } = await start();
    await vi.waitFor(() => expect(sim.records.heartbeats().find((h) => h.terminalId === terminalId)?.count).toBeGreaterThanOrEqual(1), wait);
    const intruder = generateAdminSigningKey('ed25519', 'hall-admins');
    const signed = signConfigBundle({ ...exampleBundle({ version: 8, terminals: [terminalId] }), config: { hall: { helpPhone: '110' } } }, intruder, Date.now());
    if (!signed.ok) throw new Error(signed.problems.join('; '));
    expect((await fleet.publishConfigBundle(signed.document as never)).kind).toBe('ok');
    await vi.waitFor(() => {
      const ack = sim.records.configAcknowledgements().find((a) => a.terminalId === terminalId && a.version === 8);
      expect(ack?.outcome).toBe('rejected');
      expect(JSON.stringify(ack?.reason)).toContain('bad-signature');
    }, wait);
    expect(runtime.config.hall.helpPhone).toBe(SAMPLE.hall.helpPhone);
    fleet.close();
  }, 45_000);
});
