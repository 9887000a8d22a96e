import type { Migration } from './migration.js';

/**
 * Signed config bundles from remote admins (electron/runtime/configBundles). The terminal
 * remembers every authentic version it has seen, so a replayed or older bundle is refused
 * even after a restart; keeps applied bundles with their effective config, so the remote
 * layer survives a restart and a bad one can be rolled back; holds bundles that activate
 * later; and keeps every outcome until the platform has been told of it.
 */
export const configBundles: Migration = {
  version: 3,
  name: 'config bundles',
  up: `
    CREATE TABLE config_bundle_versions (
      version       INTEGER PRIMARY KEY CHECK (version >= 1),
      digest        TEXT    NOT NULL,
      key_id        TEXT    NOT NULL,
      status        TEXT    NOT NULL CHECK (status IN ('held', 'trial', 'applied', 'rejected', 'rolled-back')),
      first_seen_at INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    ) STRICT;

    -- The layer in force is the confirmed row with the highest version; a 'trial' row is one
    -- still waiting to prove the kiosk healthy.
    CREATE TABLE config_bundles_applied (
      version         INTEGER PRIMARY KEY REFERENCES config_bundle_versions (version),
      document        TEXT    NOT NULL,
      layer           TEXT    NOT NULL,
      effective       TEXT    NOT NULL,
      state           TEXT    NOT NULL CHECK (state IN ('trial', 'confirmed', 'rolled-back')),
      applied_at      INTEGER NOT NULL,
      settled_at      INTEGER,
      rollback_code   TEXT,
      rollback_reason TEXT
    ) STRICT;
    CREATE UNIQUE INDEX config_bundles_applied_one_trial ON config_bundles_applied (state) WHERE state = 'trial';

    CREATE TABLE config_bundles_held (
      version     INTEGER PRIMARY KEY REFERENCES config_bundle_versions (version),
      document    TEXT    NOT NULL,
      activate_at INTEGER NOT NULL,
      held_at     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE config_bundle_outcomes (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      version         INTEGER,
      outcome         TEXT    NOT NULL CHECK (outcome IN ('applied', 'held', 'rejected', 'rolled-back')),
      body            TEXT    NOT NULL,
      at              INTEGER NOT NULL,
      acknowledged_at INTEGER
    ) STRICT;
    CREATE INDEX config_bundle_outcomes_unacknowledged ON config_bundle_outcomes (id) WHERE acknowledged_at IS NULL;
  `,
};
