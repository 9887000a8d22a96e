import type { PiiVault } from '../../pii/piiVault.js';
import type { FlowRecord } from '../flowRepository.js';

/**
 * A FlowEngine.onChange listener: when a flow of `kind` ends (any final status), its case's
 * identity records (ID numbers, signatures, any face picture left) leave the vault. The
 * platform has what it needs by then; a crash before this runs is covered by the vault's
 * retention sweep.
 */
export function purgeCasePiiWhenFinished(vault: Pick<PiiVault, 'purgeCase'>, kind: string): (flow: FlowRecord) => void {
  return (flow) => {
    const caseRef = flow.context.caseRef;
    if (flow.kind === kind && flow.status !== 'active' && typeof caseRef === 'string') vault.purgeCase(caseRef);
  };
}
