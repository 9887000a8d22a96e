/**
 * A parser and a small evaluator for udev rules (udev(7)), enough to check our rules file
 * offline: every line a comma-separated list of KEY[{attr}] OP "value" pairs; match keys
 * take == / !=, assignment keys = += -= :=. The evaluator applies the rules to a described
 * device (its properties and parents) the way udevd would for these keys.
 */

export type Operator = '==' | '!=' | '=' | '+=' | '-=' | ':=';

export interface RulePair {
  key: string;
  attribute?: string;
  operator: Operator;
  value: string;
}

export interface UdevRule {
  line: number;
  pairs: RulePair[];
}

export class UdevRuleSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const MATCH_ONLY = new Set(['ACTION', 'DEVPATH', 'KERNEL', 'KERNELS', 'SUBSYSTEM', 'SUBSYSTEMS', 'DRIVER', 'DRIVERS', 'ATTRS', 'TAGS', 'TEST', 'PROGRAM', 'RESULT', 'CONST']);
const ASSIGN_ONLY = new Set(['OWNER', 'GROUP', 'MODE', 'SECLABEL', 'RUN', 'LABEL', 'GOTO', 'IMPORT', 'OPTIONS', 'WAIT_FOR']);
const EITHER = new Set(['NAME', 'SYMLINK', 'ATTR', 'SYSCTL', 'ENV', 'TAG']);
const WITH_ATTRIBUTE = new Set(['ATTR', 'ATTRS', 'SYSCTL', 'ENV', 'TEST', 'IMPORT', 'SECLABEL', 'CONST', 'RUN']);
const PAIR = /^([A-Z_]+)(?:\{([^}]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"((?:[^"\\]|\\.)*)"$/;

export function parseUdevRules(text: string): UdevRule[] {
  const rules: UdevRule[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    let line = lines[i] ?? '';
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + (lines[++i] ?? '');
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    const pairs = splitPairs(line, lineNumber).map((text) => parsePair(text, lineNumber));
    rules.push({ line: lineNumber, pairs });
  }
  return rules;
}

/** Splits on commas outside double quotes. */
function splitPairs(line: string, lineNumber: number): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === '\\' && quoted) {
      current += c + (line[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (quoted) throw new UdevRuleSyntaxError(lineNumber, 'unterminated quote');
  parts.push(current.trim());
  if (parts.some((p) => p === '')) throw new UdevRuleSyntaxError(lineNumber, 'empty key (stray comma)');
  return parts;
}

function parsePair(text: string, lineNumber: number): RulePair {
  const match = PAIR.exec(text);
  if (!match) throw new UdevRuleSyntaxError(lineNumber, `not KEY OP "value": ${text}`);
  const [, key = '', attribute, operator, value = ''] = match;
  const op = operator as Operator;
  if (!MATCH_ONLY.has(key) && !ASSIGN_ONLY.has(key) && !EITHER.has(key)) throw new UdevRuleSyntaxError(lineNumber, `unknown key ${key}`);
  if (WITH_ATTRIBUTE.has(key) !== (attribute !== undefined) && key !== 'RUN' && key !== 'IMPORT' && key !== 'TEST') {
    throw new UdevRuleSyntaxError(lineNumber, attribute === undefined ? `${key} needs {attribute}` : `${key} takes no {attribute}`);
  }
  const isMatch = op === '==' || op === '!=';
  if (isMatch && ASSIGN_ONLY.has(key)) throw new UdevRuleSyntaxError(lineNumber, `${key} cannot be matched with ${op}`);
  if (!isMatch && MATCH_ONLY.has(key)) throw new UdevRuleSyntaxError(lineNumber, `${key} cannot be assigned with ${op}`);
  if (key === 'MODE' && !/^0?[0-7]{3}$/.test(value)) throw new UdevRuleSyntaxError(lineNumber, `MODE must be octal, not ${value}`);
  return { key, ...(attribute !== undefined ? { attribute } : {}), operator: op, value };
}

/** A device as udevd sees it: its own keys and the chain of parents for the *S keys. */
export interface DeviceDescription {
  action: string;
  subsystem: string;
  kernel: string;
  env?: Record<string, string>;
  attributes?: Record<string, string>;
  parents?: { subsystem: string; kernel: string; attributes?: Record<string, string> }[];
}

/** udev's shell-style patterns: *, ?, [...] and |-separated alternatives. */
export function udevPatternMatches(pattern: string, value: string): boolean {
  return pattern.split('|').some((alternative) => {
    const regex = alternative.replace(/[.+^${}()\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return new RegExp(`^${regex}$`).test(value);
  });
}

export interface DeviceOutcome {
  group?: string;
  mode?: string;
  env: Record<string, string>;
}

export function applyUdevRules(rules: readonly UdevRule[], device: DeviceDescription): DeviceOutcome {
  const outcome: DeviceOutcome = { env: { ...device.env } };
  let skipTo: string | undefined;
  for (const rule of rules) {
    const label = rule.pairs.find((p) => p.key === 'LABEL');
    if (skipTo !== undefined) {
      if (label?.value === skipTo) skipTo = undefined;
      continue;
    }
    if (!matches(rule, device, outcome)) continue;
    for (const pair of rule.pairs) {
      if (pair.operator === '==' || pair.operator === '!=') continue;
      if (pair.key === 'GROUP') outcome.group = pair.value;
      else if (pair.key === 'MODE') outcome.mode = pair.value;
      else if (pair.key === 'ENV' && pair.attribute) outcome.env[pair.attribute] = pair.value;
      else if (pair.key === 'GOTO') skipTo = pair.value;
    }
  }
  return outcome;
}

function matches(rule: UdevRule, device: DeviceDescription, outcome: DeviceOutcome): boolean {
  const own = rule.pairs.filter((p) => (p.operator === '==' || p.operator === '!=') && !['ATTRS', 'SUBSYSTEMS', 'KERNELS', 'DRIVERS'].includes(p.key));
  for (const pair of own) {
    const actual =
      pair.key === 'ACTION'
        ? device.action
        : pair.key === 'SUBSYSTEM'
          ? device.subsystem
          : pair.key === 'KERNEL'
            ? device.kernel
            : pair.key === 'ENV'
              ? outcome.env[pair.attribute ?? '']
              : pair.key === 'ATTR'
                ? device.attributes?.[pair.attribute ?? '']
                : undefined;
    const hit = actual !== undefined && udevPatternMatches(pair.value, actual);
    if (hit !== (pair.operator === '==')) return false;
  }
  // The *S keys must all match on one device of the chain (the device itself or a parent).
  const upward = rule.pairs.filter((p) => ['ATTRS', 'SUBSYSTEMS', 'KERNELS'].includes(p.key));
  if (upward.length === 0) return true;
  const chain = [{ subsystem: device.subsystem, kernel: device.kernel, attributes: device.attributes }, ...(device.parents ?? [])];
  return chain.some((node) =>
    upward.every((pair) => {
      const actual = pair.key === 'ATTRS' ? node.attributes?.[pair.attribute ?? ''] : pair.key === 'SUBSYSTEMS' ? node.subsystem : node.kernel;
      return actual !== undefined && udevPatternMatches(pair.value, actual) === (pair.operator === '==');
    }),
  );
}
