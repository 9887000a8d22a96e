import { join } from 'node:path';
import type { Command } from 'commander';
import { checkDatabase, formatAuditVerdict, formatDatabaseCheck, verifyAuditLog } from '../../electron/runtime/store/dbCheck.js';
import type { CliContext } from './cliContext.js';

const DB_FILE_NAME = 'kiosk.db';

interface DbOptions {
  dataDir?: string;
  file?: string;
  json?: boolean;
}

function databaseFile(context: CliContext, options: DbOptions): string {
  return options.file ?? join(options.dataDir ?? context.defaultDataDir(), DB_FILE_NAME);
}

export function registerDatabaseCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description('the terminal database');
  db.command('check')
    .description('integrity, schema version and migration status of the terminal database (read-only)')
    .option('--data-dir <DIR>', 'data directory (default: KIOSK_DATA_DIR or the user data location)')
    .option('--file <FILE>', 'database file (overrides --data-dir)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nOpens the database read-only: safe next to a running kiosk. Exit status 0 when healthy, 1 otherwise.')
    .action((options: DbOptions) => {
      const report = checkDatabase(databaseFile(context, options));
      context.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDatabaseCheck(report)}\n`);
      if (!report.healthy) context.setExitCode(1);
    });

  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit
    .command('verify')
    .description('walk the audit hash chain and report the first entry that was changed, removed or reordered')
    .option('--data-dir <DIR>', 'data directory (default: KIOSK_DATA_DIR or the user data location)')
    .option('--file <FILE>', 'database file (overrides --data-dir)')
    .addHelpText('after', '\nRead-only. Exit status 0 when the chain is intact, 1 when it is broken or cannot be read.')
    .action((options: DbOptions) => {
      const file = databaseFile(context, options);
      try {
        const verdict = verifyAuditLog(file);
        context.out(`audit log ${file}: ${formatAuditVerdict(verdict)}\n`);
        if (!verdict.ok) context.setExitCode(1);
      } catch (error) {
        context.err(`audit log ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
        context.setExitCode(1);
      }
    });
}
