import type Database from 'better-sqlite3';
import type { CommandKind, CommandOutcome, CommandParameters, CommandResultRequest, PlatformCommand } from '../../platform/platformApiTypes.js';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** What remote commands can do to the kiosk; the runtime implements it over its services. */
export interface CommandTarget {
  isSessionActive(): boolean;
  endSession(): void;
  /** Staff "reset terminal": end any session, re-open devices, reload the screen. */
  reset(): Promise<void>;
  /** Restart the app (the supervisor brings it back); resolves once the restart is requested. */
  restartApp(): Promise<void>;
  /** Reboot through the configured OS hook; fails when none is configured. */
  reboot(): Promise<void>;
  setOutOfService(reason: string): void;
  returnToService(): { ok: true } | { ok: false; message: string };
  uploadLogs(commandId: string, sinceHours: number): Promise<{ uploadId: string }>;
  selfTest(deviceId: string | undefined): Promise<Array<{ deviceId: string; passed: boolean; faultCode: string | null }>>;
}

/** Commands that would interrupt a citizen wait for the session to end unless forced. */
const WAITS_FOR_SESSION: ReadonlySet<CommandKind> = new Set(['reset', 'restart-app', 'reboot', 'out-of-service', 'device-self-test']);
/** Commands whose success is the process going away: recorded as done before they run. */
const ENDS_PROCESS: ReadonlySet<CommandKind> = new Set(['restart-app', 'reboot']);

interface Row {
  commandId: string;
  kind: CommandKind;
  force: number;
  parameters: string;
  expiresAt: number | null;
  state: 'waiting' | 'running' | 'done';
  outcome: CommandOutcome | null;
  message: string | null;
  startedAt: number | null;
  finishedAt: number | null;
}

/**
 * Runs the platform's commands: each at most once by id (recorded in SQLite before anything
 * happens), audited, its result reported until the platform has it. Commands that would
 * interrupt a citizen wait until the session ends, unless forced; expired ones are not run.
 * A command interrupted by a crash is reported as failed, never run a second time; a restart
 * or reboot is recorded as succeeded before it is triggered, since success ends the process.
 */
export class CommandExecutor {
  private readonly insert;
  private readonly select;
  private readonly selectWaiting;
  private readonly selectUnreported;
  private readonly markRunning;
  private readonly markDone;
  private readonly markReported;
  private readonly selectRunning;
  private readonly correct;
  private busy: Promise<void> = Promise.resolve();

