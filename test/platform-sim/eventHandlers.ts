import type { EventBatchResponse, PlatformError, PlatformEvent, RatingLevel } from '../../electron/platform/platformApiTypes.js';
import { formatViolations } from '../../electron/platform/platformContract.js';
import { type OperationHandlers, SimulatorError, sha256Hex, terminalOf } from './simulatorHandler.js';

/**
 * Event batches from the outbox: each event id is stored once, whatever batch brings it; a
 * batch id seen before with the same content gets its first answer again.
 */

const PAYLOAD_SCHEMA: Record<PlatformEvent['type'], string> = {
  case: 'CaseEventPayload',
  payment: 'PaymentEventPayload',
  rating: 'RatingEventPayload',
  'device-fault': 'DeviceFaultEventPayload',
  'audit-digest': 'AuditDigestEventPayload',
  reconciliation: 'ReconciliationEventPayload',
};

/** Provincial 好差评 direction: 5 = 非常满意 … 1 = 非常不满意. */
export const SATISFACTION_OF_LEVEL: Readonly<Record<RatingLevel, number>> = {
  'very-satisfied': 5,
  satisfied: 4,
  'basically-satisfied': 3,
  dissatisfied: 2,
  'very-dissatisfied': 1,
};

function refusal(code: string, zh: string, en: string, details?: Record<string, unknown>): PlatformError {
  return { code, message: { 'zh-CN': zh, en }, retryable: false, ...(details ? { details } : {}) };
}

function checkEvent(event: PlatformEvent, validate: (schema: string, value: unknown) => string | null): PlatformError | null {
  const problem = validate(PAYLOAD_SCHEMA[event.type], event.payload);
  if (problem) return refusal('invalid-event', '事件内容不符合接口规范', 'The event payload does not match its schema', { problem });
  if (event.type === 'rating') {
    const { level, satisfaction } = event.payload;
    if (SATISFACTION_OF_LEVEL[level] !== satisfaction) {
      return refusal('rating-mismatch', '评价等级与满意度代码不一致', `level ${level} is satisfaction ${SATISFACTION_OF_LEVEL[level]}, not ${satisfaction}`);
    }
    const bad = level === 'dissatisfied' || level === 'very-dissatisfied';
    if (!bad && event.payload.badReasons.length > 0) {
      return refusal('rating-mismatch', '只有差评可以附带差评原因', 'only a dissatisfied rating carries bad-rating reasons');
    }
  }
  if (event.type === 'reconciliation' && event.payload.differenceCount < event.payload.differences.length) {
    return refusal('invalid-event', '差异总数小于所列差异数', `differenceCount ${event.payload.differenceCount} is below the ${event.payload.differences.length} differences listed`);
  }
  return null;
}

export const eventHandlers: Pick<OperationHandlers, 'postEventBatch'> = {
  postEventBatch(context) {
    const terminalId = terminalOf(context);
    const batch = context.body;
    if (batch.events.length > context.settings.maxEventBatchSize) {
      throw new SimulatorError('invalid-request', { problem: `at most ${context.settings.maxEventBatchSize} events per batch` });
    }
    const requestHash = sha256Hex(JSON.stringify(batch.events));
    const earlier = context.store
      .stmt('SELECT request_sha256, response_json FROM event_batches WHERE terminal_id = ? AND batch_id = ?')
      .get(terminalId, batch.batchId) as { request_sha256: string; response_json: string } | undefined;
    if (earlier) {
      // Same key, other events: a terminal bug that acknowledging would hide.
      if (earlier.request_sha256 !== requestHash) throw new SimulatorError('idempotency-key-reused', { batchId: batch.batchId });
      context.store.stmt('UPDATE event_batches SET deliveries = deliveries + 1 WHERE terminal_id = ? AND batch_id = ?').run(terminalId, batch.batchId);
      return { ...(JSON.parse(earlier.response_json) as EventBatchResponse), duplicateBatch: true };
    }

    const validate = (schema: string, value: unknown) => {
      const violations = context.contract.checkSchema(schema, value);
      return violations.length === 0 ? null : formatViolations(violations);
    };
    const find = context.store.stmt('SELECT terminal_id FROM events WHERE event_id = ?');
    const insert = context.store.stmt(
      `INSERT INTO events (event_id, terminal_id, type, occurred_at, sequence, payload_json, batch_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const redelivered = context.store.stmt('UPDATE events SET deliveries = deliveries + 1 WHERE event_id = ?');
    const acknowledged: string[] = [];
    const refused: EventBatchResponse['refused'] = [];
    for (const event of batch.events) {
      const stored = find.get(event.eventId) as { terminal_id: string } | undefined;
      if (stored) {
        if (stored.terminal_id !== terminalId) {
          refused.push({
            eventId: event.eventId,
            error: refusal('event-id-conflict', '事件编号已被其他终端使用', 'another terminal delivered an event with this id'),
          });
        } else {
          redelivered.run(event.eventId);
          acknowledged.push(event.eventId);
        }
        continue;
      }
      const problem = checkEvent(event, validate);
      if (problem) {
        refused.push({ eventId: event.eventId, error: problem });
        continue;
      }
      insert.run(event.eventId, terminalId, event.type, event.occurredAt, event.sequence ?? null, JSON.stringify(event.payload), batch.batchId, context.now);
      acknowledged.push(event.eventId);
    }
    const response: EventBatchResponse = { batchId: batch.batchId, acknowledged, refused, duplicateBatch: false };
    context.store
      .stmt('INSERT INTO event_batches (terminal_id, batch_id, request_sha256, response_json, received_at) VALUES (?, ?, ?, ?, ?)')
      .run(terminalId, batch.batchId, requestHash, JSON.stringify(response), context.now);
    return response;
  },
};
