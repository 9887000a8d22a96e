import type { AuditSink } from '../audit/auditSink.js';
import type { Clock } from '../clock.js';

/**
 * Audits rejected bridge messages without letting a misbehaving renderer flood the log: at
 * most `perMinute` entries a minute, then one summary entry for the ones left out.
 */
export class RejectionAuditThrottle {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly audit: AuditSink,
    private readonly clock: Clock,
    private readonly perMinute = 20,
  ) {}

  record(detail: Record<string, unknown>): void {
    const now = this.clock.now();
    if (now - this.windowStart >= 60_000) {
      this.flush();
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written < this.perMinute) {
      this.written += 1;
      this.audit.append({ actor: 'bridge', action: 'bridge.message.rejected', detail });
    } else {
      this.suppressed += 1;
    }
  }

  flush(): void {
    if (this.suppressed === 0) return;
    this.audit.append({
      actor: 'bridge',
      action: 'bridge.message.rejected.suppressed',
      detail: { count: this.suppressed },
    });
    this.suppressed = 0;
  }
}
