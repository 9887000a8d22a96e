import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { PlatformClient } from '../../platform/platformClient.js';
import type { DeviceManager } from '../devices/deviceManager.js';
import type { KioskController } from '../kioskController.js';
import type { CitizenSession } from '../session/citizenSession.js';
import type { CommandTarget } from './commandExecutor.js';

export interface RuntimeCommandTargetDeps {
  session: CitizenSession;
  controller: KioskController;
  devices: DeviceManager;
  /** Re-open devices and reload the screen, as staff "reset terminal" does. */
  reload: () => void;
  /** The shell's way to restart the app (a supervisor brings it back); absent: refused. */
  restartApp?: () => Promise<void>;
  /** OS reboot command (argv), from the terminal's own config only. */
  rebootCommand?: readonly string[];
  /** Audit entries since a time, as NDJSON lines: the PII-free log the platform may ask for. */
  auditSince: (sinceMs: number) => string[];
  uploadLogs: Pick<PlatformClient, 'uploadLogs'>['uploadLogs'];
  now: () => number;
}

/** Remote commands carried out on the running kiosk's services. */
export function runtimeCommandTarget(deps: RuntimeCommandTargetDeps): CommandTarget {
  return {
    isSessionActive: () => deps.session.active,
    endSession: () => deps.session.end('remote-admin'),
    reset: async () => {
      deps.session.end('remote-admin');
      await deps.devices.reopenAll();
      deps.reload();
    },
    restartApp: async () => {
      if (!deps.restartApp) throw new Error('this shell cannot restart itself');
      await deps.restartApp();
    },
    reboot: async () => {
      const command = deps.rebootCommand;
      if (!command || command.length === 0) throw new Error('no reboot command configured (recovery.rebootCommand)');
      await new Promise<void>((resolve, reject) =>
        execFile(command[0]!, command.slice(1), { timeout: 30_000 }, (error) => (error ? reject(error) : resolve())),
      );
    },
    setOutOfService: (reason) => deps.controller.setOutOfService('remote-admin', `remote: ${reason}`),
    returnToService: () => deps.controller.returnToService('remote-admin'),
    uploadLogs: async (commandId, sinceHours) => {
      const content = Buffer.from(deps.auditSince(deps.now() - sinceHours * 3_600_000).join('\n') + '\n', 'utf8');
      const outcome = await deps.uploadLogs({
        commandId,
        fileName: `audit-${new Date(deps.now()).toISOString().replace(/[:.]/g, '-')}.ndjson`,
        contentType: 'application/x-ndjson',
        contentBase64: content.toString('base64'),
        sha256: createHash('sha256').update(content).digest('hex'),
      });
      if (outcome.kind !== 'ok') throw new Error(`log upload ${outcome.kind}`);
      return { uploadId: outcome.value.uploadId };
    },
    selfTest: async (deviceId) => {
      const targets = deps.devices.list().filter((d) => d.kind !== 'camera' && (deviceId === undefined || d.id === deviceId));
      if (deviceId !== undefined && targets.length === 0) throw new Error(`no device ${deviceId}`);
      const results = [];
      // Remote, nobody stands at the kiosk: a passive check (status queries), never a test page or a card read.
      for (const device of targets) {
        const reply = await deps.devices.perform(device.id, { op: 'check-health' });
        if (reply.ok) results.push({ deviceId: device.id, passed: reply.result.ok, faultCode: reply.result.ok ? null : (reply.result.faultCode ?? reply.result.state) });
        else results.push({ deviceId: device.id, passed: false, faultCode: reply.failure.reason });
      }
      return results;
    },
  };
}
