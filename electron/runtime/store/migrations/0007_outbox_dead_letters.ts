import type { Migration } from './migration.js';

/**
 * Outbox events the platform refused as invalid (not "later": never). They leave the queue so
 * they cannot block every fact behind them, and wait here for staff and the platform team, with
 * the platform's reason; nothing is deleted.
 */
export const outboxDeadLetters: Migration = {
  version: 7,
  name: 'outbox dead letters',
  up: `
    CREATE TABLE outbox_dead_letters (
      event_id   TEXT    PRIMARY KEY,
      kind       TEXT    NOT NULL,
      payload    TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      refused_at INTEGER NOT NULL,
      error      TEXT    NOT NULL
    ) STRICT;
  `,
};
