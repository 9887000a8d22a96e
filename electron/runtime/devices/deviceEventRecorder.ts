import type { DeviceEvent } from '../../../drivers/host/deviceEvent.js';
import type { AuditSink } from '../audit/auditSink.js';
import type { Logger } from '../logger.js';
import type { SystemNotices } from '../store/systemNotices.js';
import type { DeviceManager } from './deviceManager.js';
import type { PrinterPaperLevels } from './printerPaperLevels.js';

export const PAPER_NEAR_END_NOTICE = 'printer.paper-near-end';

function paperNearEndMessage(deviceId: string): string {
  return `${deviceId}: receipt paper is running low; replace the roll soon`;
}

export type DeviceEventNotices = Pick<SystemNotices, 'record' | 'resolve'>;

/**
 * Turns the devices' unsolicited events into what staff act on: paper near its end becomes a
 * notice on the maintenance screen, which closes by itself once the printer reports a new roll;
 * failed jobs and journal errors go to the audit log. Events carry no personal data (job ids
 * and printer codes only).
 */
export function recordDeviceEvents(
  devices: DeviceManager,
  deps: { notices: DeviceEventNotices; paperLevels: PrinterPaperLevels; audit: AuditSink; logger: Logger },
): () => void {
  return devices.onDeviceEvent((event: DeviceEvent) => {
    const { deviceId } = event;
    const kind = event.event.kind;
    try {
      if (kind === 'paper-near-end') {
        deps.paperLevels.markNearEnd(deviceId);
        deps.notices.record(PAPER_NEAR_END_NOTICE, paperNearEndMessage(deviceId));
        deps.audit.append({ actor: 'system', action: 'device.paper-near-end', detail: { deviceId } });
      } else if (kind === 'paper-near-end-cleared') {
        const wasNearEnd = deps.paperLevels.clear(deviceId);
        // The notice may date from before a restart, so it is found by its words, not remembered.
        const closed = deps.notices.resolve(PAPER_NEAR_END_NOTICE, paperNearEndMessage(deviceId));
        if (wasNearEnd || closed) deps.audit.append({ actor: 'system', action: 'device.paper-replenished', detail: { deviceId } });
      } else if (kind === 'job-failed') {
        const result = event.event.result as { reason?: unknown; printedBeforeFailure?: unknown } | undefined;
        deps.audit.append({
          actor: 'system',
          action: 'print.failed',
          detail: { deviceId, jobId: event.event.jobId, reason: result?.reason, printedBeforeFailure: result?.printedBeforeFailure },
        });
      } else if (kind === 'journal-error') {
        deps.logger.error('print journal error', { deviceId, jobId: event.event.jobId });
      }
    } catch (error) {
      deps.logger.error('recording a device event failed', { deviceId, kind, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
