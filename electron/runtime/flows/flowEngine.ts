import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxWriter } from '../outbox/outboxWriter.js';
import type { CaseFact, FlowContext, FlowDefinition, FlowEvent, StepDefinition } from './flowDefinition.js';
import type { FlowRecord, FlowRepository } from './flowRepository.js';

export type SendResult = { ok: true; flow: FlowRecord } | { ok: false; reason: 'no-such-flow' | 'finished' | 'not-applicable' | 'cancel-not-allowed' | 'not-stored' };

interface Running {
  abort: AbortController;
  timer: TimerHandle | null;
}

/**
 * Runs citizen flows as persisted state machines. A transition is durable (flows row plus log,
 * one transaction) before the new step's work starts; the work's result comes back as the next
 * event. Steps time out by their own declaration; `cancel` is honoured only before payment. On
 * start-up every active flow resumes: steps that are safe to repeat run again, the others get
 * the resume event their definition names (a payment is re-queried, never re-sent).
 */
export class FlowEngine<Services> {
  private readonly definitions = new Map<string, FlowDefinition<FlowContext, Services>>();
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(flow: FlowRecord) => void>();
  private disposed = false;

  constructor(
    private readonly deps: {
      repository: FlowRepository;
      clock: Clock;
      services: Services;
      audit: AuditSink;
      logger: Logger;
      /** Where case milestones go (the outbox); without it, definitions' caseEvent is not asked. */
      facts?: Pick<OutboxWriter, 'append'>;
    },
  ) {}

  register<Ctx extends FlowContext>(definition: FlowDefinition<Ctx, Services>): void {
    this.definitions.set(definition.kind, definition as unknown as FlowDefinition<FlowContext, Services>);
  }

