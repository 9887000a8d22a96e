import type { CaseFact } from '../flowDefinition.js';
import { isPayingStep } from '../shared/sharedSteps.js';
import type { PropertyContext } from './propertyContext.js';

/**
 * The transfer's milestones for the platform (case events). The case exists at the platform
 * before the visit (the filing created it), so the visit reports from the moment the citizens
 * confirm it is theirs.
 */
export function propertyCaseEvent(from: string, to: string, context: PropertyContext): CaseFact | null {
  const caseNumber = context.propertyCase?.caseNumber;
  if (!caseNumber) return null;
  const fact = (status: CaseFact['status'], detail?: string): CaseFact => (detail ? { caseNumber, status, detail } : { caseNumber, status });
  if (from === 'review-case' && to !== 'review-case' && to !== 'refused' && to !== 'cancelled') return fact('started');
  if (to === 'refused') return fact('refused');
  if (to === 'parties-missing') return fact('cancelled', `parties missing: ${(context.missingPartyIds ?? []).join(', ')}`.slice(0, 500));
  if (isPayingStep(from) && to === 'submit') return fact('paid');
  if (from === 'submit' && to === 'delivery-options') return fact('accepted');
  if (from === 'submit' && to === 'refund') return fact('refused', 'submission refused after payment');
  if (to === 'done') return fact('completed');
  if (to === 'done-refunded') return fact('refunded');
  if (to === 'staff-handoff') return fact('handed-to-staff');
  if (to === 'cancelled') return fact('cancelled');
  return null;
}
