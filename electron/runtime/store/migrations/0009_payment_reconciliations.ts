import type { Migration } from './migration.js';

/**
 * The daily reconciliation of the payments ledger with the platform's orders: one row per
 * local day reconciled, written in the same transaction as the staff notice and the outbox
 * event it raised, so a restart never reconciles (or reports) a day twice. The index serves
 * the reconciliation's "payments created in this period".
 */
export const paymentReconciliations: Migration = {
  version: 9,
  name: 'payment reconciliations',
  up: `
    CREATE TABLE payment_reconciliations (
      day              TEXT    PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      reconciled_at    INTEGER NOT NULL,
      ledger_entries   INTEGER NOT NULL CHECK (ledger_entries >= 0),
      platform_orders  INTEGER NOT NULL CHECK (platform_orders >= 0),
      differences      INTEGER NOT NULL CHECK (differences >= 0),
      summary          TEXT    NOT NULL,
      notice_id        INTEGER,
      event_id         TEXT
    ) STRICT;
    CREATE INDEX payments_by_created_at ON payments (created_at);
  `,
};