  onChange(listener: (flow: FlowRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(kind: string, context: FlowContext): FlowRecord {
    const definition = this.definition(kind);
    const flow = this.deps.repository.create({ flowId: `flow-${randomUUID()}`, kind, step: definition.initial, context });
    this.deps.audit.append({ actor: 'citizen', action: 'flow.started', detail: { flowId: flow.flowId, kind } });
    this.enter(flow);
    return flow;
  }

  get(flowId: string): FlowRecord | null {
    return this.deps.repository.get(flowId);
  }

  /** Delivers an event (an intent, or a step's result). Never throws at the caller. */
  send(flowId: string, event: FlowEvent): SendResult {
    const flow = this.deps.repository.get(flowId);
    if (!flow) return { ok: false, reason: 'no-such-flow' };
    if (flow.status !== 'active') return { ok: false, reason: 'finished' };
    const definition = this.definition(flow.kind);
    const step = definition.steps[flow.step]!;
    let target: { to: string; context?: Partial<FlowContext>; stay?: true } | null;
    if (event.type === 'cancel') {
      if (step.phase !== 'before-payment') return { ok: false, reason: 'cancel-not-allowed' };
      target = { to: definition.cancelStep, context: { cancelReason: event.reason ?? 'citizen' } };
    } else {
      try {
        target = step.on(event, flow.context);
      } catch (error) {
        this.deps.logger.error('flow transition threw', { flowId, step: flow.step, event: event.type, error: errorText(error) });
        target = null;
      }
    }
    if (!target) return { ok: false, reason: 'not-applicable' };
    if (target.stay) return this.note(flow, event, target);
    const next = definition.steps[target.to];
    if (!next) {
      this.deps.logger.error('flow transition to a missing step', { flowId, to: target.to });
      return { ok: false, reason: 'not-applicable' };
    }
    const context = { ...flow.context, ...target.context };
    const status = next.final ?? 'active';
    const fact = this.caseFact(definition, flow, target.to, context);
    const recordFact = fact ? () => this.deps.facts!.append('case', { ...fact, service: flow.kind }) : undefined;
    let stored: boolean;
    try {
      stored = this.deps.repository.transition(flowId, flow.step, { step: target.to, status, context }, event.type, recordFact);
    } catch (error) {
      // The store refused the write (disk full, I/O error): the flow stays where it was, durably.
      this.deps.logger.error('flow transition could not be stored', { flowId, step: flow.step, to: target.to, error: errorText(error) });
      return { ok: false, reason: 'not-stored' };
    }
    if (!stored) return { ok: false, reason: 'not-applicable' };
    this.stopRunning(flowId);
    const moved = this.deps.repository.get(flowId)!;
    if (status !== 'active') this.deps.audit.append({ actor: 'system', action: `flow.${status}`, detail: { flowId, kind: flow.kind, step: target.to } });
    this.enter(moved);
    return { ok: true, flow: moved };
  }

  /** A context change within the step: stored, shown, and the step's work left running. */
  private note(flow: FlowRecord, event: FlowEvent, target: { to: string; context?: Partial<FlowContext> }): SendResult {
    if (target.to !== flow.step) {
      this.deps.logger.error('flow transition stays but names another step', { flowId: flow.flowId, step: flow.step, to: target.to });
      return { ok: false, reason: 'not-applicable' };
    }
    let stored: boolean;
    try {
      stored = this.deps.repository.note(flow.flowId, flow.step, { ...flow.context, ...target.context }, event.type);
    } catch (error) {
      this.deps.logger.error('flow context could not be stored', { flowId: flow.flowId, step: flow.step, error: errorText(error) });
      return { ok: false, reason: 'not-stored' };
    }
    if (!stored) return { ok: false, reason: 'not-applicable' };
    const noted = this.deps.repository.get(flow.flowId)!;
    this.notify(noted);
    return { ok: true, flow: noted };
  }

  /** At start-up: pick every unfinished flow up where it was. */
  resumeAll(): FlowRecord[] {
    const resumed: FlowRecord[] = [];
    for (const flow of this.deps.repository.active()) {
      const definition = this.definitions.get(flow.kind);
      if (!definition) {
        this.deps.logger.error('active flow of an unknown kind; left for staff', { flowId: flow.flowId, kind: flow.kind });
        continue;
      }
      const step = definition.steps[flow.step]!;
      this.deps.audit.append({ actor: 'system', action: 'flow.resumed', detail: { flowId: flow.flowId, step: flow.step } });
      if (step.onResume === 'repeat') this.enter(flow);
      else this.send(flow.flowId, step.onResume);
      resumed.push(this.deps.repository.get(flow.flowId)!);
    }
    return resumed;
  }

  dispose(): void {
    this.disposed = true;
    for (const flowId of [...this.running.keys()]) this.stopRunning(flowId);
  }

  private enter(flow: FlowRecord): void {
    this.notify(flow);
    if (flow.status !== 'active' || this.disposed) return;
    const step = this.definition(flow.kind).steps[flow.step]! as StepDefinition<FlowContext, Services>;
    const abort = new AbortController();
    const running: Running = { abort, timer: null };
    this.running.set(flow.flowId, running);
    if (step.timeoutMs !== null) {
      const remaining = Math.max(0, flow.stepEnteredAt + step.timeoutMs - this.deps.clock.now());
      running.timer = this.deps.clock.setTimeout(() => this.deliver(flow.flowId, flow.step, { type: 'timeout' }), remaining);
    }
    if (step.run) {
      step
        .run(flow.context, this.deps.services, abort.signal)
        .catch((error: unknown): FlowEvent => ({ type: 'error', message: errorText(error) }))
        .then((event) => {
          if (!abort.signal.aborted) this.deliver(flow.flowId, flow.step, event);
        });
    }
  }

  /** A step's own result or timeout: only if the flow is still in that step. */
  private deliver(flowId: string, step: string, event: FlowEvent): void {
    const current = this.deps.repository.get(flowId);
    if (!current || current.status !== 'active' || current.step !== step) return;
    const result = this.send(flowId, event);
    if (!result.ok) this.deps.logger.warn('flow step result did not apply', { flowId, step, event: event.type, reason: result.reason });
  }

  /** The definition's case milestone for this move; a throwing mapper costs the fact, never the move. */
  private caseFact(definition: FlowDefinition<FlowContext, Services>, flow: FlowRecord, to: string, context: FlowContext): CaseFact | null {
    if (!this.deps.facts || !definition.caseEvent) return null;
    try {
      return definition.caseEvent(flow.step, to, context);
    } catch (error) {
      this.deps.logger.error('case event mapping threw', { flowId: flow.flowId, to, error: errorText(error) });
      return null;
    }
  }

  private stopRunning(flowId: string): void {
    const running = this.running.get(flowId);
    if (!running) return;
    this.running.delete(flowId);
    running.abort.abort();
    if (running.timer) this.deps.clock.clearTimeout(running.timer);
  }

  private notify(flow: FlowRecord): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(flow);
      } catch (error) {
        this.deps.logger.error('flow listener threw', { error: errorText(error) });
      }
    }
  }

  private definition(kind: string): FlowDefinition<FlowContext, Services> {
    const definition = this.definitions.get(kind);
    if (!definition) throw new Error(`no flow of kind ${kind} is registered`);
    return definition;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
