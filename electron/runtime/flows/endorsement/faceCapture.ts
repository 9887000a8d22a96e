import type { SendResult } from '../flowEngine.js';
import type { FlowEvent } from '../flowDefinition.js';
import type { FlowRecord } from '../flowRepository.js';
import type { PiiVault } from '../../pii/piiVault.js';
import { VAULT_PURPOSE } from './endorsementWork.js';

export interface FaceImage {
  format: 'jpeg' | 'png';
  dataBase64: string;
}

/**
 * The bridge's handler for the camera intent: the image goes into the PII vault (never into
 * an event log or the flow context), the flow gets the record id. When the flow does not take
 * it (wrong step, no tries left), the image is deleted at once.
 */
export function submitFaceCapture(
  deps: { flows: { get(flowId: string): FlowRecord | null; send(flowId: string, event: FlowEvent): SendResult }; vault: Pick<PiiVault, 'put' | 'delete'> },
  flowId: string,
  image: FaceImage,
): SendResult {
  const flow = deps.flows.get(flowId);
  if (!flow) return { ok: false, reason: 'no-such-flow' };
  const caseRef = flow.context.caseRef;
  if (flow.status !== 'active' || typeof caseRef !== 'string') return { ok: false, reason: flow.status !== 'active' ? 'finished' : 'not-applicable' };
  const imageRecord = deps.vault.put(caseRef, VAULT_PURPOSE.face, { dataBase64: image.dataBase64 });
  const result = deps.flows.send(flowId, { type: 'face.captured', imageRecord, format: image.format });
  if (!result.ok) deps.vault.delete(imageRecord);
  return result;
}
