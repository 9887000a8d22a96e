import type { PiiVault } from '../../pii/piiVault.js';
import type { SendResult } from '../flowEngine.js';
import { submitToVault, type FlowPort } from '../shared/vaultIntake.js';
import { VAULT_PURPOSE } from './endorsementWork.js';

export interface FaceImage {
  format: 'jpeg' | 'png';
  dataBase64: string;
}

/**
 * The bridge's handler for the camera intent: the image goes into the PII vault (never into
 * an event log or the flow context), the flow gets the record id. When the flow does not take
 * it (wrong step, no tries left), the image is deleted at once. `purpose` names the vault record
 * (the endorsement's by default; each flow files its pictures under its own).
 */
export function submitFaceCapture(
  deps: { flows: FlowPort; vault: Pick<PiiVault, 'put' | 'delete'> },
  flowId: string,
  image: FaceImage,
  purpose: string = VAULT_PURPOSE.face,
): SendResult {
  return submitToVault(deps, flowId, purpose, { dataBase64: image.dataBase64 }, (imageRecord) => ({ type: 'face.captured', imageRecord, format: image.format }));
}
