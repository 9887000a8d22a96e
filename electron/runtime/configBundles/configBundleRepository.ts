import type Database from 'better-sqlite3';
import type { BundleHistory, SeenBundleVersion } from '../../../config/bundles/verifyConfigBundle.js';
import type { Clock } from '../clock.js';
import type { BundleOutcome, NewBundleOutcome } from './bundleOutcome.js';

export interface HeldBundle {
  version: number;
  document: string;
  activateAt: number;
}

export interface AppliedBundleRow {
  version: number;
  layer: string;
  effective: string;
}

/**
 * The config-bundle tables (migration 3). Each method is one statement or a few; callers
 * group them into a transaction with `transaction()` so an outcome is all-or-nothing.
 */
export class ConfigBundleRepository {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.statements = {
      seen: db.prepare('SELECT digest, status, key_id AS keyId FROM config_bundle_versions WHERE version = ?'),
      rememberVersion: db.prepare(`
        INSERT INTO config_bundle_versions (version, digest, key_id, status, first_seen_at, updated_at)
        VALUES (@version, @digest, @keyId, @status, @now, @now)
        ON CONFLICT (version) DO NOTHING
      `),
      setVersionStatus: db.prepare('UPDATE config_bundle_versions SET status = ?, updated_at = ? WHERE version = ?'),
      lastApplied: db.prepare(
        "SELECT MAX(version) AS version FROM config_bundles_applied WHERE state IN ('trial', 'confirmed')",
      ),
      hold: db.prepare(
        'INSERT OR REPLACE INTO config_bundles_held (version, document, activate_at, held_at) VALUES (?, ?, ?, ?)',
      ),
      held: db.prepare(
        'SELECT version, document, activate_at AS activateAt FROM config_bundles_held ORDER BY activate_at, version',
      ),
      removeHeld: db.prepare('DELETE FROM config_bundles_held WHERE version = ?'),
      startTrial: db.prepare(`
        INSERT INTO config_bundles_applied (version, document, layer, effective, state, applied_at)
        VALUES (?, ?, ?, ?, 'trial', ?)
      `),
      trial: db.prepare("SELECT version, layer, effective FROM config_bundles_applied WHERE state = 'trial'"),
      confirm: db.prepare(
        "UPDATE config_bundles_applied SET state = 'confirmed', settled_at = ? WHERE version = ? AND state = 'trial'",
      ),
      rollBack: db.prepare(`
        UPDATE config_bundles_applied SET state = 'rolled-back', settled_at = ?, rollback_code = ?, rollback_reason = ?
        WHERE version = ? AND state = 'trial'
      `),
      confirmed: db.prepare(`
        SELECT version, layer, effective FROM config_bundles_applied
        WHERE state = 'confirmed' ORDER BY version DESC LIMIT 1
      `),
      insertOutcome: db.prepare('INSERT INTO config_bundle_outcomes (version, outcome, body, at) VALUES (?, ?, ?, ?)'),
      setOutcomeBody: db.prepare('UPDATE config_bundle_outcomes SET body = ? WHERE id = ?'),
      acknowledge: db.prepare('UPDATE config_bundle_outcomes SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL'),
      unacknowledged: db.prepare('SELECT body FROM config_bundle_outcomes WHERE acknowledged_at IS NULL ORDER BY id'),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  history(): BundleHistory {
    const row = this.statements.lastApplied.get() as { version: number | null };
    return {
      lastAppliedVersion: row.version ?? 0,
      seen: (version) => this.versionRecord(version),
    };
  }

  versionRecord(version: number): (SeenBundleVersion & { keyId: string }) | undefined {
    return this.statements.seen.get(version) as (SeenBundleVersion & { keyId: string }) | undefined;
  }

  /** Remembers a version the first time it is seen; a version seen before keeps its record. */
  rememberVersion(version: number, digest: string, keyId: string, status: SeenBundleVersion['status']): void {
    this.statements.rememberVersion.run({ version, digest, keyId, status, now: this.clock.now() });
  }

  setVersionStatus(version: number, status: SeenBundleVersion['status']): void {
    this.statements.setVersionStatus.run(status, this.clock.now(), version);
  }

  hold(version: number, document: string, activateAt: number): void {
    this.statements.hold.run(version, document, activateAt, this.clock.now());
  }

  heldBundles(): HeldBundle[] {
    return this.statements.held.all() as HeldBundle[];
  }

  removeHeld(version: number): void {
    this.statements.removeHeld.run(version);
  }

  startTrial(version: number, document: string, layer: string, effective: string): void {
    this.statements.startTrial.run(version, document, layer, effective, this.clock.now());
  }

  trial(): AppliedBundleRow | null {
    return (this.statements.trial.get() as AppliedBundleRow | undefined) ?? null;
  }

  confirm(version: number): void {
    this.statements.confirm.run(this.clock.now(), version);
  }

  rollBack(version: number, code: string, reason: string): void {
    this.statements.rollBack.run(this.clock.now(), code, reason, version);
  }

  /** The remote layer in force: the newest confirmed bundle. */
  confirmed(): AppliedBundleRow | null {
    return (this.statements.confirmed.get() as AppliedBundleRow | undefined) ?? null;
  }

  /** Stores the outcome (not yet acknowledged) and returns it with its id and time. */
  recordOutcome(outcome: NewBundleOutcome): BundleOutcome {
    const at = this.clock.now();
    const id = Number(this.statements.insertOutcome.run(outcome.version, outcome.outcome, '{}', at).lastInsertRowid);
    const full = { id, at: new Date(at).toISOString(), ...outcome } as BundleOutcome;
    this.statements.setOutcomeBody.run(JSON.stringify(full), id);
    return full;
  }

  markAcknowledged(id: number): void {
    this.statements.acknowledge.run(this.clock.now(), id);
  }

  unacknowledgedOutcomes(): BundleOutcome[] {
    return (this.statements.unacknowledged.all() as { body: string }[]).map((row) => JSON.parse(row.body) as BundleOutcome);
  }
}
