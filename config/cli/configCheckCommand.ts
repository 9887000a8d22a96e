import type { Command } from 'commander';
import { formatConfigProblem } from '../configProblem.js';
import { loadTerminalConfig } from '../loadTerminalConfig.js';
import { renderConfigReference } from '../configReference.js';
import type { CliContext } from './cliContext.js';

export function registerConfigCommands(program: Command, context: CliContext): void {
  const config = program.command('config').description('terminal config files');

  config
    .command('check')
    .description('validate a terminal config file and print the merged effective config')
    .argument('[FILE]', 'config file (default: the file the kiosk would load)')
    .option('--data-dir <DIR>', 'data directory used to find the default file')
    .addHelpText(
      'after',
      '\nExit status 0 when the file is valid (the effective config is printed as JSON on stdout),\n1 when it is not (each problem is printed as FILE: FIELD: PROBLEM on stderr).',
    )
    .action((file: string | undefined, options: { dataDir?: string }) => {
      const path = file ?? context.defaultConfigFile(options.dataDir);
      const result = loadTerminalConfig(path);
      if (!result.ok) {
        context.err(`${path}: INVALID (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'})\n`);
        for (const problem of result.problems) context.err(`  ${formatConfigProblem(problem)}\n`);
        context.setExitCode(1);
        return;
      }
      context.err(`${path}: OK (layers: ${result.sources.join(' < ')})\n`);
      context.out(`${JSON.stringify(result.config, null, 2)}\n`);
    });

  config
    .command('reference')
    .description('print the reference of every config field (Markdown), generated from the schema')
    .action(() => context.out(renderConfigReference()));
}
