import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReconciliationJournal } from '../../../../electron/runtime/payments/reconciliationJournal.js';
import { manualClock, openTestStore, START_MS, tempDir } from '../../store/storeTestKit.js';

function journal() {
  const clock = manualClock();
  const store = openTestStore(path.join(tempDir(), 'kiosk.db'), clock);
  return { store, journal: new ReconciliationJournal(store.db, clock) };
}

const day = (d: string, differences = 0) => ({ day: d, ledgerEntries: 4, platformOrders: 3, differences, summary: { differences: [] } });

describe('ReconciliationJournal', () => {
  it('keeps each day once, and knows the latest', () => {
    const { journal: j } = journal();
    expect(j.lastDay()).toBeNull();
    expect(j.record(day('2026-11-21'))).toEqual({ ...day('2026-11-21'), reconciledAt: START_MS, noticeId: null, eventId: null });
    j.record(day('2026-11-22'));
    expect(j.lastDay()).toBe('2026-11-22');
    expect(() => j.record(day('2026-11-22'))).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('records what the day reported in the same transaction, and neither when the report fails', () => {
    const { store, journal: j } = journal();
    expect(j.record(day('2026-11-22', 1), () => ({ noticeId: store.notices.record('test', 'n'), eventId: 'reconciliation-x' }))).toMatchObject({ noticeId: 1, eventId: 'reconciliation-x' });
    expect(() =>
      j.record(day('2026-11-23', 1), () => {
        store.notices.record('test', 'second');
        throw new Error('outbox full');
      }),
    ).toThrow('outbox full');
    expect(j.get('2026-11-23')).toBeNull();
    expect(store.notices.listOpen().map((n) => n.message)).toEqual(['n']);
  });

  it('refuses a day that is not YYYY-MM-DD, and reads past a damaged summary or day', () => {
    const { store, journal: j } = journal();
    expect(() => j.record(day('22/11/2026'))).toThrow(/CHECK/);
    j.record(day('2026-11-20'));
    store.db.prepare("UPDATE payment_reconciliations SET summary = '{not json' WHERE day = '2026-11-20'").run();
    expect(j.get('2026-11-20')).toMatchObject({ day: '2026-11-20', summary: {} });
    store.db.prepare("INSERT INTO payment_reconciliations (day, reconciled_at, ledger_entries, platform_orders, differences, summary) VALUES ('2026-19-99', 0, 0, 0, 0, '{}')").run();
    expect(j.lastDay()).toBeNull();
  });
});
