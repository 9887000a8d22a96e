import type { PiiVault } from '../../pii/piiVault.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { SendResult } from '../flowEngine.js';
import type { FlowRecord } from '../flowRepository.js';

export interface FlowPort {
  get(flowId: string): FlowRecord | null;
  send(flowId: string, event: FlowEvent): SendResult;
}

/**
 * The bridge's handler for an intent that carries identity data (a face picture, a signature):
 * the data goes into the PII vault under the flow's case (never into an event log or the flow
 * context), the flow gets the record id in `event`. When the flow does not take it (wrong step,
 * no tries left), the record is deleted at once.
 */
export function submitToVault(
  deps: { flows: FlowPort; vault: Pick<PiiVault, 'put' | 'delete'> },
  flowId: string,
  purpose: string,
  value: unknown,
  event: (record: string) => FlowEvent,
): SendResult {
  const flow = deps.flows.get(flowId);
  if (!flow) return { ok: false, reason: 'no-such-flow' };
  const caseRef = flow.context.caseRef;
  if (flow.status !== 'active' || typeof caseRef !== 'string') return { ok: false, reason: flow.status !== 'active' ? 'finished' : 'not-applicable' };
  const record = deps.vault.put(caseRef, purpose, value);
  const result = deps.flows.send(flowId, event(record));
  if (!result.ok) deps.vault.delete(record);
  return result;
}
