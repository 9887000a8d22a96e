import type { CaseFact } from '../flowDefinition.js';
import { isPayingStep } from '../shared/sharedSteps.js';
import type { EndorsementContext } from './endorsementContext.js';

/**
 * The endorsement's milestones for the platform (case events), from the moment the platform
 * numbers the case at approval. Before that there is no case to report: a visit that ends
 * earlier (no permit, refused eligibility) exists only in the terminal's own records.
 */
export function endorsementCaseEvent(from: string, to: string, context: EndorsementContext): CaseFact | null {
  const caseNumber = context.caseNumber;
  if (!caseNumber) return null;
  const fact = (status: CaseFact['status']): CaseFact => ({ caseNumber, status });
  if (from === 'approval' && to === 'choose-payment') return fact('approved');
  if (to === 'refused') return fact('refused');
  if (isPayingStep(from) && to === 'issue') return fact('paid');
  if (from === 'issue' && to === 'print-receipt' && context.outcome === 'issued') return fact('issued');
  if (from === 'issue' && (to === 'refund' || to === 'hand-off')) return fact('issue-failed');
  if (to === 'done') return fact('completed');
  if (to === 'done-refunded') return fact('refunded');
  if (to === 'staff-handoff') return fact('handed-to-staff');
  if (to === 'cancelled') return fact('cancelled');
  return null;
}
