import type { Migration } from './migration.js';

/**
 * The durable print journal: every receipt is recorded before its first byte goes to the
 * printer, so a job lost to paper end, an open cover, a pulled cable or a crash can be
 * reprinted from the maintenance screen. Receipts never carry a full ID number, card number or
 * payment code, so the bytes are not identity data; printed jobs are pruned after a retention
 * period.
 */
export const printJournal: Migration = {
  version: 2,
  name: 'print journal',
  up: `
    CREATE TABLE print_jobs (
      job_id                 TEXT    PRIMARY KEY,
      device_id              TEXT    NOT NULL,
      bytes                  BLOB    NOT NULL,
      state                  TEXT    NOT NULL CHECK (state IN ('pending', 'printed', 'failed', 'discarded')),
      attempts               INTEGER NOT NULL CHECK (attempts >= 1),
      failure_reason         TEXT,
      printed_before_failure INTEGER CHECK (printed_before_failure IN (0, 1)),
      created_at             INTEGER NOT NULL,
      updated_at             INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX print_jobs_unfinished ON print_jobs (state, updated_at) WHERE state IN ('pending', 'failed');
  `,
};
