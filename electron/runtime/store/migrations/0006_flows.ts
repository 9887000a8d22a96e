import type { Migration } from './migration.js';

/**
 * Citizen flows as persisted state machines: one row per flow instance, rewritten on every
 * transition (in the same transaction as its log row), so a restarted runtime resumes each
 * unfinished flow at its step or compensates it. The context holds references (vault record
 * ids, payment ids, case numbers), never identity data itself.
 */
export const flows: Migration = {
  version: 6,
  name: 'flows',
  up: `
    CREATE TABLE flows (
      flow_id          TEXT    PRIMARY KEY,
      kind             TEXT    NOT NULL,
      step             TEXT    NOT NULL,
      status           TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'cancelled', 'compensated', 'handed-to-staff')),
      context          TEXT    NOT NULL,
      step_entered_at  INTEGER NOT NULL,
      created_at       INTEGER NOT NULL,
      updated_at       INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX flows_active ON flows (status) WHERE status = 'active';

    CREATE TABLE flow_transitions (
      id        INTEGER PRIMARY KEY,
      flow_id   TEXT    NOT NULL REFERENCES flows (flow_id),
      from_step TEXT    NOT NULL,
      to_step   TEXT    NOT NULL,
      event     TEXT    NOT NULL,
      at        INTEGER NOT NULL
    ) STRICT;
  `,
};
