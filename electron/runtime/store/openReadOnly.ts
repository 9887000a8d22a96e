import Database from 'better-sqlite3';

/**
 * A connection that cannot write the database file. SQLite may still create the empty
 * -wal/-shm side files a reader of a WAL database needs; it never writes the main file.
 */
export function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
