import type { Command } from 'commander';
import { hashPin } from '../../electron/runtime/staff/pinHash.js';
import type { CliContext } from './cliContext.js';

export function registerStaffCommands(program: Command, context: CliContext): void {
  const staff = program.command('staff').description('hall staff access');
  staff
    .command('hash-pin')
    .description('hash a maintenance PIN for staff.pinHash (reads the PIN from standard input)')
    .addHelpText('after', '\nExample: printf 246810 | npx kioskctl staff hash-pin\nThe PIN must be 4-12 digits; it is never printed or logged.')
    .action(async () => {
      const pin = (await context.readStdin()).trim();
      if (!/^\d{4,12}$/.test(pin)) {
        context.err('the PIN must be 4-12 digits\n');
        context.setExitCode(1);
        return;
      }
      context.out(`${await hashPin(pin)}\n`);
    });
}
