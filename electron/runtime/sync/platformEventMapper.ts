import type { PlatformEvent } from '../../platform/platformApiTypes.js';
import type { OutboxRow } from '../outbox/outboxStore.js';

/** Outbox kinds that travel in event batches (config outcomes go to the bundle acknowledgement endpoint). */
export const BATCHED_KINDS = ['payment', 'case', 'rating', 'device-fault', 'audit-digest', 'reconciliation'] as const;

/** The contract's CaseNumber format. */
const CASE_NUMBER = /^[A-Z0-9][A-Z0-9-]{5,39}$/;

/**
 * A payment fact names the case by the platform's case number the ledger kept with it; older
 * facts carry only the ledger's case id, the flow's own reference (e.g. `endo-<uuid>`). The
 * platform links a payment to its case through the order key anyway, so a reference that is
 * not a platform case number travels as null rather than being refused.
 */
function platformCaseNumber(value: unknown): string | null {
  return typeof value === 'string' && CASE_NUMBER.test(value) ? value : null;
}

const PAYMENT_METHOD: Record<string, 'payment-code' | 'qr' | 'card'> = { 'payment-code': 'payment-code', qr: 'qr', 'bank-card': 'card' };

/**
 * One outbox row as the platform contract's event. The payments ledger writes its own facts
 * (ledger vocabulary); they are translated here so the ledger does not depend on the platform.
 * Other producers write the contract's payload already. Returns null for a row that cannot be an
 * event (a bug or a damaged row): the agent dead-letters it with the reason.
 */
export function toPlatformEvent(row: OutboxRow): { ok: true; event: PlatformEvent } | { ok: false; error: string } {
  const occurredAt = new Date(row.createdAt).toISOString();
  const base = { eventId: row.eventId, occurredAt, sequence: row.seq };
  switch (row.kind) {
    case 'payment': {
      const p = row.payload;
      const method = PAYMENT_METHOD[String(p.method)];
      if (typeof p.paymentId !== 'string' || !method || typeof p.amountFen !== 'number' || typeof p.state !== 'string') {
        return { ok: false, error: 'payment fact without paymentId, method, amountFen or state' };
      }
      return {
        ok: true,
        event: {
          ...base,
          type: 'payment',
          payload: {
            idempotencyKey: p.paymentId,
            caseNumber: platformCaseNumber(p.caseNumber) ?? platformCaseNumber(p.caseId),
            method,
            amountFen: p.amountFen,
            state: p.state as never,
            orderId: typeof p.providerReference === 'string' ? p.providerReference : null,
            reference: null,
          },
        },
      };
    }
    case 'case':
    case 'rating':
    case 'device-fault':
    case 'audit-digest':
    case 'reconciliation':
      return { ok: true, event: { ...base, type: row.kind, payload: row.payload } as unknown as PlatformEvent };
    default:
      return { ok: false, error: `outbox kind ${row.kind} is not an event` };
  }
}
