import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';

export type PrintJobState = 'pending' | 'printed' | 'failed' | 'discarded';

export interface PrintJobRecord {
  jobId: string;
  deviceId: string;
  state: PrintJobState;
  attempts: number;
  /** A PrinterProblem code, 'device-host-restarted', or null. */
  failureReason: string | null;
  /** Bytes of the job reached the printer before it failed: part of it may be on paper. */
  printedBeforeFailure: boolean | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  jobId: string;
  deviceId: string;
  state: PrintJobState;
  attempts: number;
  failureReason: string | null;
  printedBeforeFailure: number | null;
  createdAt: number;
  updatedAt: number;
}

const COLUMNS = `job_id AS jobId, device_id AS deviceId, state, attempts, failure_reason AS failureReason,
  printed_before_failure AS printedBeforeFailure, created_at AS createdAt, updated_at AS updatedAt`;

/**
 * Table print_jobs: the durable print journal. A job is recorded (state `pending`) before its
 * first byte goes to the printer, so a crash, a pulled cable or paper end leaves it here for
 * staff to reprint; a reprint records a new attempt under the same id.
 */
export class PrintJournalRepository {
  private readonly upsert;
  private readonly setState;
  private readonly selectOne;
  private readonly selectBytes;
  private readonly selectUnfinished;
  private readonly deleteOld;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO print_jobs (job_id, device_id, bytes, state, attempts, created_at, updated_at)
       VALUES (@jobId, @deviceId, @bytes, 'pending', 1, @now, @now)
       ON CONFLICT (job_id) DO UPDATE SET state = 'pending', attempts = attempts + 1, failure_reason = NULL,
         printed_before_failure = NULL, updated_at = excluded.updated_at`,
    );
    this.setState = db.prepare(
      `UPDATE print_jobs SET state = @state, failure_reason = @failureReason, printed_before_failure = @printedBeforeFailure,
         updated_at = @now WHERE job_id = @jobId`,
    );
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE job_id = ?`);
    this.selectBytes = db.prepare('SELECT bytes FROM print_jobs WHERE job_id = ?');
    this.selectUnfinished = db.prepare(
      `SELECT ${COLUMNS} FROM print_jobs WHERE state IN ('pending', 'failed') ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    this.deleteOld = db.prepare(`DELETE FROM print_jobs WHERE state IN ('printed', 'discarded') AND updated_at < ?`);
  }

  /** Before the first byte is sent. A second record of the same job (a reprint) counts an attempt; the bytes stay the first ones. */
  record(job: { jobId: string; deviceId: string; bytes: Uint8Array }): void {
    this.upsert.run({ jobId: job.jobId, deviceId: job.deviceId, bytes: Buffer.from(job.bytes), now: this.clock.now() });
  }

  markPrinted(jobId: string): void {
    this.update(jobId, 'printed', null, null);
  }

  markFailed(jobId: string, failure: { reason: string; printedBeforeFailure: boolean }): void {
    this.update(jobId, 'failed', failure.reason, failure.printedBeforeFailure);
  }

  /** Staff dealt with the job another way (handed out a partial receipt, wrote one by hand). */
  markDiscarded(jobId: string): boolean {
    const job = this.get(jobId);
    if (!job || (job.state !== 'failed' && job.state !== 'pending')) return false;
    this.update(jobId, 'discarded', job.failureReason, job.printedBeforeFailure);
    return true;
  }

  get(jobId: string): PrintJobRecord | null {
    const row = this.selectOne.get(jobId) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  bytes(jobId: string): Uint8Array | null {
    const row = this.selectBytes.get(jobId) as { bytes: Buffer } | undefined;
    return row ? new Uint8Array(row.bytes) : null;
  }

  /** Failed jobs and pending ones a crash left behind, newest first. */
  unfinished(limit = 50): PrintJobRecord[] {
    return (this.selectUnfinished.all(limit) as Row[]).map(toRecord);
  }

  /** Forgets printed and discarded jobs last touched before `before` (ms); returns how many. */
  pruneFinished(before: number): number {
    return this.deleteOld.run(before).changes;
  }

  private update(jobId: string, state: PrintJobState, failureReason: string | null, printedBeforeFailure: boolean | null): void {
    this.setState.run({
      jobId,
      state,
      failureReason,
      printedBeforeFailure: printedBeforeFailure === null ? null : printedBeforeFailure ? 1 : 0,
      now: this.clock.now(),
    });
  }
}

function toRecord(row: Row): PrintJobRecord {
  return { ...row, printedBeforeFailure: row.printedBeforeFailure === null ? null : row.printedBeforeFailure === 1 };
}
