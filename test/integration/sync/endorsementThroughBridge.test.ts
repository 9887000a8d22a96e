import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';
import { createKioskRuntime } from '../../../electron/runtime/createKioskRuntime.js';
import type { KioskRuntime } from '../../../electron/runtime/kioskRuntime.js';
import { silentLogger } from '../../../electron/runtime/logger.js';
import { DEMO_TERMINAL_SECRET, startPlatformSimulator, type RunningPlatformSimulator } from '../../platform-sim/platformSimulator.js';

const SAMPLE = JSON.parse(readFileSync('config/terminal.sample.json', 'utf8')) as Record<string, any>;
const wait = { timeout: 20_000, interval: 50 };
const origin = { transport: 'websocket' as const, peer: 'test' };
/** A synthetic "photo": JPEG markers around filler (the platform simulator checks the format and size only). */
const FACE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4_000, 7), Buffer.from([0xff, 0xd9])]).toString('base64');

/**
 * The endorsement end to end without a renderer: the real runtime, its simulated devices
 * played through demo intents, the real platform simulator over HTTP, every snapshot checked
 * against the bridge contract.
 */
describe('exit-entry endorsement through the bridge', () => {
  let sim: RunningPlatformSimulator | null = null;
  let runtime: KioskRuntime | null = null;
  afterEach(async () => {
    await runtime?.shutdown();
    await sim?.close();
  });

  async function start() {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-endorse-'));
    sim = await startPlatformSimulator({ dataDir: join(dir, 'sim') });
    writeFileSync(join(dir, 'platform.secret'), `${DEMO_TERMINAL_SECRET}\n`, { mode: 0o600 });
    const config = structuredClone(SAMPLE);
    config.platform = { baseUrl: `${sim.url}/`, requestTimeoutSeconds: 5, heartbeatSeconds: 10, credential: { keyId: config.terminalId, secretFile: join(dir, 'platform.secret') } };
    writeFileSync(join(dir, 'terminal.json'), JSON.stringify(config));
    runtime = await createKioskRuntime({
      dataDir: join(dir, 'kiosk'),
      sampleConfigFile: 'config/terminal.sample.json',
      configFile: join(dir, 'terminal.json'),
      logger: silentLogger,
      appVersion: '0.0.0-test',
      shell: 'browser',
      deviceHost: 'in-process',
    });
    let id = 0;
    const r = runtime;
    const intent = (body: Record<string, unknown>) => r.bridge.handle({ kind: 'intent', id: ++id, intent: body }, origin);
    const snapshot = async (): Promise<KioskSnapshot> => {
      const reply = await r.bridge.handle({ kind: 'query', id: ++id, query: { type: 'snapshot.get' } }, origin);
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return kioskSnapshotSchema.parse(reply.result);
    };
    const view = async () => {
      const s = await snapshot();
      return s.screen.name === 'flow' ? s.screen.flow.view : null;
    };
    return { sim, intent, snapshot, view };
  }

  it('permit → ID card → face → choose → pay by code → issued, receipt printed, rated', async () => {
    const { sim, intent, view, snapshot } = await start();
    await vi.waitFor(async () => expect((await snapshot()).terminal.services.find((s) => s.kind === 'exit-entry-endorsement')?.available).toBe(true), wait);
    expect(await intent({ type: 'session.start' })).toMatchObject({ ok: true });
    expect(await intent({ type: 'menu.selectService', serviceId: 'hk-macau-endorsement' })).toMatchObject({ ok: true });
    expect(await intent({ type: 'service.start', serviceId: 'hk-macau-endorsement' })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())?.screen).toBe('insert-permit'), wait);
    await vi.waitFor(async () => expect(await intent({ type: 'demo.simulate', deviceId: 'permit-reader', action: { action: 'permit.present', document: 'hk-macau-permit' } })).toMatchObject({ ok: true }), wait);
    await vi.waitFor(async () => expect((await view())?.screen).toBe('insert-id-card'), wait);
    expect(await intent({ type: 'demo.simulate', deviceId: 'id-reader', action: { action: 'idcard.place-card', persona: 'permit-holder' } })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())?.screen).toBe('capture-face'), wait);
    expect(await intent({ type: 'flow.faceCaptured', format: 'jpeg', dataBase64: FACE })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())?.screen, JSON.stringify((await view())?.fault)).toBe('choose-endorsement'), wait);
    const choose = await view();
    if (choose?.screen !== 'choose-endorsement') throw new Error('not choosing');
    const first = choose.choices[0]!;
    expect(await intent({ type: 'flow.choose', kind: first.kind, destination: first.destination, optionCode: first.options[0]!.optionCode })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())?.screen).toBe('choose-payment'), wait);
    expect(await intent({ type: 'flow.pay', method: 'payment-code' })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())?.screen).toBe('scan-code'), wait);
    await vi.waitFor(async () => expect(await intent({ type: 'demo.simulate', deviceId: 'code-scanner', action: { action: 'scanner.present-code', wallet: 'wechat' } })).toMatchObject({ ok: true }), wait);
    await vi.waitFor(async () => expect((await view())?.screen, JSON.stringify((await view())?.fault)).toBe('rate'), { timeout: 60_000, interval: 100 });
    expect(await intent({ type: 'flow.rate', stars: 5 })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())).toMatchObject({ screen: 'result', outcome: 'issued', receipt: 'printed' }), wait);
    expect(await intent({ type: 'session.end' })).toMatchObject({ ok: true });
    expect((await snapshot()).screen.name).toBe('attract');
    // The platform has the payment (paid, delivered) and the rating, through the outbox.
    await vi.waitFor(() => expect(sim.records.ratings().length).toBe(1), wait);
    expect(sim.records.paymentOrders().filter((o) => o.state === 'paid')).toHaveLength(1);
  }, 90_000);

  it('cancel before payment returns to the attract screen and charges nothing', async () => {
    const { sim, intent, view, snapshot } = await start();
    await vi.waitFor(async () => expect((await snapshot()).terminal.services.find((s) => s.kind === 'exit-entry-endorsement')?.available).toBe(true), wait);
    await intent({ type: 'session.start' });
    await intent({ type: 'menu.selectService', serviceId: 'hk-macau-endorsement' });
    await intent({ type: 'service.start', serviceId: 'hk-macau-endorsement' });
    await vi.waitFor(async () => expect((await view())?.screen).toBe('insert-permit'), wait);
    expect(await intent({ type: 'flow.cancel' })).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await view())).toMatchObject({ screen: 'result', outcome: 'cancelled' }), wait);
    await intent({ type: 'session.end' });
    expect((await snapshot()).screen.name).toBe('attract');
    expect(sim.records.paymentOrders()).toEqual([]);
  }, 60_000);
});
