import { initial } from './0001_initial.js';
import { printJournal } from './0002_print_journal.js';
import { configBundles } from './0003_config_bundles.js';
import { validateMigrations, type Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step this build knows, oldest first. Append only; never edit or renumber. */
export const migrations: readonly Migration[] = validateMigrations([initial, printJournal, configBundles]);

export const latestSchemaVersion: number = migrations.length;
