import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The platform simulator's own SQLite file (platform-sim.db in its data directory): what the
 * platform received and its business records. Prepared statements are cached by their SQL.
 */

export const SIMULATOR_DB_FILE = 'platform-sim.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS credentials (
  key_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, secret TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS terminals (
  terminal_id TEXT PRIMARY KEY, groups_json TEXT NOT NULL, hall_name TEXT, versions_json TEXT NOT NULL,
  devices_json TEXT NOT NULL, config_version INTEGER, registered_at INTEGER NOT NULL,
  last_heartbeat_at INTEGER, last_heartbeat_json TEXT, heartbeats INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS commands (
  command_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, kind TEXT NOT NULL, force INTEGER NOT NULL,
  parameters_json TEXT NOT NULL, issued_at INTEGER NOT NULL, expires_at INTEGER, deliveries INTEGER NOT NULL DEFAULT 0,
  result_outcome TEXT, result_json TEXT, result_at INTEGER, result_reports INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS commands_by_terminal ON commands (terminal_id, issued_at);
CREATE TABLE IF NOT EXISTS log_uploads (
  upload_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, command_id TEXT, file_name TEXT NOT NULL,
  content_type TEXT NOT NULL, size_bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, content BLOB NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL,
  sequence INTEGER, payload_json TEXT NOT NULL, batch_id TEXT NOT NULL, received_at INTEGER NOT NULL,
  deliveries INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, received_at);
CREATE TABLE IF NOT EXISTS event_batches (
  terminal_id TEXT NOT NULL, batch_id TEXT NOT NULL, request_sha256 TEXT NOT NULL, response_json TEXT NOT NULL,
  received_at INTEGER NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (terminal_id, batch_id));
CREATE TABLE IF NOT EXISTS config_bundles (
  version INTEGER PRIMARY KEY, content_json TEXT NOT NULL, content_sha256 TEXT NOT NULL,
  targets_json TEXT NOT NULL, published_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS config_acks (
  terminal_id TEXT NOT NULL, version INTEGER NOT NULL, outcome TEXT NOT NULL, reason_json TEXT,
  running_version INTEGER, acknowledged_at TEXT NOT NULL, received_at INTEGER NOT NULL,
  reports INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (terminal_id, version, outcome));
CREATE TABLE IF NOT EXISTS idempotent_responses (
  terminal_id TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, request_sha256 TEXT NOT NULL,
  response_json TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (terminal_id, scope, key));
CREATE TABLE IF NOT EXISTS holders (
  permit_number TEXT PRIMARY KEY, permit_type TEXT NOT NULL, name TEXT NOT NULL, id_number TEXT NOT NULL,
  hukou_city TEXT NOT NULL, scheme_city INTEGER NOT NULL, permit_valid_days INTEGER NOT NULL,
  state_employee INTEGER NOT NULL, previous_endorsement INTEGER NOT NULL, issue_fails INTEGER NOT NULL,
  face_matches INTEGER NOT NULL, approval_refusal TEXT);
CREATE TABLE IF NOT EXISTS eligibility_checks (
  eligibility_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, permit_number TEXT NOT NULL,
  allowed_json TEXT NOT NULL, valid_until INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS endorsement_cases (
  case_number TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, permit_number TEXT NOT NULL, eligibility_id TEXT NOT NULL,
  selections_json TEXT NOT NULL, decision TEXT NOT NULL, payable_json TEXT, status TEXT NOT NULL,
  issued_json TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS property_cases (
  case_number TEXT PRIMARY KEY, contract_filing_number TEXT NOT NULL UNIQUE, case_json TEXT NOT NULL,
  print_at_terminal INTEGER NOT NULL, status TEXT NOT NULL, acceptance_number TEXT, delivery_json TEXT);
CREATE TABLE IF NOT EXISTS property_parties (
  case_number TEXT NOT NULL, party_id TEXT NOT NULL, name TEXT NOT NULL, id_number TEXT NOT NULL,
  face_matches INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (case_number, party_id));
CREATE TABLE IF NOT EXISTS party_verifications (
  verification_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, case_number TEXT NOT NULL, party_id TEXT NOT NULL,
  method TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS property_signatures (
  case_number TEXT NOT NULL, party_id TEXT NOT NULL, image BLOB NOT NULL, strokes_json TEXT NOT NULL,
  received_at INTEGER NOT NULL, PRIMARY KEY (case_number, party_id));
CREATE TABLE IF NOT EXISTS face_comparisons (
  comparison_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, purpose TEXT NOT NULL, subject_key TEXT NOT NULL,
  decision TEXT NOT NULL, score REAL NOT NULL, image_bytes INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS payment_orders (
  terminal_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, order_id TEXT NOT NULL UNIQUE, request_sha256 TEXT NOT NULL,
  case_number TEXT NOT NULL, service TEXT NOT NULL, method TEXT NOT NULL, amount_fen INTEGER NOT NULL,
  items_json TEXT NOT NULL, state TEXT NOT NULL, behaviour TEXT NOT NULL, queries INTEGER NOT NULL DEFAULT 0,
  channel TEXT, payer_reference TEXT, qr_json TEXT, card_json TEXT, failure_json TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, paid_at INTEGER, refunded_fen INTEGER NOT NULL DEFAULT 0,
  create_requests INTEGER NOT NULL DEFAULT 1, charges INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (terminal_id, idempotency_key));
CREATE TABLE IF NOT EXISTS refunds (
  terminal_id TEXT NOT NULL, refund_key TEXT NOT NULL, order_key TEXT NOT NULL, amount_fen INTEGER NOT NULL,
  reason TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (terminal_id, refund_key));
CREATE TABLE IF NOT EXISTS reversed_keys (
  terminal_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, reversed_at INTEGER NOT NULL, PRIMARY KEY (terminal_id, idempotency_key));
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export interface SimulatorStore {
  readonly db: Database.Database;
  readonly file: string;
  /** A prepared statement for this SQL, prepared once. */
  stmt(sql: string): Database.Statement;
  /** The next value of a named counter (1, 2, 3, …), persisted. */
  next(counter: string): number;
  close(): void;
}

export function openSimulatorStore(dataDir: string): SimulatorStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SIMULATOR_DB_FILE);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A simulator: durability across power loss is not its job, throughput in benchmarks is.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    db,
    file,
    stmt,
    next(counter) {
      const row = stmt(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
      ).get(counter) as { value: number };
      return row.value;
    },
    close: () => db.close(),
  };
}
