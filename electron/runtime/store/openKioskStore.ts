import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { AuditLog } from './auditLog.js';
import { runIntegrityCheck } from './integrityCheck.js';
import { LastGoodConfigRepository } from './lastGoodConfigRepository.js';
import { PrintJournalRepository } from './printJournalRepository.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';
import { moveDatabaseAside } from './moveDatabaseAside.js';
import { openReadOnly } from './openReadOnly.js';
import { applyPendingMigrations, readSchemaVersion } from './schemaMigrations.js';
import { StaffLockoutRepository } from './staffLockoutRepository.js';
import { SystemNotices } from './systemNotices.js';
import { TerminalStateRepository } from './terminalStateRepository.js';
import { describeError, isUnreadableDatabaseError } from './unreadableDatabaseError.js';

export type RecoveryReason =
  | 'unreadable' // not a database, or SQLite reported corruption while reading it
  | 'integrity-check-failed'
  | 'newer-schema'; // written by newer software: the terminal was downgraded

/** Set when the file found at boot was moved aside and a fresh database created in its place. */
export interface StoreRecovery {
  reason: RecoveryReason;
  /** What was wrong, for staff and logs (never personal data: SQLite messages and versions only). */
  detail: string;
  /** Where the old files went, main database file first. Nothing was deleted. */
  movedTo: string[];
}

export interface KioskStore {
  readonly schemaVersion: number;
  readonly recovery: StoreRecovery | null;
  readonly audit: AuditLog;
  readonly notices: SystemNotices;
  readonly terminalState: TerminalStateRepository;
  readonly staffLockout: StaffLockoutRepository;
  readonly lastGoodConfig: LastGoodConfigRepository;
  readonly printJournal: PrintJournalRepository;
  /** The raw connection, for tests only: services go through the repositories. */
  readonly db: Database.Database;
  close(): void;
}

export interface OpenKioskStoreOptions {
  file: string;
  clock: Clock;
  logger: Logger;
}

export const RECOVERY_NOTICE_CODE = 'store.recovered';

/**
 * Opens (creating if needed) the terminal's database, checks it, and migrates it.
 * A file that is not a sound database, or that newer software wrote, is moved aside
 * rather than repaired or deleted, and the terminal starts on a fresh database with a
 * notice for staff: a kiosk that cannot boot serves nobody, and the old bytes stay
 * available for whoever investigates. Other failures (permissions, disk full) throw.
 */
export function openKioskStore(options: OpenKioskStoreOptions): KioskStore {
  const { file, logger } = options;
  let recovery: StoreRecovery | null = null;

  const problem = findReasonToSetAside(file);
  if (problem) recovery = setAside(options, problem);

  try {
    return openHealthyFile(options, recovery);
  } catch (error) {
    // The read-only probe can miss damage that only a write path touches; recover once.
    if (recovery || !isUnreadableDatabaseError(error)) throw error;
    logger.warn('store.open.unreadable-after-check', { file, error: describeError(error) });
    recovery = setAside(options, { reason: 'unreadable', detail: describeError(error) });
    return openHealthyFile(options, recovery);
  }
}

type Problem = Pick<StoreRecovery, 'reason' | 'detail'>;

/** Looks at an existing file through a read-only connection, so a file we refuse stays byte-for-byte as found. */
function findReasonToSetAside(file: string): Problem | null {
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = openReadOnly(file);
    const integrity = runIntegrityCheck(db);
    if (integrity !== 'ok') {
      return { reason: 'integrity-check-failed', detail: `integrity_check: ${integrity.slice(0, 5).join('; ')}` };
    }
    const version = readSchemaVersion(db);
    if (version > latestSchemaVersion) {
      return {
        reason: 'newer-schema',
        detail: `schema version ${version} is newer than this software knows (${latestSchemaVersion})`,
      };
    }
    return null;
  } catch (error) {
    if (isUnreadableDatabaseError(error)) return { reason: 'unreadable', detail: describeError(error) };
    throw error;
  } finally {
    db?.close();
  }
}

function setAside({ file, clock, logger }: OpenKioskStoreOptions, problem: Problem): StoreRecovery {
  const movedTo = moveDatabaseAside(file, clock.now());
  logger.error('store.recovered', { file, reason: problem.reason, detail: problem.detail, movedTo });
  return { ...problem, movedTo };
}

function openHealthyFile({ file, clock, logger }: OpenKioskStoreOptions, recovery: StoreRecovery | null): KioskStore {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') logger.warn('store.wal-unavailable', { file, journalMode });
    // Money lives here: a committed transaction must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');

    const applied = applyPendingMigrations(db, migrations, clock);
    const schemaVersion = readSchemaVersion(db);

    const store: KioskStore = {
      schemaVersion,
      recovery,
      audit: new AuditLog(db, clock),
      notices: new SystemNotices(db, clock),
      terminalState: new TerminalStateRepository(db, clock),
      staffLockout: new StaffLockoutRepository(db),
      lastGoodConfig: new LastGoodConfigRepository(db, clock),
      printJournal: new PrintJournalRepository(db, clock),
      db,
      close: () => db.close(),
    };
    // The audit entry for a recovery is the composition root's to write (createKioskRuntime does).
    if (recovery) store.notices.record(RECOVERY_NOTICE_CODE, recoveryMessage(recovery));
    logger.info('store.opened', { file, schemaVersion, appliedMigrations: applied.map((m) => m.version) });
    return store;
  } catch (error) {
    db.close();
    throw error;
  }
}

function recoveryMessage({ reason, detail, movedTo }: StoreRecovery): string {
  const where = movedTo[0] ?? '(no file)';
  switch (reason) {
    case 'unreadable':
      return (
        `The database could not be read (${detail}). It was moved to ${where} and a new, empty ` +
        'database was created; records from before this start are only in the moved file.'
      );
    case 'integrity-check-failed':
      return (
        `The database failed its integrity check (${detail}). It was moved to ${where} and a new, ` +
        'empty database was created; records from before this start are only in the moved file.'
      );
    case 'newer-schema':
      return (
        `The database was written by newer terminal software (${detail}): the software was probably ` +
        `downgraded. The file was not modified; it was moved to ${where} and a new, empty database was ` +
        'created. Reinstall the newer software and move the file back to keep its records.'
      );
  }
}
