import type { EventType } from '../../electron/platform/platformApiTypes.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * What the simulator received, for tests to assert on (in-process) and for people to look at
 * (GET /sim/records/NAME with the admin token).
 */

export interface ReceivedEvent {
  eventId: string;
  terminalId: string;
  type: EventType;
  occurredAt: string;
  sequence: number | null;
  payload: Record<string, unknown>;
  batchId: string;
  /** How often this id arrived (it is stored once, whatever the count). */
  deliveries: number;
}

export interface RecordedPaymentOrder {
  terminalId: string;
  idempotencyKey: string;
  orderId: string;
  caseNumber: string;
  method: string;
  amountFen: number;
  state: string;
  /** Times money was taken for this order: more than one would be a double charge. */
  charges: number;
  createRequests: number;
  queries: number;
  refundedFen: number;
}

export interface RecordedCommand {
  commandId: string;
  terminalId: string;
  kind: string;
  force: boolean;
  deliveries: number;
  resultOutcome: string | null;
  result: Record<string, unknown> | null;
  resultReports: number;
}

export interface SimulatorRecords {
  events(filter?: { type?: EventType; terminalId?: string }): ReceivedEvent[];
  eventBatches(): { terminalId: string; batchId: string; deliveries: number }[];
  ratings(): ReceivedEvent[];
  paymentOrders(): RecordedPaymentOrder[];
  configAcknowledgements(): { terminalId: string; version: number; outcome: string; reason: unknown; runningVersion: number | null; reports: number }[];
  commands(): RecordedCommand[];
  logUploads(): { uploadId: string; terminalId: string; commandId: string | null; fileName: string; sizeBytes: number; content: string }[];
  faceComparisons(): { comparisonId: string; terminalId: string; purpose: string; decision: string; score: number; imageBytes: number }[];
  heartbeats(): { terminalId: string; count: number; last: Record<string, unknown> | null }[];
}

export const RECORD_NAMES = [
  'events',
  'event-batches',
  'ratings',
  'payment-orders',
  'config-acknowledgements',
  'commands',
  'log-uploads',
  'face-comparisons',
  'heartbeats',
] as const;

