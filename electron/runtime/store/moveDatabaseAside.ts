import fs from 'node:fs';

/** The files SQLite keeps next to a database; they belong to it and move with it. */
const SIBLING_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** 2026-11-23T09:45:01.123Z → 20261123T094501Z */
export function utcFileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Renames the database and its side files to `<file>.corrupt-<stamp>` (plus the same
 * suffixes, so SQLite can still open the set for forensics). Never deletes or overwrites:
 * a name already taken gets a counter. Side files move first, so a crash half-way never
 * leaves an old WAL next to the fresh database that would be replayed into it.
 * Returns the new paths, main file first.
 */
export function moveDatabaseAside(file: string, nowMs: number): string[] {
  const target = freeTargetName(`${file}.corrupt-${utcFileStamp(nowMs)}`);
  const moved: string[] = [];
  for (const suffix of SIBLING_SUFFIXES) {
    if (fs.existsSync(file + suffix)) {
      fs.renameSync(file + suffix, target + suffix);
      moved.push(target + suffix);
    }
  }
  if (fs.existsSync(file)) {
    fs.renameSync(file, target);
    moved.unshift(target);
  }
  return moved;
}

function freeTargetName(base: string): string {
  const taken = (name: string) => [name, ...SIBLING_SUFFIXES.map((s) => name + s)].some((n) => fs.existsSync(n));
  if (!taken(base)) return base;
  for (let counter = 2; ; counter += 1) {
    if (!taken(`${base}-${counter}`)) return `${base}-${counter}`;
  }
}
