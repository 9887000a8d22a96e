import { describe, expect, it } from 'vitest';
import { driveToPayment, flowOf, HOLDER, openHarness, payByCode, send, untilFinished, World } from './endorsementHarness.js';

/** The identity values of the synthetic citizen, and their other spellings that must not leak either. */
const SECRETS = [
  HOLDER.name,
  HOLDER.idNumber,
  HOLDER.idNumber.slice(6, 14), // the birth date inside the ID number
  HOLDER.birthDate,
  HOLDER.permitNumber,
  HOLDER.paymentCode,
  HOLDER.faceBase64,
];

describe('endorsement flow and identity data', () => {
  it('after a happy run, no table the flow or the ledger writes, no log line and no audit entry holds identity data', async () => {
    const world = new World();
    const h = openHarness(world);
    const flowId = await driveToPayment(h);
    await payByCode(h, flowId);
    send(h, flowId, { type: 'rate', level: 2, reasons: ['too-slow'], callback: true });
    const done = await untilFinished(h, flowId);
    expect(done.status).toBe('completed');

    const dump = (table: string) => JSON.stringify(h.store.db.prepare(`SELECT * FROM ${table}`).all());
    const tables = ['flows', 'flow_transitions', 'payments', 'payment_transitions', 'outbox_events'];
    for (const table of tables) {
      const text = dump(table);
      expect(text.length, `${table} has rows`).toBeGreaterThan(20);
      for (const secret of SECRETS) expect(text, `${table} must not hold ${secret.slice(0, 4)}…`).not.toContain(secret);
    }
    const logsAndAudit = JSON.stringify([h.logger.lines, h.audit.entries]);
    for (const secret of SECRETS) expect(logsAndAudit).not.toContain(secret);

    // What the flow does keep is masked, and the vault held the rest until the case ended.
    expect(flowOf(h, flowId).context).toMatchObject({ permit: { numberMasked: 'C9*****23' }, idCard: { idNumberMasked: expect.stringMatching(/^4401\*{10}\d{3}[\dX]$/) } });
    expect((h.store.db.prepare('SELECT COUNT(*) AS n FROM pii_records').get() as { n: number }).n).toBe(0);
    // The platform did get the whole identity, which is where it belongs.
    expect(JSON.stringify(world.platform.callsOf('eligibility'))).toContain(HOLDER.idNumber);
    // And the payment code went to the provider only, once.
    expect(h.scanner.tokens.size).toBe(0);
  });
});
