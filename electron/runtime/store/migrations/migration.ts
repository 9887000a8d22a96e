/** One forward-only schema step. `up` runs inside its own transaction; it never edits an applied step. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/**
 * Refuses a migration list whose versions are not exactly 1..N in order: a gap or a duplicate
 * would let two terminals on the "same" version hold different schemas.
 */
export function validateMigrations(list: readonly Migration[]): readonly Migration[] {
  list.forEach((migration, index) => {
    const expected = index + 1;
    if (migration.version !== expected) {
      throw new Error(
        `Migrations must be numbered 1..N without gaps: position ${expected} holds version ${migration.version}`,
      );
    }
    if (migration.name.trim() === '') throw new Error(`Migration ${migration.version} has no name`);
    if (migration.up.trim() === '') throw new Error(`Migration ${migration.version} has no SQL`);
  });
  return list;
}
