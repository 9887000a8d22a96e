import { initial } from './0001_initial.js';
import { printJournal } from './0002_print_journal.js';
import { configBundles } from './0003_config_bundles.js';
import { paymentsLedger } from './0004_payments_ledger.js';
import { piiVault } from './0005_pii_vault.js';
import { flows } from './0006_flows.js';
import { outboxDeadLetters } from './0007_outbox_dead_letters.js';
import { platformCommands } from './0008_platform_commands.js';
import { paymentReconciliations } from './0009_payment_reconciliations.js';
import { paymentCaseNumbers } from './0010_payment_case_numbers.js';
import { validateMigrations, type Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step this build knows, oldest first. Append only; never edit or renumber. */
export const migrations: readonly Migration[] = validateMigrations([initial, printJournal, configBundles, paymentsLedger, piiVault, flows, outboxDeadLetters, platformCommands, paymentReconciliations, paymentCaseNumbers]);

export const latestSchemaVersion: number = migrations.length;
