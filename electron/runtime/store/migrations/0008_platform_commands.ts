import type { Migration } from './migration.js';

/**
 * Remote commands from the platform, by id: a command is recorded when it first arrives, runs
 * at most once, and its result is kept until the platform has it. A command found `running`
 * after a restart is not run again.
 */
export const platformCommands: Migration = {
  version: 8,
  name: 'platform commands',
  up: `
    CREATE TABLE platform_commands (
      command_id   TEXT    PRIMARY KEY,
      kind         TEXT    NOT NULL,
      force        INTEGER NOT NULL CHECK (force IN (0, 1)),
      parameters   TEXT    NOT NULL,
      expires_at   INTEGER,
      state        TEXT    NOT NULL CHECK (state IN ('waiting', 'running', 'done')),
      outcome      TEXT    CHECK (outcome IN ('succeeded', 'failed', 'rejected', 'expired')),
      message      TEXT,
      received_at  INTEGER NOT NULL,
      started_at   INTEGER,
      finished_at  INTEGER,
      reported     INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1))
    ) STRICT;
  `,
};
