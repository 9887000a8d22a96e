import type { CommandResultRequest, HeartbeatRequest, PlatformCommand } from '../../electron/platform/platformApiTypes.js';
import { latestBundleVersionFor } from './configBundleHandlers.js';
import { type OperationHandlers, SimulatorError, iso, newId, sha256Hex, terminalOf } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/** Registration, heartbeats with their commands, command results and log uploads. */

interface CommandRow {
  command_id: string;
  kind: PlatformCommand['kind'];
  force: number;
  parameters_json: string;
  issued_at: number;
  expires_at: number | null;
}

export function commandFromRow(row: CommandRow): PlatformCommand {
  return {
    commandId: row.command_id,
    kind: row.kind,
    force: row.force === 1,
    issuedAt: iso(row.issued_at),
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
    parameters: JSON.parse(row.parameters_json) as PlatformCommand['parameters'],
  };
}

/** Commands without a result that have not expired: they go out with every heartbeat. */
export function pendingCommands(store: SimulatorStore, terminalId: string, now: number): CommandRow[] {
  return store
    .stmt(
      `SELECT command_id, kind, force, parameters_json, issued_at, expires_at FROM commands
       WHERE terminal_id = ? AND result_outcome IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY issued_at, rowid`,
    )
    .all(terminalId, now) as CommandRow[];
}

export const terminalHandlers: Pick<OperationHandlers, 'registerTerminal' | 'sendHeartbeat' | 'reportCommandResult' | 'uploadLogs'> = {
  registerTerminal(context) {
    const terminalId = terminalOf(context);
    const body = context.body;
    if (body.terminalId !== terminalId) throw new SimulatorError('terminal-mismatch', { credentialTerminal: terminalId });
    const existing = context.store.stmt('SELECT registered_at FROM terminals WHERE terminal_id = ?').get(terminalId) as
      | { registered_at: number }
      | undefined;
    const registeredAt = existing?.registered_at ?? context.now;
    context.store
      .stmt(
        `INSERT INTO terminals (terminal_id, groups_json, hall_name, versions_json, devices_json, config_version, registered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(terminal_id) DO UPDATE SET groups_json = excluded.groups_json, hall_name = excluded.hall_name,
           versions_json = excluded.versions_json, devices_json = excluded.devices_json, config_version = excluded.config_version`,
      )
      .run(
        terminalId,
        JSON.stringify(body.groups),
        body.hallName ?? null,
        JSON.stringify(body.versions),
        JSON.stringify(body.devices),
        body.configVersion,
        registeredAt,
      );
    return {
      terminalId,
      registeredAt: iso(registeredAt),
      firstRegistration: existing === undefined,
      serverTime: iso(context.now),
      heartbeatIntervalSeconds: context.settings.heartbeatIntervalSeconds,
      maxEventBatchSize: context.settings.maxEventBatchSize,
      signatureWindowSeconds: context.settings.signatureWindowSeconds,
    };
  },

  sendHeartbeat(context) {
    const terminalId = terminalOf(context);
    const heartbeat: HeartbeatRequest = context.body;
    context.store
      .stmt(
        `UPDATE terminals SET last_heartbeat_at = ?, last_heartbeat_json = ?, versions_json = ?, config_version = ?,
           heartbeats = heartbeats + 1 WHERE terminal_id = ?`,
      )
      .run(context.now, JSON.stringify(heartbeat), JSON.stringify(heartbeat.versions), heartbeat.configVersion, terminalId);
    const rows = pendingCommands(context.store, terminalId, context.now);
    if (rows.length > 0) {
      const delivered = context.store.stmt('UPDATE commands SET deliveries = deliveries + 1 WHERE command_id = ?');
      for (const row of rows) delivered.run(row.command_id);
    }
    return {
      serverTime: iso(context.now),
      nextHeartbeatSeconds: context.settings.heartbeatIntervalSeconds,
      commands: rows.map(commandFromRow),
      latestConfigVersion: latestBundleVersionFor(context.store, terminalId),
    };
  },

  reportCommandResult(context) {
    const terminalId = terminalOf(context);
    const commandId = context.params.commandId ?? '';
    const result: CommandResultRequest = context.body;
    const row = context.store
      .stmt('SELECT result_outcome FROM commands WHERE command_id = ? AND terminal_id = ?')
      .get(commandId, terminalId) as { result_outcome: CommandResultRequest['outcome'] | null } | undefined;
    if (!row) throw new SimulatorError('command-not-found', { commandId });
    if (row.result_outcome !== null) {
      context.store.stmt('UPDATE commands SET result_reports = result_reports + 1 WHERE command_id = ?').run(commandId);
      return { commandId, recorded: true, duplicate: true, outcome: row.result_outcome };
    }
    context.store
      .stmt('UPDATE commands SET result_outcome = ?, result_json = ?, result_at = ?, result_reports = 1 WHERE command_id = ?')
      .run(result.outcome, JSON.stringify(result), context.now, commandId);
    return { commandId, recorded: true, duplicate: false, outcome: result.outcome };
  },

  uploadLogs(context) {
    const terminalId = terminalOf(context);
    const upload = context.body;
    if (upload.commandId !== null) {
      const command = context.store.stmt('SELECT 1 FROM commands WHERE command_id = ? AND terminal_id = ?').get(upload.commandId, terminalId);
      if (!command) throw new SimulatorError('command-not-found', { commandId: upload.commandId });
    }
    const content = Buffer.from(upload.contentBase64, 'base64');
    if (sha256Hex(content) !== upload.sha256) throw new SimulatorError('checksum-mismatch');
    const uploadId = newId('log');
    context.store
      .stmt(
        `INSERT INTO log_uploads (upload_id, terminal_id, command_id, file_name, content_type, size_bytes, sha256, content, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(uploadId, terminalId, upload.commandId, upload.fileName, upload.contentType, content.length, upload.sha256, content, context.now);
    return { uploadId, sizeBytes: content.length };
  },
};