  constructor(
    db: Database.Database,
    private readonly deps: {
      target: CommandTarget;
      platform: Pick<PlatformClient, 'reportCommandResult'>;
      audit: AuditSink;
      clock: Clock;
      logger: Logger;
    },
  ) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO platform_commands (command_id, kind, force, parameters, expires_at, state, received_at)
       VALUES (@commandId, @kind, @force, @parameters, @expiresAt, 'waiting', @now)`,
    );
    const columns = `command_id AS commandId, kind, force, parameters, expires_at AS expiresAt, state, outcome, message, started_at AS startedAt, finished_at AS finishedAt`;
    this.select = db.prepare(`SELECT ${columns} FROM platform_commands WHERE command_id = ?`);
    this.selectWaiting = db.prepare(`SELECT ${columns} FROM platform_commands WHERE state = 'waiting' ORDER BY received_at, rowid`);
    this.selectRunning = db.prepare(`SELECT ${columns} FROM platform_commands WHERE state = 'running'`);
    this.selectUnreported = db.prepare(`SELECT ${columns} FROM platform_commands WHERE state = 'done' AND reported = 0 ORDER BY finished_at`);
    this.markRunning = db.prepare(`UPDATE platform_commands SET state = 'running', started_at = ? WHERE command_id = ? AND state = 'waiting'`);
    this.markDone = db.prepare(`UPDATE platform_commands SET state = 'done', outcome = ?, message = ?, finished_at = ? WHERE command_id = ? AND state != 'done'`);
    this.markReported = db.prepare('UPDATE platform_commands SET reported = 1 WHERE command_id = ?');
    this.correct = db.prepare('UPDATE platform_commands SET outcome = ?, message = ? WHERE command_id = ? AND reported = 0');
  }

  /** At start-up: a command caught mid-run by a crash is over (failed), not run again. */
  recover(): void {
    for (const row of this.selectRunning.all() as Row[]) {
      this.finish(row, 'failed', 'interrupted by a restart of the kiosk; not run again');
    }
  }

  /** New commands from a heartbeat answer; ids already known are ignored. Then runs what may run. */
  accept(commands: readonly PlatformCommand[]): Promise<void> {
    for (const command of commands) {
      const inserted = this.insert.run({
        commandId: command.commandId,
        kind: command.kind,
        force: command.force ? 1 : 0,
        parameters: JSON.stringify(command.parameters ?? {}),
        expiresAt: command.expiresAt ? Date.parse(command.expiresAt) : null,
        now: this.deps.clock.now(),
      }).changes;
      if (inserted === 1) this.deps.audit.append({ actor: 'remote-admin', action: 'command.received', detail: { commandId: command.commandId, kind: command.kind, force: command.force } });
    }
    return this.runWaiting();
  }

  /** Runs waiting commands that may run now (call again when a session ends). */
  runWaiting(): Promise<void> {
    this.busy = this.busy.then(() => this.drain()).catch((error: unknown) => this.deps.logger.error('running commands failed', { error: String(error) }));
    return this.busy;
  }

  /** Sends every result the platform does not have yet; returns how many went. */
  async reportResults(): Promise<number> {
    let sent = 0;
    for (const row of this.selectUnreported.all() as Row[]) {
      const body: CommandResultRequest = {
        outcome: row.outcome ?? 'failed',
        finishedAt: new Date(row.finishedAt ?? this.deps.clock.now()).toISOString(),
        ...(row.startedAt ? { startedAt: new Date(row.startedAt).toISOString() } : {}),
        ...(row.message ? { message: row.message } : {}),
      };
      const outcome = await this.deps.platform.reportCommandResult(row.commandId, body);
      if (outcome.kind === 'ok' || (outcome.kind === 'rejected' && !outcome.error.retryable)) {
        this.markReported.run(row.commandId);
        sent++;
      }
    }
    return sent;
  }

  state(commandId: string): { state: Row['state']; outcome: CommandOutcome | null; message: string | null } | null {
    const row = this.select.get(commandId) as Row | undefined;
    return row ? { state: row.state, outcome: row.outcome, message: row.message } : null;
  }

  private async drain(): Promise<void> {
    for (const row of this.selectWaiting.all() as Row[]) {
      if (row.expiresAt !== null && row.expiresAt < this.deps.clock.now()) {
        this.finish(row, 'expired', 'expired before it could run');
        continue;
      }
      if (WAITS_FOR_SESSION.has(row.kind) && !row.force && this.deps.target.isSessionActive()) continue;
      if (this.markRunning.run(this.deps.clock.now(), row.commandId).changes !== 1) continue;
      await this.execute(row);
    }
    await this.reportResults().catch((error: unknown) => this.deps.logger.warn('reporting command results failed', { error: String(error) }));
  }

  private async execute(row: Row): Promise<void> {
    const parameters = JSON.parse(row.parameters) as CommandParameters;
    const reason = parameters.reason?.en ?? 'remote admin';
    const { target } = this.deps;
    this.deps.audit.append({ actor: 'remote-admin', action: 'command.run', detail: { commandId: row.commandId, kind: row.kind, force: row.force === 1 } });
    try {
      switch (row.kind) {
        case 'end-session':
          target.endSession();
          return this.finish(row, 'succeeded', null);
        case 'reset':
          await target.reset();
          return this.finish(row, 'succeeded', null);
        case 'out-of-service':
          target.setOutOfService(reason);
          return this.finish(row, 'succeeded', null);
        case 'in-service': {
          const result = target.returnToService();
          return this.finish(row, result.ok ? 'succeeded' : 'rejected', result.ok ? null : result.message);
        }
        case 'upload-logs': {
          const { uploadId } = await target.uploadLogs(row.commandId, parameters.sinceHours ?? 24);
          return this.finish(row, 'succeeded', `upload ${uploadId}`);
        }
        case 'device-self-test': {
          const results = await target.selfTest(parameters.deviceId);
          const failed = results.filter((r) => !r.passed);
          return this.finish(row, failed.length === 0 ? 'succeeded' : 'failed', JSON.stringify(results));
        }
        case 'restart-app':
        case 'reboot':
          // Success takes the process with it: record it first (so it never runs twice); the
          // result is reported by the next process, after the restart.
          this.finish(row, 'succeeded', null);
          if (row.kind === 'restart-app') await target.restartApp();
          else await target.reboot();
          return;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (ENDS_PROCESS.has(row.kind)) {
        // Recorded as succeeded before the attempt, not reported yet: correct it.
        this.deps.logger.error('restart command failed', { commandId: row.commandId, error: message });
        this.correct.run('failed', message, row.commandId);
        return;
      }
      this.finish(row, 'failed', message);
    }
  }

  private finish(row: Pick<Row, 'commandId' | 'kind'>, outcome: CommandOutcome, message: string | null): void {
    this.markDone.run(outcome, message, this.deps.clock.now(), row.commandId);
    this.deps.audit.append({ actor: 'remote-admin', action: 'command.finished', detail: { commandId: row.commandId, kind: row.kind, outcome } });
  }
}
