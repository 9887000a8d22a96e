import type { LocalizedText } from '../../../config/localizedText.js';
import type { DeviceKind } from '../../../drivers/model/deviceStatus.js';

/** Anything that happens to a flow: a citizen's intent, a device or platform answer, a timeout. */
export interface FlowEvent {
  type: string;
  [field: string]: unknown;
}

export type FlowContext = Record<string, unknown>;

/** Where a step stands with money: cancel is possible only before payment (issue: flow engine). */
export type StepPhase = 'before-payment' | 'paying' | 'after-payment';

export type FinalStatus = 'completed' | 'cancelled' | 'compensated' | 'handed-to-staff';

/** What the citizen sees when something in a step fails: a plain sentence and what comes next. */
export interface StepFault {
  message: LocalizedText;
  /** The step the flow goes to. */
  next: string;
}

export interface StepDefinition<Ctx extends FlowContext, Services> {
  phase: StepPhase;
  /** After this long in the step without a transition, the step receives `{ type: 'timeout' }`. */
  timeoutMs: number | null;
  /** Devices the step needs ready; the flow cannot enter it while one of them is not. */
  devices: readonly DeviceKind[];
  /** The step's faults by code, for the screens and the documentation (every step declares them). */
  faults: Readonly<Record<string, StepFault>>;
  /**
   * After a runtime restart in this step: 'repeat' runs the step again (safe: reads, queries);
   * an event is delivered instead when repeating could do harm (a payment, an issuing call).
   */
  onResume: 'repeat' | FlowEvent;
  /** Work done on entering the step (device, platform, payment); resolves to the next event. */
  run?: (context: Ctx, services: Services, signal: AbortSignal) => Promise<FlowEvent>;
  /**
   * Pure: where an event leads from here, or null when it does not apply in this step.
   * `stay: true` (with `to` this very step) only remembers the context change: the step's
   * work and timeout run on untouched.
   */
  on: (event: FlowEvent, context: Ctx) => { to: string; context?: Partial<Ctx>; stay?: true } | null;
  /** A final step ends the flow with this status. */
  final?: FinalStatus;
}

/** A milestone of the case for the platform (the contract's CaseEventPayload, less the service). */
export interface CaseFact {
  caseNumber: string;
  status: 'started' | 'approved' | 'refused' | 'paid' | 'issued' | 'issue-failed' | 'submitted' | 'accepted' | 'completed' | 'cancelled' | 'refunded' | 'handed-to-staff';
  detail?: string;
}

export interface FlowDefinition<Ctx extends FlowContext, Services> {
  kind: string;
  /**
   * The case milestone a transition is, if any: written to the outbox in the transition's own
   * transaction, so the platform learns of it exactly when (and only if) the step is taken.
   */
  caseEvent?: (from: string, to: string, context: Ctx) => CaseFact | null;
  initial: string;
  /** Where `cancel` leads (only honoured in before-payment steps). */
  cancelStep: string;
  steps: Readonly<Record<string, StepDefinition<Ctx, Services>>>;
}

/** Checks a definition once, at registration: every target exists, every final step is final. */
export function validateFlowDefinition<Ctx extends FlowContext, S>(definition: FlowDefinition<Ctx, S>): FlowDefinition<Ctx, S> {
  const names = new Set(Object.keys(definition.steps));
  const problems: string[] = [];
  if (!names.has(definition.initial)) problems.push(`initial step ${definition.initial} does not exist`);
  if (!names.has(definition.cancelStep)) problems.push(`cancel step ${definition.cancelStep} does not exist`);
  for (const [name, step] of Object.entries(definition.steps)) {
    for (const [code, fault] of Object.entries(step.faults)) {
      if (!names.has(fault.next)) problems.push(`${name}: fault ${code} leads to missing step ${fault.next}`);
    }
    if (step.final && step.run) problems.push(`${name}: a final step does no work`);
  }
  if (problems.length > 0) throw new Error(`flow ${definition.kind}: ${problems.join('; ')}`);
  return definition;
}
