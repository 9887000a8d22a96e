import { builtInDefaults } from './builtInDefaults.js';
import type { ConfigProblem } from './configProblem.js';
import { readConfigFile } from './readConfigFile.js';
import { resolveEffectiveConfig, type ConfigLayer } from './resolveEffectiveConfig.js';
import type { TerminalConfig } from './terminalConfigSchema.js';

export const BUILT_IN_DEFAULTS_SOURCE = 'built-in defaults';

export type TerminalConfigLoad =
  | { ok: true; config: TerminalConfig; sources: string[]; file: string }
  | { ok: false; problems: ConfigProblem[]; sources: string[]; file: string };

/**
 * Loads the effective config: built-in defaults < terminal file < remote layer (filled by
 * platform sync later). Never throws; a broken layer is reported as problems.
 */
export function loadTerminalConfig(file: string, remote?: ConfigLayer): TerminalConfigLoad {
  const read = readConfigFile(file);
  const defaults: ConfigLayer = { source: BUILT_IN_DEFAULTS_SOURCE, data: builtInDefaults as Record<string, unknown> };
  if (!read.ok) {
    return { ok: false, problems: read.problems, sources: [defaults.source, file], file };
  }
  const layers = [defaults, { source: file, data: read.data }, ...(remote ? [remote] : [])];
  return { ...resolveEffectiveConfig(layers), file };
}
