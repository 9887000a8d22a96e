import type { Migration } from './migration.js';

/**
 * The payments ledger (the only owner of money state) and the outbox of facts for the
 * platform. Both are written in the same transaction as the change they record: a payment
 * transition and its outbox event commit together or not at all.
 */
export const paymentsLedger: Migration = {
  version: 4,
  name: 'payments ledger and outbox',
  up: `
    CREATE TABLE payments (
      payment_id         TEXT    PRIMARY KEY,
      case_id            TEXT    NOT NULL,
      service_kind       TEXT    NOT NULL,
      method             TEXT    NOT NULL CHECK (method IN ('payment-code', 'qr', 'bank-card')),
      amount_fen         INTEGER NOT NULL CHECK (amount_fen > 0),
      state              TEXT    NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'delivered', 'reversed',
                                   'refunding', 'refunded', 'handed-to-staff', 'declined', 'cancelled')),
      provider_reference TEXT,
      payer_hint         TEXT,
      detail             TEXT    NOT NULL DEFAULT '{}',
      pending_since      INTEGER,
      created_at         INTEGER NOT NULL,
      updated_at         INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX payments_unfinished ON payments (state)
      WHERE state IN ('created', 'pending', 'paid', 'refunding');
    CREATE INDEX payments_by_case ON payments (case_id);

    -- Every move of every payment, append-only: the evidence behind the current state.
    CREATE TABLE payment_transitions (
      id         INTEGER PRIMARY KEY,
      payment_id TEXT    NOT NULL REFERENCES payments (payment_id),
      from_state TEXT    NOT NULL,
      to_state   TEXT    NOT NULL,
      reason     TEXT    NOT NULL,
      at         INTEGER NOT NULL
    ) STRICT;
    CREATE TRIGGER payment_transitions_refuse_update BEFORE UPDATE ON payment_transitions
    BEGIN SELECT RAISE(ABORT, 'payment_transitions is append-only'); END;
    CREATE TRIGGER payment_transitions_refuse_delete BEFORE DELETE ON payment_transitions
    BEGIN SELECT RAISE(ABORT, 'payment_transitions is append-only'); END;

    -- Facts the platform must receive exactly once, in order of creation.
    CREATE TABLE outbox_events (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      event_id   TEXT    NOT NULL UNIQUE,
      kind       TEXT    NOT NULL,
      payload    TEXT    NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
  `,
};
