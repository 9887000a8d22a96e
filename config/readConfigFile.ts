import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './configProblem.js';

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

/** Turns V8's "at position N" into "line L, column C" so the engineer can find it. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  return `${reason} at line ${line}, column ${column}`;
}
