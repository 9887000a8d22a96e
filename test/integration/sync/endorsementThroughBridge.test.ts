import { describe, expect, it, vi } from 'vitest';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../../electron/bridge/kioskSnapshot.js';
import { syntheticPhoto } from '../../../electron/runtime/scenarios/runScenario.js';
import { startRuntimeWithPlatform } from '../../helpers/runtimeWithPlatform.js';

const wait = { timeout: 20_000, interval: 50 };
const origin = { transport: 'websocket' as const, peer: 'test' };
const FACE = syntheticPhoto();

/**
 * The endorsement end to end without a renderer: the real runtime, its simulated devices
 * played through demo intents, the real platform simulator over HTTP, every snapshot checked
 * against the bridge contract.
 */
describe('exit-entry endorsement through the bridge', () => {
  async function start() {
    const { sim, runtime } = await startRuntimeWithPlatform();
    let id = 0;
    const intent = (body: Record<string, unknown>) => runtime.bridge.handle({ kind: 'intent', id: ++id, intent: body }, origin);
    const snapshot = async (): Promise<KioskSnapshot> => {
      const reply = await runtime.bridge.handle({ kind: 'query', id: ++id, query: { type: 'snapshot.get' } }, origin);
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
