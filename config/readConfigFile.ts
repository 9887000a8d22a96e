import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './configProblem.js';
import { findJsonErrorOffset, lineAndColumn } from './jsonErrorLocation.js';

export type ConfigFileRead =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; problems: ConfigProblem[] };

/** Reads a JSON config layer; every failure becomes a problem naming the file, never a throw. */
export function readConfigFile(file: string): ConfigFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied: the kiosk user cannot read this file'
          : code === 'EISDIR'
            ? 'is a directory, not a file'
            : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problems: [{ source: file, field: '', problem }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    return { ok: false, problems: [{ source: file, field: '', problem: 'file is empty' }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ source: file, field: '', problem: `not valid JSON: ${describeJsonError(text, error)}` }],
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      problems: [{ source: file, field: '', problem: 'must contain a JSON object ({ … }) at the top level' }],
    };
  }
  return { ok: true, data: data as Record<string, unknown> };
}

/** Says what is wrong and where: V8's message on Node 20 often lacks the position. */
function describeJsonError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/, \.\.\..*$/, '');
  const offset = findJsonErrorOffset(text);
  if (offset === null) return message;
  const { line, column } = lineAndColumn(text, offset);
  const found = offset >= text.length ? 'the file ends too early' : `unexpected ${JSON.stringify(text[offset])}`;
  return `${found} at line ${line}, column ${column}`;
}
