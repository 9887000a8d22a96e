import type { Migration } from './migration.js';

const GENESIS_HASH = '0'.repeat(64);

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE audit_log (
      id        INTEGER PRIMARY KEY,
      at        INTEGER NOT NULL,
      actor     TEXT    NOT NULL,
      action    TEXT    NOT NULL,
      detail    TEXT    NOT NULL,
      prev_hash TEXT    NOT NULL,
      hash      TEXT    NOT NULL
    ) STRICT;

    -- Append-only: the chain is only evidence if rows cannot be rewritten through SQL.
    CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
    CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
    -- Also blocks INSERT OR REPLACE, which removes the old row without firing the DELETE trigger.
    CREATE TRIGGER audit_log_refuse_reinsert BEFORE INSERT ON audit_log
    WHEN NEW.id <= (SELECT COALESCE(MAX(id), 0) FROM audit_log)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: ids only grow'); END;

    -- Last hash and count, kept apart from the chain so a cut-off tail is detectable.
    CREATE TABLE audit_head (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      row_count INTEGER NOT NULL,
      last_id   INTEGER NOT NULL,
      last_hash TEXT    NOT NULL
    ) STRICT;
    INSERT INTO audit_head (singleton, row_count, last_id, last_hash) VALUES (1, 0, 0, '${GENESIS_HASH}');

    CREATE TABLE system_notices (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      code            TEXT    NOT NULL,
      message         TEXT    NOT NULL,
      raised_at       INTEGER NOT NULL,
      acknowledged_at INTEGER
    ) STRICT;

    CREATE TABLE terminal_state (
      singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
      out_of_service INTEGER NOT NULL CHECK (out_of_service IN (0, 1)),
      reason         TEXT,
      changed_at     INTEGER
    ) STRICT;
    INSERT INTO terminal_state (singleton, out_of_service, reason, changed_at) VALUES (1, 0, NULL, NULL);

    CREATE TABLE staff_lockout (
      singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
      failed_attempts INTEGER NOT NULL CHECK (failed_attempts >= 0),
      locked_until    INTEGER
    ) STRICT;
    INSERT INTO staff_lockout (singleton, failed_attempts, locked_until) VALUES (1, 0, NULL);

    CREATE TABLE config_last_good (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      json      TEXT    NOT NULL,
      source    TEXT    NOT NULL,
      saved_at  INTEGER NOT NULL
    ) STRICT;
  `,
};
