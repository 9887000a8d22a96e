/**
 * True for errors meaning "these bytes are not a sound SQLite database" (garbage, truncated,
 * overwritten pages). Only these justify moving the file aside; anything else (permissions,
 * a locked file, a full disk) must surface instead, or a healthy database would be set aside.
 */
export function isUnreadableDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
