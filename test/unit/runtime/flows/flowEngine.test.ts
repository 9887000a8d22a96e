import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateFlowDefinition, type FlowDefinition, type FlowEvent } from '../../../../electron/runtime/flows/flowDefinition.js';
import { FlowEngine } from '../../../../electron/runtime/flows/flowEngine.js';
import { FlowRepository } from '../../../../electron/runtime/flows/flowRepository.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { openTestStore, tempDir } from '../../store/storeTestKit.js';

/** What the test flow's steps call; each counts its calls so a resume can be shown not to repeat a charge. */
class TestServices {
  charges = 0;
  issueAnswer: FlowEvent = { type: 'issued' };
  chargeAnswer: () => Promise<FlowEvent> = async () => ({ type: 'paid' });
  async charge(): Promise<FlowEvent> {
    this.charges++;
    return this.chargeAnswer();
  }
}

const fault = (next: string) => ({ message: { 'zh-CN': '出错了', en: 'Something went wrong' }, next });

type Ctx = { option?: string; cancelReason?: string; outcome?: string };

const testFlow: FlowDefinition<Ctx, TestServices> = validateFlowDefinition<Ctx, TestServices>({
  kind: 'test-flow',
  initial: 'identify',
  cancelStep: 'cancelled',
  steps: {
    identify: {
      phase: 'before-payment',
      timeoutMs: 60_000,
      devices: ['id-card-reader'],
      faults: { 'read-failed': fault('cancelled') },
      onResume: 'repeat',
      run: async () => ({ type: 'identified' }),
      on: (e) => (e.type === 'identified' ? { to: 'choose' } : null),
    },
    choose: {
      phase: 'before-payment',
      timeoutMs: 90_000,
      devices: [],
      faults: {},
      onResume: 'repeat',
      on: (e) =>
        e.type === 'choose'
          ? { to: 'pay', context: { option: String(e.option) } }
          : e.type === 'timeout'
            ? { to: 'cancelled', context: { cancelReason: 'timeout' } }
            : e.type === 'note'
              ? { to: 'choose', stay: true, context: { outcome: 'noted' } }
              : e.type === 'note-elsewhere'
                ? { to: 'pay', stay: true }
                : null,
    },
    pay: {
      phase: 'paying',
      timeoutMs: null,
      devices: ['payment-code-scanner'],
      faults: { declined: fault('choose') },
      onResume: { type: 'resume-payment' },
      run: (_ctx, services) => services.charge(),
      on: (e) =>
        e.type === 'paid'
          ? { to: 'issue' }
          : e.type === 'declined'
            ? { to: 'choose' }
            : e.type === 'resume-payment'
              ? { to: 'pay-recover' }
              : e.type === 'error'
                ? { to: 'staff' }
                : e.type === 'note'
                  ? { to: 'pay', stay: true, context: { outcome: 'noted while paying' } }
                  : null,
    },
    'pay-recover': {
      phase: 'paying',
      timeoutMs: null,
      devices: [],
      faults: {},
      onResume: 'repeat',
      run: async () => ({ type: 'paid' }),
      on: (e) => (e.type === 'paid' ? { to: 'issue' } : null),
    },
    issue: {
      phase: 'after-payment',
      timeoutMs: null,
      devices: [],
      faults: { 'issue-failed': fault('refund') },
      onResume: { type: 'issue-failed' },
      run: async (_ctx, services) => services.issueAnswer,
      on: (e) => (e.type === 'issued' ? { to: 'done' } : e.type === 'issue-failed' ? { to: 'refund' } : null),
    },
    refund: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, onResume: 'repeat', run: async () => ({ type: 'refunded' }), on: (e) => (e.type === 'refunded' ? { to: 'refunded' } : null) },
    done: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, onResume: 'repeat', on: () => null, final: 'completed' },
    refunded: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, onResume: 'repeat', on: () => null, final: 'compensated' },
    staff: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, onResume: 'repeat', on: () => null, final: 'handed-to-staff' },
    cancelled: { phase: 'before-payment', timeoutMs: null, devices: [], faults: {}, onResume: 'repeat', on: () => null, final: 'cancelled' },
  },
});

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(file = path.join(tempDir(), 'kiosk.db'), services = new TestServices()) {
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
  const store = openTestStore(file, clock);
  stores.push(store);
  const repository = new FlowRepository(store.db, clock);
  const audit = new RecordingAudit();
  const engine = new FlowEngine({ repository, clock, services, audit, logger: silentLogger });
  engine.register(testFlow);
  return { clock, store, repository, engine, services, audit, file };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const steps = (repository: FlowRepository, flowId: string) => repository.transitions(flowId).map((t) => t.toStep);

describe('FlowEngine', () => {
  it('runs a flow to the end, persisting every transition before the next step works', async () => {
    const { engine, repository, audit } = setup();
    const flow = engine.start('test-flow', {});
    await settle();
    expect(engine.get(flow.flowId)?.step).toBe('choose');
    expect(engine.send(flow.flowId, { type: 'choose', option: 'once' })).toMatchObject({ ok: true });
    await settle();
    await settle();
    expect(engine.get(flow.flowId)).toMatchObject({ step: 'done', status: 'completed', context: { option: 'once' } });
    expect(steps(repository, flow.flowId)).toEqual(['choose', 'pay', 'issue', 'done']);
    expect(audit.actions()).toEqual(['flow.started', 'flow.completed']);
  });

  it('allows cancel before payment only', async () => {
    const { engine, services } = setup();
    const first = engine.start('test-flow', {});
    await settle();
    expect(engine.send(first.flowId, { type: 'cancel' })).toMatchObject({ ok: true, flow: { step: 'cancelled', status: 'cancelled' } });
    const second = engine.start('test-flow', {});
    await settle();
    let release: (e: FlowEvent) => void = () => {};
    services.chargeAnswer = () => new Promise((resolve) => (release = resolve));
    engine.send(second.flowId, { type: 'choose', option: 'x' });
    expect(engine.get(second.flowId)?.step).toBe('pay');
    expect(engine.send(second.flowId, { type: 'cancel' })).toEqual({ ok: false, reason: 'cancel-not-allowed' });
    release({ type: 'paid' });
    await settle();
    await settle();
    expect(engine.get(second.flowId)?.status).toBe('completed');
  });

  it('times a step out by its own declaration', async () => {
    const { engine, clock } = setup();
    const flow = engine.start('test-flow', {});
    await settle();
    clock.advance(89_999);
    expect(engine.get(flow.flowId)?.step).toBe('choose');
    clock.advance(1);
    expect(engine.get(flow.flowId)).toMatchObject({ step: 'cancelled', context: { cancelReason: 'timeout' } });
  });

  it('ignores events that do not apply, and a late result from a step the flow has left', async () => {
    const { engine, services } = setup();
    const flow = engine.start('test-flow', {});
    await settle();
    expect(engine.send(flow.flowId, { type: 'issued' })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(engine.send('flow-nope', { type: 'choose' })).toEqual({ ok: false, reason: 'no-such-flow' });
    services.issueAnswer = { type: 'issue-failed' };
    engine.send(flow.flowId, { type: 'choose', option: 'x' });
    await settle();
    await settle();
    await settle();
    expect(engine.get(flow.flowId)).toMatchObject({ step: 'refunded', status: 'compensated' });
    expect(engine.send(flow.flowId, { type: 'choose' })).toEqual({ ok: false, reason: 'finished' });
  });

  it('after a crash mid-payment, resumes without charging again', async () => {
    const file = path.join(tempDir(), 'kiosk.db');
    const first = setup(file);
    first.services.chargeAnswer = () => new Promise(() => {}); // the runtime dies while the charge is out
    const flow = first.engine.start('test-flow', {});
    await settle();
    first.engine.send(flow.flowId, { type: 'choose', option: 'x' });
    expect(first.services.charges).toBe(1);
    first.engine.dispose();
    first.store.close();
    stores.splice(stores.indexOf(first.store), 1);

    const second = setup(file);
    const resumed = second.engine.resumeAll();
    expect(resumed.map((f) => f.flowId)).toEqual([flow.flowId]);
    await settle();
    await settle();
    expect(second.services.charges).toBe(0);
    expect(second.engine.get(flow.flowId)).toMatchObject({ status: 'completed' });
    expect(steps(second.repository, flow.flowId)).toEqual(['choose', 'pay', 'pay-recover', 'issue', 'done']);
    expect(second.audit.actions()).toContain('flow.resumed');
  });

  it('a step whose work throws gets an error event, and the definition decides (here: staff)', async () => {
    const { engine, services } = setup();
    services.chargeAnswer = async () => {
      throw new Error('provider exploded');
    };
    const flow = engine.start('test-flow', {});
    await settle();
    engine.send(flow.flowId, { type: 'choose', option: 'x' });
    await settle();
    await settle();
    expect(engine.get(flow.flowId)).toMatchObject({ step: 'staff', status: 'handed-to-staff' });
  });

  it('a transition that stays only stores the context: the work runs on once, the timeout keeps its start', async () => {
    const { engine, services, clock, repository } = setup();
    const seen: string[] = [];
    engine.onChange((flow) => seen.push(`${flow.step}:${String(flow.context.outcome ?? '')}`));
    const flow = engine.start('test-flow', {});
    await settle();
    clock.advance(60_000);
    expect(engine.send(flow.flowId, { type: 'note' })).toMatchObject({ ok: true, flow: { step: 'choose', context: { outcome: 'noted' } } });
    expect(seen.at(-1)).toBe('choose:noted');
    clock.advance(30_000);
    expect(engine.get(flow.flowId)).toMatchObject({ step: 'cancelled', context: { cancelReason: 'timeout', outcome: 'noted' } });

    const paying = engine.start('test-flow', {});
    await settle();
    let release: (e: FlowEvent) => void = () => {};
    services.chargeAnswer = () => new Promise((resolve) => (release = resolve));
    engine.send(paying.flowId, { type: 'choose', option: 'x' });
    expect(engine.send(paying.flowId, { type: 'note' })).toMatchObject({ ok: true });
    release({ type: 'paid' });
    await settle();
    await settle();
    expect(services.charges).toBe(1);
    expect(engine.get(paying.flowId)).toMatchObject({ status: 'completed', context: { outcome: 'noted while paying' } });
    expect(steps(repository, paying.flowId)).toEqual(['choose', 'pay', 'pay', 'issue', 'done']);
  });

  it('refuses a transition that says it stays but names another step', async () => {
    const { engine } = setup();
    const flow = engine.start('test-flow', {});
    await settle();
    expect(engine.send(flow.flowId, { type: 'note-elsewhere' })).toEqual({ ok: false, reason: 'not-applicable' });
    expect(engine.get(flow.flowId)?.step).toBe('choose');
  });

  it('refuses a definition whose faults lead nowhere', () => {
    expect(() =>
      validateFlowDefinition({ ...testFlow, steps: { ...testFlow.steps, choose: { ...testFlow.steps.choose!, faults: { x: fault('nowhere') } } } }),
    ).toThrow(/fault x leads to missing step nowhere/);
  });
});
