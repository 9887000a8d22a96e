import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { FinalStatus, FlowContext } from './flowDefinition.js';

export type FlowStatus = 'active' | FinalStatus;

export interface FlowRecord {
  flowId: string;
  kind: string;
  step: string;
  status: FlowStatus;
  context: FlowContext;
  stepEnteredAt: number;
  createdAt: number;
  updatedAt: number;
}

interface Row extends Omit<FlowRecord, 'context'> {
  context: string;
}

const COLUMNS = `flow_id AS flowId, kind, step, status, context, step_entered_at AS stepEnteredAt, created_at AS createdAt, updated_at AS updatedAt`;

/** Tables flows and flow_transitions: each transition rewrites the row and logs the move in one transaction. */
export class FlowRepository {
  private readonly insert;
  private readonly update;
  private readonly updateContext;
  private readonly log;
  private readonly selectOne;
  private readonly selectActive;
  private readonly selectLog;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO flows (flow_id, kind, step, status, context, step_entered_at, created_at, updated_at)
       VALUES (@flowId, @kind, @step, 'active', @context, @now, @now, @now)`,
    );
    this.update = db.prepare(
      `UPDATE flows SET step = @step, status = @status, context = @context, step_entered_at = @now, updated_at = @now
       WHERE flow_id = @flowId AND step = @from AND status = 'active'`,
    );
    this.updateContext = db.prepare(
      `UPDATE flows SET context = @context, updated_at = @now WHERE flow_id = @flowId AND step = @step AND status = 'active'`,
    );
    this.log = db.prepare('INSERT INTO flow_transitions (flow_id, from_step, to_step, event, at) VALUES (?, ?, ?, ?, ?)');
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM flows WHERE flow_id = ?`);
    this.selectActive = db.prepare(`SELECT ${COLUMNS} FROM flows WHERE status = 'active' ORDER BY created_at, rowid`);
    this.selectLog = db.prepare('SELECT from_step AS fromStep, to_step AS toStep, event, at FROM flow_transitions WHERE flow_id = ? ORDER BY id');
  }

  create(flow: { flowId: string; kind: string; step: string; context: FlowContext }): FlowRecord {
    this.insert.run({ ...flow, context: JSON.stringify(flow.context), now: this.clock.now() });
    return this.get(flow.flowId)!;
  }

  /**
   * False when the flow is no longer where the caller thought (another transition got there
   * first). `alongside` runs inside the same transaction once the move is certain (the facts the
   * move causes, e.g. an outbox event): both commit or neither does.
   */
  transition(flowId: string, from: string, to: { step: string; status: FlowStatus; context: FlowContext }, event: string, alongside?: () => void): boolean {
    return this.db
      .transaction(() => {
        const now = this.clock.now();
        const changed = this.update.run({ flowId, from, step: to.step, status: to.status, context: JSON.stringify(to.context), now }).changes;
        if (changed !== 1) return false;
        this.log.run(flowId, from, to.step, event, now);
        alongside?.();
        return true;
      })
      .immediate();
  }

  /**
   * Rewrites only the context of a flow still in `step` (logged as a move to the same step);
   * the step's entry time stays, so its timeout is not restarted. False when it has moved on.
   */
  note(flowId: string, step: string, context: FlowContext, event: string): boolean {
    return this.db
      .transaction(() => {
        const now = this.clock.now();
        const changed = this.updateContext.run({ flowId, step, context: JSON.stringify(context), now }).changes;
        if (changed !== 1) return false;
        this.log.run(flowId, step, step, event, now);
        return true;
      })
      .immediate();
  }

  get(flowId: string): FlowRecord | null {
    const row = this.selectOne.get(flowId) as Row | undefined;
    return row ? { ...row, context: JSON.parse(row.context) as FlowContext } : null;
  }

  active(): FlowRecord[] {
    return (this.selectActive.all() as Row[]).map((row) => ({ ...row, context: JSON.parse(row.context) as FlowContext }));
  }

  transitions(flowId: string): Array<{ fromStep: string; toStep: string; event: string; at: number }> {
    return this.selectLog.all(flowId) as Array<{ fromStep: string; toStep: string; event: string; at: number }>;
  }
}
