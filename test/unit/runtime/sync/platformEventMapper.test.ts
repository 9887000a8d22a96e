import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPlatformContract } from '../../../../electron/platform/platformContract.js';
import type { OutboxRow } from '../../../../electron/runtime/outbox/outboxStore.js';
import { PAYMENT_STATES } from '../../../../electron/runtime/payments/paymentState.js';
import { toPlatformEvent } from '../../../../electron/runtime/sync/platformEventMapper.js';

/** A payment fact as the ledger writes it to the outbox, for a flow's case reference. */
function paymentRow(state: string, caseId: string, method = 'payment-code'): OutboxRow {
  return {
    seq: 7,
    eventId: `payment-p1-${state}`,
    kind: 'payment',
    payload: { paymentId: 'PAY-20261123-0a1b2c3d4e', caseId, method, amountFen: 1500, state },
    createdAt: Date.parse('2026-11-23T08:00:00Z'),
  } as unknown as OutboxRow;
}

describe('payment facts as platform events', () => {
  const contract = loadPlatformContract();

  it.each(PAYMENT_STATES)('a payment in state %s becomes an event the contract accepts', (state) => {
    const mapped = toPlatformEvent(paymentRow(state, `endo-${randomUUID()}`));
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(contract.checkSchema('PaymentEventPayload', mapped.event.payload)).toEqual([]);
  });

  it('carries every method the ledger uses', () => {
    for (const method of ['payment-code', 'qr', 'bank-card']) {
      const mapped = toPlatformEvent(paymentRow('paid', `prop-${randomUUID()}`, method));
      expect(mapped.ok && contract.checkSchema('PaymentEventPayload', mapped.event.payload)).toEqual([]);
    }
  });
});

describe('the case number of a payment event', () => {
  it('is the platform case number when the fact has one, and null for a flow-local reference', () => {
    const local = toPlatformEvent(paymentRow('paid', 'endo-3f1c2a9e-8d2b-4a6f-9c1e-7b5d4e3a2f10'));
    expect(local.ok && local.event.type === 'payment' && local.event.payload.caseNumber).toBeNull();
    const numbered = toPlatformEvent(paymentRow('paid', 'BDC2026000101'));
    expect(numbered.ok && numbered.event.type === 'payment' && numbered.event.payload.caseNumber).toBe('BDC2026000101');
  });

  it('is the case number the ledger kept with the payment, whatever the flow calls the case', () => {
    const row = paymentRow('paid', 'endo-3f1c2a9e-8d2b-4a6f-9c1e-7b5d4e3a2f10');
    row.payload = { ...row.payload, caseNumber: 'CR2026112300042' };
    const mapped = toPlatformEvent(row);
    expect(mapped.ok && mapped.event.type === 'payment' && mapped.event.payload.caseNumber).toBe('CR2026112300042');
  });
});
