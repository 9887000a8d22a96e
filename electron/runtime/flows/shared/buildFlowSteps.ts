import type { FlowContext, FlowEvent, StepDefinition } from '../flowDefinition.js';
import type { StepMeta } from './sharedSteps.js';

/**
 * A flow's step definitions from its three tables: the step metadata (phase, timeout,
 * devices, faults), the pure transitions and the work. Repeating a step after a restart is safe
 * everywhere except while money is being taken: there the ledger is asked first.
 */
export function buildFlowSteps<Ctx extends FlowContext, Services, Step extends string>(
  meta: Readonly<Record<Step, StepMeta>>,
  on: Readonly<Record<Step, StepDefinition<Ctx, Services>['on']>>,
  work: Partial<Record<Step, StepDefinition<Ctx, Services>['run']>>,
): Record<Step, StepDefinition<Ctx, Services>> {
  const steps = Object.fromEntries(
    (Object.keys(meta) as Step[]).map((name) => {
      const step = meta[name];
      const run = work[name];
      const definition: StepDefinition<Ctx, Services> = {
        phase: step.phase,
        timeoutMs: step.timeoutMs,
        devices: step.devices,
        faults: step.faults,
        onResume: name === 'charge' ? { type: 'resume-payment' } : 'repeat',
        on: on[name],
        ...(run ? { run } : {}),
        ...(step.final ? { final: step.final } : {}),
      };
      return [name, definition];
    }),
  );
  return steps as Record<Step, StepDefinition<Ctx, Services>>;
}

/** How long a device waits inside a step: a little less than the step, so the device's own answer arrives first. */
export function deviceWaitMs(step: StepMeta): number {
  return Math.max(1_000, (step.timeoutMs ?? 60_000) - 2_000);
}
