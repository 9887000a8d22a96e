import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runScenario, SCENARIO_NAMES } from '../../electron/runtime/scenarios/runScenario.js';
import type { CliContext } from './cliContext.js';

/**
 * `kioskctl scenario run NAME`: a scripted citizen through the real runtime and bridge on
 * simulated devices, against the platform simulator (started for the run unless --platform
 * names one). Prints one JSON object; exit 1 when the scenario did not end as it must.
 */
export function registerScenarioCommands(program: Command, context: CliContext, sampleConfigFile: () => string): void {
  const scenario = program.command('scenario').description('scripted citizens on simulated devices (demos, acceptance checks)');
  scenario
    .command('list')
    .description('the scenarios there are')
    .action(() => context.out(`${SCENARIO_NAMES.join('\n')}\n`));
  scenario
    .command('run')
    .description('run one scenario and print its outcome as JSON: ok, caseId, payment {state, amount in fen}, receipt, rating')
    .argument('<NAME>', `one of: ${SCENARIO_NAMES.join(', ')}`)
    .option('--data-dir <DIR>', 'where the run keeps its database (default: a new temporary directory)')
    .option('--platform <URL>', 'a running platform simulator (kioskctl platform-sim) instead of one started for the run')
    .action(async (name: string, options: { dataDir?: string; platform?: string }) => {
      if (!SCENARIO_NAMES.includes(name)) {
        context.err(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}\n`);
        context.setExitCode(1);
        return;
      }
      const result = await runScenario(name, {
        dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), `kiosk-scenario-${name}-`)),
        sampleConfigFile: sampleConfigFile(),
        ...(options.platform ? { platformUrl: options.platform } : {}),
      });
      context.out(`${JSON.stringify(result, null, 2)}\n`);
      if (!result.ok) context.setExitCode(1);
    });
}
