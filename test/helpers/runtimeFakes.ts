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
}
