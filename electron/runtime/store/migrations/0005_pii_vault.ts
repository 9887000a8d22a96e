import type { Migration } from './migration.js';

/**
 * Citizen identity data, encrypted at rest (AES-256-GCM, one random nonce per record). Only the
 * PII vault reads or writes this table; rows are purged once the case has synced or the
 * retention period has passed, whichever comes first.
 */
export const piiVault: Migration = {
  version: 5,
  name: 'pii vault',
  up: `
    CREATE TABLE pii_records (
      record_id    TEXT    PRIMARY KEY,
      case_id      TEXT    NOT NULL,
      purpose      TEXT    NOT NULL,
      key_id       TEXT    NOT NULL,
      nonce        BLOB    NOT NULL,
      ciphertext   BLOB    NOT NULL,
      tag          BLOB    NOT NULL,
      created_at   INTEGER NOT NULL,
      purge_after  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX pii_records_by_case ON pii_records (case_id);
    CREATE INDEX pii_records_by_purge ON pii_records (purge_after);
  `,
};
