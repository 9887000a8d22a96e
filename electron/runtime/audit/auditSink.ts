/** What services need from the audit log: append an entry. Details never carry personal data. */
export interface AuditSink {
  append(entry: { actor: AuditActor; action: string; detail?: Record<string, unknown> }): unknown;
}

export type AuditActor = 'staff' | 'system' | 'bridge' | 'remote-admin' | 'citizen';
