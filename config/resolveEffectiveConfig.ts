import type { z } from 'zod';
import type { ConfigProblem } from './configProblem.js';
import { terminalConfigSchema, type TerminalConfig } from './terminalConfigSchema.js';

/** One config layer: built-in defaults < terminal file < remote bundle. */
export interface ConfigLayer {
  /** Human name of the layer, used in every problem: a file path, "built-in defaults", "remote bundle v12". */
  source: string;
  data: Record<string, unknown>;
}

export type EffectiveConfigResult =
  | { ok: true; config: TerminalConfig; sources: string[] }
  | { ok: false; problems: ConfigProblem[]; sources: string[] };

/**
 * Merges the layers (objects deeply, arrays replaced whole) and validates the result. A
 * problem is blamed on the highest layer that set the field, or on the topmost file layer
 * when no layer set a required field.
 */
export function resolveEffectiveConfig(layers: ConfigLayer[]): EffectiveConfigResult {
  const sources = layers.map((l) => l.source);
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer.data), {});
  const parsed = terminalConfigSchema.safeParse(merged);
  if (parsed.success) return { ok: true, config: parsed.data, sources };
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, layers, merged));
  return { ok: false, problems: dedupe(problems), sources };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  layers: ConfigLayer[],
  merged: Record<string, unknown>,
): ConfigProblem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const fieldPath = [...path, key];
      return {
        source: blame(layers, fieldPath),
        field: formatPath(fieldPath),
        problem: 'unknown field (misspelt, or not a setting of this version)',
      };
    });
  }
  const value = valueAt(merged, path);
  const problem =
    value === undefined ? 'is required and has no built-in default' : humanMessage(issue, value);
  return [{ source: blame(layers, path), field: formatPath(path), problem }];
}

function humanMessage(issue: z.core.$ZodIssue, value: unknown): string {
  // A message written in the schema says it best; zod's own read "Invalid …" or "Too …".
  if (!/^(Invalid|Too (small|big))\b/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return `must be ${article(issue.expected)}, not ${describeValue(value)}`;
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(value)}`;
  }
  if (issue.code === 'invalid_union') return `is not a valid choice (${describeValue(value)})`;
  return issue.message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function blame(layers: ConfigLayer[], path: (string | number)[]): string {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (hasPrefix(layer.data, path)) return layer.source;
  }
  return layers[layers.length - 1]?.source ?? 'config';
}

/** True when the layer sets the path or any parent of it (a parent set to a wrong type counts). */
function hasPrefix(data: unknown, path: (string | number)[]): boolean {
  let node: unknown = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return true;
    if (!(key in (node as Record<string | number, unknown>))) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    // defineProperty, not assignment: a "__proto__" key from JSON must stay an own (and so
    // unknown, reported) field instead of silently becoming the object's prototype.
    Object.defineProperty(out, key, {
      value: isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.source}\u0000${p.field}\u0000${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
