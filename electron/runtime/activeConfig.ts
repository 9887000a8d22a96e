import { loadTerminalConfig, BUILT_IN_DEFAULTS_SOURCE } from '../../config/loadTerminalConfig.js';
import type { ConfigLayer } from '../../config/resolveEffectiveConfig.js';
import { builtInDefaults } from '../../config/builtInDefaults.js';
import { terminalConfigSchema, type TerminalConfig } from '../../config/terminalConfigSchema.js';
import type { ActiveConfig } from './kioskController.js';

export interface LastGoodConfigStore {
  save(json: string, source: string): void;
  load(): { json: string; source: string; savedAt: number } | null;
}

/** What the terminal shows on its screens while the config it was given is unusable. */
const UNCONFIGURED: Pick<TerminalConfig, 'terminalId' | 'hall'> = {
  terminalId: 'UNCONFIGURED',
  hall: { name: { 'zh-CN': '政务服务自助终端', en: 'Government self-service terminal' }, helpPhone: '12345' },
};

/**
 * Loads the config the terminal runs with: built-in defaults < the terminal file < the remote
 * layer of the last confirmed config bundle. A valid result is remembered as last-good. A
 * remote layer that no longer fits the local file (the file changed since) is left out with a
 * warning in `remoteLayerDropped`, so a stale bundle cannot take the terminal out of service.
 * A broken file never stops the terminal: it runs on the last-good config (or defaults) and
 * reports the problems, which put it out of service until staff fix the file.
 */
export function loadActiveConfig(file: string, lastGood: LastGoodConfigStore, remote?: ConfigLayer): ActiveConfig & { remoteLayerDropped?: string } {
  const withRemote = remote ? loadTerminalConfig(file, remote) : null;
  const localOnly = withRemote?.ok ? null : loadTerminalConfig(file);
  const loaded = withRemote?.ok ? withRemote : localOnly!;
  const remoteLayerDropped =
    remote && withRemote && !withRemote.ok && localOnly?.ok
      ? `${remote.source} no longer fits the terminal file and was left out: ${withRemote.problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`
      : undefined;
  if (loaded.ok) {
    const json = JSON.stringify(loaded.config);
    const previous = lastGood.load();
    lastGood.save(json, file);
    return {
      config: loaded.config,
      problems: [],
      sources: loaded.sources,
      staffPinHash: loaded.config.staff.pinHash,
      changedSinceLastRun: previous !== null && previous.json !== json,
      ...(remoteLayerDropped ? { remoteLayerDropped } : {}),
    };
  }
  const remembered = lastGood.load();
  if (remembered) {
    const parsed = terminalConfigSchema.safeParse(parseOrUndefined(remembered.json));
    if (parsed.success) {
      return {
        config: parsed.data,
        problems: loaded.problems,
        sources: [...loaded.sources, `last good config from ${remembered.source}, saved ${new Date(remembered.savedAt).toISOString()}`],
        staffPinHash: parsed.data.staff.pinHash,
      };
    }
  }
  const fallback = terminalConfigSchema.parse({
    ...builtInDefaults,
    ...UNCONFIGURED,
    // No trustworthy PIN is known: the placeholder never matches (see staffPinHash: null).
    staff: { ...builtInDefaults.staff, pinHash: 'scrypt$16384$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==' },
  });
  return {
    config: fallback,
    problems: loaded.problems,
    sources: [BUILT_IN_DEFAULTS_SOURCE, file],
    staffPinHash: null,
  };
}

/** A damaged saved copy counts as no saved copy. */
function parseOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
