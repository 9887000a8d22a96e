import type { LocalizedText } from '../../../../config/localizedText.js';
import type { Reason } from '../../../platform/platformApiTypes.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { FaultNote } from './flowContextParts.js';

/** Small pure helpers the flows' transitions are written with. */

export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

const isLocalized = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && isText((value as LocalizedText)['zh-CN']) && isText((value as LocalizedText).en);

/** A device's or platform's own sentence carried by an event, when it is one. */
export const detailOf = (value: unknown): LocalizedText | null => (isLocalized(value) ? value : null);

export const fault = (step: string, code: string, detail: LocalizedText | null = null): FaultNote => ({ step, code, detail });

/** Ends the visit before payment, saying why (the step's fault table has the sentence). */
export function cancelWith<P extends object = Record<never, never>>(
  step: string,
  code: string,
  extra?: P,
  detail: LocalizedText | null = null,
): { to: 'cancelled'; context: P & { lastFault: FaultNote; cancelReason: string } } {
  return { to: 'cancelled', context: { ...(extra ?? ({} as P)), lastFault: fault(step, code, detail), cancelReason: code } };
}

/** Refusal reasons without repeats (one per reason code), for the result screen. */
export function distinctReasons(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => !seen.has(reason.code) && seen.add(reason.code));
}

/** A failed document read: retry in place, give up after too many, or stop at once for a dead reader or a walk-away. */
export function readFailed<S extends string, P extends object>(step: S, event: FlowEvent, failures: number, max: number, counted: (count: number) => P) {
  if (event.code === 'timeout' || event.code === 'cancelled') return cancelWith(step, 'timed-out');
  if (event.code === 'reader-offline') return cancelWith(step, 'reader-offline', {}, detailOf(event.message));
  const count = failures + 1;
  if (count >= max) return cancelWith(step, 'too-many-attempts', counted(count));
  return { to: step, context: { ...counted(count), lastFault: fault(step, 'read-failed', detailOf(event.message)) } };
}
