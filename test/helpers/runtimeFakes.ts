import type { DurablePrintJournal } from '../../electron/runtime/printing/printService.js';
import type { PrintJobRecord } from '../../electron/runtime/store/printJournalRepository.js';
import { loadTerminalConfig } from '../../config/loadTerminalConfig.js';
import type { TerminalConfig } from '../../config/terminalConfigSchema.js';
import type { AuditSink } from '../../electron/runtime/audit/auditSink.js';
import type { SystemNotice } from '../../electron/bridge/kioskSnapshot.js';

/** The shipped sample config, parsed: a realistic config for runtime tests. */
export function sampleConfig(overrides: (c: TerminalConfig) => void = () => undefined): TerminalConfig {
  const loaded = loadTerminalConfig('config/terminal.sample.json');
  if (!loaded.ok) throw new Error('sample config is invalid');
  const config = structuredClone(loaded.config);
  overrides(config);
  return config;
}

/** Records audit entries in memory. */
export class RecordingAudit implements AuditSink {
  readonly entries: { actor: string; action: string; detail?: Record<string, unknown> }[] = [];
  append(entry: { actor: string; action: string; detail?: Record<string, unknown> }): void {
    this.entries.push(entry);
  }
  actions(): string[] {
    return this.entries.map((e) => e.action);
  }
}

export class MemoryLockout {
  state = { failedAttempts: 0, lockedUntil: null as number | null };
  get() {
    return { ...this.state };
  }
  set(state: { failedAttempts: number; lockedUntil: number | null }) {
    this.state = { ...state };
  }
}

export class MemoryTerminalState {
  state = { outOfService: false, reason: null as string | null, changedAt: null as number | null };
  get() {
    return { ...this.state };
  }
  set(state: { outOfService: boolean; reason: string | null; changedAt: number | null }) {
    this.state = { ...state };
  }
}

export class MemoryNotices {
  notices: SystemNotice[] = [];
  listOpen(): SystemNotice[] {
    return this.notices;
  }
  acknowledge(id: number): boolean {
    const before = this.notices.length;
    this.notices = this.notices.filter((n) => n.id !== id);
    return this.notices.length < before;
  }
}

/** The durable print journal's contract, in memory (PrintJournalRepository is tested against SQLite). */
export class MemoryPrintJournal implements DurablePrintJournal {
  readonly jobs = new Map<string, PrintJobRecord & { bytes: Uint8Array }>();
  constructor(private readonly now: () => number = () => 0) {}
  record(job: { jobId: string; deviceId: string; bytes: Uint8Array }): void {
    const existing = this.jobs.get(job.jobId);
    this.jobs.set(job.jobId, {
      jobId: job.jobId,
      deviceId: job.deviceId,
      bytes: existing?.bytes ?? Uint8Array.from(job.bytes),
      state: 'pending',
      attempts: (existing?.attempts ?? 0) + 1,
      failureReason: null,
      printedBeforeFailure: null,
      createdAt: existing?.createdAt ?? this.now(),
      updatedAt: this.now(),
    });
  }
  markPrinted(jobId: string): void {
    this.update(jobId, { state: 'printed', failureReason: null, printedBeforeFailure: null });
  }
  markFailed(jobId: string, failure: { reason: string; printedBeforeFailure: boolean }): void {
    this.update(jobId, { state: 'failed', failureReason: failure.reason, printedBeforeFailure: failure.printedBeforeFailure });
  }
  markDiscarded(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || (job.state !== 'failed' && job.state !== 'pending')) return false;
    this.update(jobId, { state: 'discarded' });
    return true;
  }
  get(jobId: string): PrintJobRecord | null {
    const job = this.jobs.get(jobId);
    if (!job) return null;
    const { bytes: _bytes, ...record } = job;
    return record;
  }
  bytes(jobId: string): Uint8Array | null {
    return this.jobs.get(jobId)?.bytes ?? null;
  }
  unfinished(): PrintJobRecord[] {
    return [...this.jobs.keys()].map((id) => this.get(id)!).filter((j) => j.state === 'pending' || j.state === 'failed');
  }
  private update(jobId: string, change: Partial<PrintJobRecord>): void {
    const job = this.jobs.get(jobId);
    if (job) this.jobs.set(jobId, { ...job, ...change, updatedAt: this.now() });
  }
}
