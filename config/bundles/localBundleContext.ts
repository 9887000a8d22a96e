import { builtInDefaults } from '../builtInDefaults.js';
import type { ConfigProblem } from '../configProblem.js';
import { BUILT_IN_DEFAULTS_SOURCE } from '../loadTerminalConfig.js';
import { readConfigFile } from '../readConfigFile.js';
import { deepMerge, formatPath, resolveEffectiveConfig, type ConfigLayer } from '../resolveEffectiveConfig.js';
import { terminalConfigSchema } from '../terminalConfigSchema.js';
import { remoteConfigSettingsSchema, type RemoteConfigSettings } from './remoteConfigSettingsSchema.js';

/**
 * What a terminal judges bundles by, taken from its local layers only (built-in defaults <
 * terminal file), never from a bundle: its identity, the keys and groups it trusts, and the
 * layers a bundle's layer is merged over.
 */
export type LocalBundleContext =
  | { ok: true; terminalId: string; settings: RemoteConfigSettings; layers: ConfigLayer[] }
  | { ok: false; problems: ConfigProblem[] };

// Until terminalConfigSchema lists `remoteConfig` (see remoteConfigSettingsFragment), the
// block is validated here and kept out of the strict terminal schema, which would call it an
// unknown field. Once the schema lists it, the block stays in and both checks agree.
const SCHEMA_KNOWS_REMOTE_CONFIG = 'remoteConfig' in terminalConfigSchema.shape;

export function localBundleContextFromLayers(layers: ConfigLayer[]): LocalBundleContext {
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer.data), {});
  const settings = remoteConfigSettingsSchema.safeParse(merged['remoteConfig'] ?? {});
  const schemaLayers = SCHEMA_KNOWS_REMOTE_CONFIG ? layers : layers.map(withoutRemoteConfig);
  const resolved = resolveEffectiveConfig(schemaLayers);
  const problems: ConfigProblem[] = resolved.ok ? [] : [...resolved.problems];
  if (!settings.success && !SCHEMA_KNOWS_REMOTE_CONFIG) {
    const source = [...layers].reverse().find((l) => Object.hasOwn(l.data, 'remoteConfig'))?.source ?? 'config';
    for (const issue of settings.error.issues) {
      const path = ['remoteConfig', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      problems.push({ source, field: formatPath(path), problem: issue.message });
    }
  }
  if (!resolved.ok || !settings.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, terminalId: resolved.config.terminalId, settings: settings.data, layers: schemaLayers };
}

/** Built-in defaults < the terminal file, as the kiosk loads them. */
export function readLocalBundleContext(file: string): LocalBundleContext {
  const read = readConfigFile(file);
  if (!read.ok) return { ok: false, problems: read.problems };
  return localBundleContextFromLayers([
    { source: BUILT_IN_DEFAULTS_SOURCE, data: builtInDefaults as Record<string, unknown> },
    { source: file, data: read.data },
  ]);
}

function withoutRemoteConfig(layer: ConfigLayer): ConfigLayer {
  if (!Object.hasOwn(layer.data, 'remoteConfig')) return layer;
  const { remoteConfig: _remoteConfig, ...data } = layer.data;
  return { source: layer.source, data };
}
