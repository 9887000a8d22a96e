import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateFlowDefinition, type CaseFact, type FlowDefinition } from '../../../../electron/runtime/flows/flowDefinition.js';
import { FlowEngine } from '../../../../electron/runtime/flows/flowEngine.js';
import { FlowRepository } from '../../../../electron/runtime/flows/flowRepository.js';
import { silentLogger } from '../../../../electron/runtime/logger.js';
import { OutboxWriter } from '../../../../electron/runtime/outbox/outboxWriter.js';
import type { KioskStore } from '../../../../electron/runtime/store/openKioskStore.js';
import { FakeClock } from '../../../helpers/fakeClock.js';
import { RecordingAudit } from '../../../helpers/runtimeFakes.js';
import { openTestStore, tempDir } from '../../store/storeTestKit.js';

/** Case milestones go to the outbox in the transition's own transaction, never without it. */

type Ctx = { caseNumber?: string };
const step = (on: FlowDefinition<Ctx, object>['steps'][string]['on'], final?: 'completed' | 'cancelled') => ({
  phase: 'before-payment' as const,
  timeoutMs: null,
  devices: [],
  faults: {},
  onResume: 'repeat' as const,
  on,
  ...(final ? { final } : {}),
});

function flowWith(caseEvent: (from: string, to: string, context: Ctx) => CaseFact | null) {
  return validateFlowDefinition<Ctx, object>({
    kind: 'exit-entry-endorsement',
    initial: 'a',
    cancelStep: 'cancelled',
    caseEvent,
    steps: {
      a: step((e) => (e.type === 'numbered' ? { to: 'b', context: { caseNumber: 'ABC123456' } } : null)),
      b: step((e) => (e.type === 'finish' ? { to: 'done' } : null)),
      done: step(() => null, 'completed'),
      cancelled: step(() => null, 'cancelled'),
    },
  });
}

const stores: KioskStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

function setup(definition: FlowDefinition<Ctx, object>) {
  const clock = new FakeClock(Date.UTC(2026, 10, 23, 10));
  const store = openTestStore(path.join(tempDir(), 'kiosk.db'), clock);
  stores.push(store);
  const outbox = new OutboxWriter(store.db, clock);
  const engine = new FlowEngine<object>({ repository: new FlowRepository(store.db, clock), clock, services: {}, audit: new RecordingAudit(), logger: silentLogger, facts: outbox });
  engine.register(definition);
  const caseEvents = () =>
    (store.db.prepare("SELECT payload FROM outbox_events WHERE kind = 'case' ORDER BY rowid").all() as { payload: string }[]).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
  return { engine, store, caseEvents };
}

describe('case milestones of a flow', () => {
  it('writes the milestone the definition names, with the service, when the step is taken', () => {
    const { engine, caseEvents } = setup(flowWith((_from, to, context) => (context.caseNumber ? { caseNumber: context.caseNumber, status: to === 'done' ? 'completed' : 'approved' } : null)));
    const flow = engine.start('exit-entry-endorsement', {});
    expect(caseEvents()).toEqual([]);
    engine.send(flow.flowId, { type: 'numbered' });
    engine.send(flow.flowId, { type: 'finish' });
    expect(caseEvents()).toEqual([
      { caseNumber: 'ABC123456', status: 'approved', service: 'exit-entry-endorsement' },
      { caseNumber: 'ABC123456', status: 'completed', service: 'exit-entry-endorsement' },
    ]);
  });

  it('writes nothing for a transition that does not happen, and a throwing mapper costs the fact, not the move', () => {
    const { engine, caseEvents } = setup(
      flowWith(() => {
        throw new Error('mapper bug');
      }),
    );
    const flow = engine.start('exit-entry-endorsement', {});
    expect(engine.send(flow.flowId, { type: 'finish' })).toMatchObject({ ok: false, reason: 'not-applicable' });
    expect(engine.send(flow.flowId, { type: 'numbered' })).toMatchObject({ ok: true, flow: { step: 'b' } });
    expect(caseEvents()).toEqual([]);
  });

  it('rolls the milestone back with the move when the store refuses the write, without throwing at the caller', () => {
    const { engine, store, caseEvents } = setup(flowWith((_f, _t, context) => (context.caseNumber ? { caseNumber: context.caseNumber, status: 'approved' } : null)));
    const flow = engine.start('exit-entry-endorsement', {});
    // The flow log refuses the write: neither the move nor its fact may remain.
    store.db.exec("CREATE TRIGGER refuse_log BEFORE INSERT ON flow_transitions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(engine.send(flow.flowId, { type: 'numbered' })).toEqual({ ok: false, reason: 'not-stored' });
    expect(engine.get(flow.flowId)?.step).toBe('a');
    expect(caseEvents()).toEqual([]);
  });
});
