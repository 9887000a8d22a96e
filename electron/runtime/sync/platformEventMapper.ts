import type { PlatformEvent } from '../../platform/platformApiTypes.js';
import type { OutboxRow } from '../outbox/outboxStore.js';

/** Outbox kinds that travel in event batches (config outcomes go to the bundle acknowledgement endpoint). */
export const BATCHED_KINDS = ['payment', 'case', 'rating', 'device-fault', 'audit-digest', 'reconciliation'] as const;

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
            caseNumber: typeof p.caseId === 'string' ? p.caseId : null,
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
