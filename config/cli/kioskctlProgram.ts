import { Command } from 'commander';
import type { CliContext } from './cliContext.js';
import { registerConfigBundleCommands } from './bundleCommands.js';
import { registerConfigCommands } from './configCheckCommand.js';
import { registerDatabaseCommands } from './databaseCommands.js';
import { registerDeviceCommands } from './deviceCommands.js';
import { registerFleetCommands } from './fleetCommands.js';
import { registerIdcardCommands } from './idcardCommands.js';
import { registerPlatformSimCommands } from './platformSimCommand.js';
import { registerLedgerCommands } from './ledgerCommands.js';
import { registerReceiptCommands } from './receiptCommands.js';
import { registerScenarioCommands } from './scenarioCommands.js';
import { registerStaffCommands } from './staffCommands.js';

/** The field engineer's CLI. Every command and subcommand answers --help. */
export function createKioskctlProgram(context: CliContext, version: string): Command {
  const program = new Command('kioskctl')
    .description('field engineer tool for the government self-service terminal')
    .version(version)
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => context.out(s), writeErr: (s) => context.err(s) })
    .exitOverride();
  registerConfigCommands(program, context);
  registerConfigBundleCommands(program, context);
  registerDatabaseCommands(program, context);
  registerStaffCommands(program, context);
  registerReceiptCommands(program, context);
  registerIdcardCommands(program, context);
  registerDeviceCommands(program, context);
  registerLedgerCommands(program, context);
  registerScenarioCommands(program, context, () => context.sampleConfigFile?.() ?? 'config/terminal.sample.json');
  registerPlatformSimCommands(program, context);
  registerFleetCommands(program, context);
  return program;
}
