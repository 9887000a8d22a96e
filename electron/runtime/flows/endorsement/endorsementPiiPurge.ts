import type { FlowRecord } from '../flowRepository.js';
import type { PiiVault } from '../../pii/piiVault.js';
import { purgeCasePiiWhenFinished } from '../shared/piiPurge.js';
import { ENDORSEMENT_FLOW_KIND } from './endorsementContext.js';

/**
 * A FlowEngine.onChange listener: when an endorsement flow ends (any final status), its
 * identity records leave the vault. The platform has what it needs by then; a crash before
 * this runs is covered by the vault's retention sweep.
 */
export function purgeEndorsementPiiWhenFinished(vault: Pick<PiiVault, 'purgeCase'>): (flow: FlowRecord) => void {
  return purgeCasePiiWhenFinished(vault, ENDORSEMENT_FLOW_KIND);
}
