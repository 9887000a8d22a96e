import type { StrokePoint } from '../../../platform/platformApiTypes.js';
import type { PiiVault } from '../../pii/piiVault.js';
import type { SendResult } from '../flowEngine.js';
import { submitToVault, type FlowPort } from '../shared/vaultIntake.js';
import { VAULT_PURPOSE, type SignatureFacts } from './propertyWork.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type SignatureResult = SendResult | { ok: false; reason: 'not-a-png' };

/**
 * The bridge's handler for a signature: a PNG (checked here, so a broken image is refused
 * before anyone pays rather than by the registration system after) and its strokes go into the
 * PII vault under the case; the sign step gets the record id and keeps it until submission.
 */
export function submitSignature(
  deps: { flows: FlowPort; vault: Pick<PiiVault, 'put' | 'delete'> },
  flowId: string,
  signature: { imagePngBase64: string; strokes: StrokePoint[][] },
): SignatureResult {
  // 12 base64 characters are 9 bytes: enough for the 8-byte PNG signature.
  if (!Buffer.from(signature.imagePngBase64.slice(0, 12), 'base64').subarray(0, 8).equals(PNG_MAGIC)) return { ok: false, reason: 'not-a-png' };
  const facts: SignatureFacts = { imagePngBase64: signature.imagePngBase64, strokes: signature.strokes };
  return submitToVault(deps, flowId, VAULT_PURPOSE.signature, facts, (record) => ({ type: 'signature.captured', record }));
}