export function createSimulatorRecords(store: SimulatorStore): SimulatorRecords {
  const events: SimulatorRecords['events'] = (filter = {}) => {
    const rows = store
      .stmt(
        `SELECT * FROM events WHERE (@type IS NULL OR type = @type) AND (@terminalId IS NULL OR terminal_id = @terminalId)
         ORDER BY received_at, rowid`,
      )
      .all({ type: filter.type ?? null, terminalId: filter.terminalId ?? null }) as {
      event_id: string;
      terminal_id: string;
      type: EventType;
      occurred_at: string;
      sequence: number | null;
      payload_json: string;
      batch_id: string;
      deliveries: number;
    }[];
    return rows.map((r) => ({
      eventId: r.event_id,
      terminalId: r.terminal_id,
      type: r.type,
      occurredAt: r.occurred_at,
      sequence: r.sequence,
      payload: JSON.parse(r.payload_json) as Record<string, unknown>,
      batchId: r.batch_id,
      deliveries: r.deliveries,
    }));
  };
  return {
    events,
    eventBatches: () =>
      (store.stmt('SELECT terminal_id, batch_id, deliveries FROM event_batches ORDER BY received_at, rowid').all() as {
        terminal_id: string;
        batch_id: string;
        deliveries: number;
      }[]).map((r) => ({ terminalId: r.terminal_id, batchId: r.batch_id, deliveries: r.deliveries })),
    ratings: () => events({ type: 'rating' }),
    paymentOrders: () =>
      (
        store.stmt('SELECT * FROM payment_orders ORDER BY created_at, rowid').all() as {
          terminal_id: string;
          idempotency_key: string;
          order_id: string;
          case_number: string;
          method: string;
          amount_fen: number;
          state: string;
          charges: number;
          create_requests: number;
          queries: number;
          refunded_fen: number;
        }[]
      ).map((r) => ({
        terminalId: r.terminal_id,
        idempotencyKey: r.idempotency_key,
        orderId: r.order_id,
        caseNumber: r.case_number,
        method: r.method,
        amountFen: r.amount_fen,
        state: r.state,
        charges: r.charges,
        createRequests: r.create_requests,
        queries: r.queries,
        refundedFen: r.refunded_fen,
      })),
    configAcknowledgements: () =>
      (
        store.stmt('SELECT * FROM config_acks ORDER BY received_at, rowid').all() as {
          terminal_id: string;
          version: number;
          outcome: string;
          reason_json: string | null;
          running_version: number | null;
          reports: number;
        }[]
      ).map((r) => ({
        terminalId: r.terminal_id,
        version: r.version,
        outcome: r.outcome,
        reason: r.reason_json === null ? null : (JSON.parse(r.reason_json) as unknown),
        runningVersion: r.running_version,
        reports: r.reports,
      })),
    commands: () =>
      (
        store.stmt('SELECT * FROM commands ORDER BY issued_at, rowid').all() as {
          command_id: string;
          terminal_id: string;
          kind: string;
          force: number;
          deliveries: number;
          result_outcome: string | null;
          result_json: string | null;
          result_reports: number;
        }[]
      ).map((r) => ({
        commandId: r.command_id,
        terminalId: r.terminal_id,
        kind: r.kind,
        force: r.force === 1,
        deliveries: r.deliveries,
        resultOutcome: r.result_outcome,
        result: r.result_json === null ? null : (JSON.parse(r.result_json) as Record<string, unknown>),
        resultReports: r.result_reports,
      })),
    logUploads: () =>
      (
        store.stmt('SELECT * FROM log_uploads ORDER BY received_at, rowid').all() as {
          upload_id: string;
          terminal_id: string;
          command_id: string | null;
          file_name: string;
          size_bytes: number;
          content: Buffer;
        }[]
      ).map((r) => ({
        uploadId: r.upload_id,
        terminalId: r.terminal_id,
        commandId: r.command_id,
        fileName: r.file_name,
        sizeBytes: r.size_bytes,
        content: r.content.toString('utf8'),
      })),
    faceComparisons: () =>
      (
        store.stmt('SELECT * FROM face_comparisons ORDER BY created_at, rowid').all() as {
          comparison_id: string;
          terminal_id: string;
          purpose: string;
          decision: string;
          score: number;
          image_bytes: number;
        }[]
      ).map((r) => ({
        comparisonId: r.comparison_id,
        terminalId: r.terminal_id,
        purpose: r.purpose,
        decision: r.decision,
        score: r.score,
        imageBytes: r.image_bytes,
      })),
    heartbeats: () =>
      (store.stmt('SELECT terminal_id, heartbeats, last_heartbeat_json FROM terminals ORDER BY terminal_id').all() as {
        terminal_id: string;
        heartbeats: number;
        last_heartbeat_json: string | null;
      }[]).map((r) => ({
        terminalId: r.terminal_id,
        count: r.heartbeats,
        last: r.last_heartbeat_json === null ? null : (JSON.parse(r.last_heartbeat_json) as Record<string, unknown>),
      })),
  };
}

/** The record of one name, as /sim/records/NAME serves it. */
export function recordByName(records: SimulatorRecords, name: string): unknown[] | null {
  switch (name) {
    case 'events':
      return records.events();
    case 'event-batches':
      return records.eventBatches();
    case 'ratings':
      return records.ratings();
    case 'payment-orders':
      return records.paymentOrders();
    case 'config-acknowledgements':
      return records.configAcknowledgements();
    case 'commands':
      return records.commands();
    case 'log-uploads':
      return records.logUploads();
    case 'face-comparisons':
      return records.faceComparisons();
    case 'heartbeats':
      return records.heartbeats();
    default:
      return null;
  }
}
