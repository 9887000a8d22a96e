import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { verifyAuditChain, type AuditChainVerdict } from './auditChain.js';
import { runIntegrityCheck } from './integrityCheck.js';
import { migrations as knownMigrations, type Migration } from './migrations/index.js';
import { openReadOnly } from './openReadOnly.js';
import {
  pendingMigrations,
  readAppliedMigrations,
  readSchemaVersion,
  type AppliedMigration,
  type MigrationRef,
} from './schemaMigrations.js';
import { describeError } from './unreadableDatabaseError.js';

export interface DatabaseCheckReport {
  file: string;
  exists: boolean;
  /** null when there is no file; otherwise 'ok' or what is wrong (including "cannot be opened"). */
  integrity: 'ok' | string[] | null;
  /** null when there is no file or it cannot be read; 0 when it was never migrated. */
  schemaVersion: number | null;
  latestKnownVersion: number;
  /** What the kiosk would apply on its next start (all of them for a missing file). */
  pendingMigrations: MigrationRef[];
  appliedMigrations: AppliedMigration[];
  /** null when there is no audit log to verify (no file, unreadable, or not yet migrated). */
  auditChain: AuditChainVerdict | null;
  /** The kiosk would start on this file without moving it aside, and its audit chain is intact. */
  healthy: boolean;
}

export interface DatabaseCheckOptions {
  /** The migrations to compare against; this build's by default. */
  migrations?: readonly Migration[];
}

/**
 * `kioskctl db check`: inspects the file through a read-only connection. It never
 * recovers, migrates or writes the database, so it is safe next to a running kiosk.
 */
export function checkDatabase(file: string, options: DatabaseCheckOptions = {}): DatabaseCheckReport {
  const known = options.migrations ?? knownMigrations;
  const latestKnownVersion = known.length;
  if (!fs.existsSync(file)) {
    return {
      file,
      exists: false,
      integrity: null,
      schemaVersion: null,
      latestKnownVersion,
      pendingMigrations: pendingMigrations(0, known),
      appliedMigrations: [],
      auditChain: null,
      healthy: false,
    };
  }

  const report: DatabaseCheckReport = {
    file,
    exists: true,
    integrity: null,
    schemaVersion: null,
    latestKnownVersion,
    pendingMigrations: [],
    appliedMigrations: [],
    auditChain: null,
    healthy: false,
  };
  let db: Database.Database | undefined;
  try {
    db = openReadOnly(file);
    report.integrity = runIntegrityCheck(db);
    report.appliedMigrations = readAppliedMigrations(db);
    report.schemaVersion = readSchemaVersion(db);
    report.pendingMigrations = pendingMigrations(report.schemaVersion, known);
    if (hasAuditTables(db)) report.auditChain = verifyAuditChain(db);
  } catch (error) {
    // A damaged file still gets a report: what could be read, plus why the rest could not.
    const problem = `cannot be read as a database: ${describeError(error)}`;
    report.integrity = report.integrity === null || report.integrity === 'ok' ? [problem] : [...report.integrity, problem];
  } finally {
    db?.close();
  }
  report.healthy =
    report.integrity === 'ok' &&
    report.schemaVersion !== null &&
    report.schemaVersion <= latestKnownVersion &&
    (report.auditChain === null || report.auditChain.ok);
  return report;
}

/**
 * `kioskctl audit verify`: walks the audit chain through a read-only connection.
 * Throws when the file is missing or holds no audit log, since then there is nothing to verify.
 */
export function verifyAuditLog(file: string): AuditChainVerdict {
  if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  const db = openReadOnly(file);
  try {
    if (!hasAuditTables(db)) throw new Error(`${file} holds no audit log (never migrated?)`);
    return verifyAuditChain(db);
  } finally {
    db.close();
  }
}

function hasAuditTables(db: Database.Database): boolean {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'audit_head')")
    .get() as { n: number };
  return row.n === 2;
}

export function formatAuditVerdict(verdict: AuditChainVerdict): string {
  return verdict.ok
    ? `intact, ${verdict.rows} entries`
    : `BROKEN at entry ${verdict.brokenAtId} (${verdict.problem}): ${verdict.reason}; ${verdict.rows} entries`;
}

/** The report as aligned lines for a terminal; ends with a verdict line. */
export function formatDatabaseCheck(report: DatabaseCheckReport): string {
  const lines: string[] = [`database    ${report.file}`];
  if (!report.exists) {
    lines.push('exists      no (the kiosk creates it on first start)');
  } else {
    lines.push(
      report.integrity === 'ok'
        ? 'integrity   ok'
        : `integrity   FAILED\n${(report.integrity ?? []).map((p) => `            - ${p}`).join('\n')}`,
    );
    const version = report.schemaVersion === null ? 'unknown' : String(report.schemaVersion);
    const newer =
      report.schemaVersion !== null && report.schemaVersion > report.latestKnownVersion
        ? ' — NEWER than this software: the kiosk would move it aside'
        : '';
    lines.push(`schema      version ${version} (this software knows up to ${report.latestKnownVersion})${newer}`);
    for (const m of report.appliedMigrations) {
      lines.push(`applied     ${m.version} ${m.name} at ${new Date(m.appliedAt).toISOString()}`);
    }
    lines.push(`audit log   ${report.auditChain ? formatAuditVerdict(report.auditChain) : 'not present'}`);
  }
  lines.push(
    report.pendingMigrations.length === 0
      ? 'pending     none'
      : `pending     ${report.pendingMigrations.map((m) => `${m.version} ${m.name}`).join(', ')} (applied on next start)`,
  );
  lines.push(`verdict     ${report.healthy ? 'healthy' : 'NOT HEALTHY'}`);
  return lines.join('\n') + '\n';
}
