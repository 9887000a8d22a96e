import type { HeartbeatRequest, PlatformCommand, TerminalSummary, Versions } from '../../electron/platform/platformApiTypes.js';
import { commandFromRow, pendingCommands } from './terminalHandlers.js';
import { type OperationHandlers, SimulatorError, iso, newId } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/** What remote admins see and do: the fleet's health, and commands for one terminal. */

const DEFAULT_COMMAND_LIFETIME_S = 24 * 3600;

interface TerminalRow {
  terminal_id: string;
  groups_json: string;
  hall_name: string | null;
  versions_json: string;
  config_version: number | null;
  registered_at: number;
  last_heartbeat_at: number | null;
  last_heartbeat_json: string | null;
}

export function terminalSummaries(store: SimulatorStore, now: number, heartbeatIntervalSeconds: number): TerminalSummary[] {
  const rows = store.stmt('SELECT * FROM terminals ORDER BY terminal_id').all() as TerminalRow[];
  return rows.map((row) => {
    const heartbeat = row.last_heartbeat_json === null ? null : (JSON.parse(row.last_heartbeat_json) as HeartbeatRequest);
    const age = row.last_heartbeat_at === null ? null : Math.max(0, (now - row.last_heartbeat_at) / 1000);
    return {
      terminalId: row.terminal_id,
      groups: JSON.parse(row.groups_json) as string[],
      hallName: row.hall_name,
      registeredAt: iso(row.registered_at),
      lastHeartbeatAt: row.last_heartbeat_at === null ? null : iso(row.last_heartbeat_at),
      secondsSinceHeartbeat: age === null ? null : Math.round(age * 10) / 10,
      online: age !== null && age <= 3 * heartbeatIntervalSeconds,
      serviceState: heartbeat?.serviceState ?? null,
      sessionActive: heartbeat?.sessionActive ?? null,
      configVersion: row.config_version,
      versions: JSON.parse(row.versions_json) as Versions,
      devices: heartbeat?.devices ?? [],
      outbox: heartbeat?.outbox ?? null,
      diskFreeBytes: heartbeat?.diskFreeBytes ?? null,
      clockOffsetMs: heartbeat?.clockOffsetMs ?? null,
      pendingCommands: pendingCommands(store, row.terminal_id, now).length,
    };
  });
}

export const fleetAdminHandlers: Pick<OperationHandlers, 'listTerminals' | 'queueTerminalCommand'> = {
  listTerminals(context) {
    return {
      serverTime: iso(context.now),
      terminals: terminalSummaries(context.store, context.now, context.settings.heartbeatIntervalSeconds),
    };
  },

  queueTerminalCommand(context) {
    const terminalId = context.params.terminalId ?? '';
    if (!context.store.stmt('SELECT 1 FROM terminals WHERE terminal_id = ?').get(terminalId)) {
      throw new SimulatorError('unknown-terminal', { terminalId });
    }
    const request = context.body;
    const commandId = newId('cmd');
    const expiresAt = context.now + (request.expiresInSeconds ?? DEFAULT_COMMAND_LIFETIME_S) * 1000;
    context.store
      .stmt(
        'INSERT INTO commands (command_id, terminal_id, kind, force, parameters_json, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(commandId, terminalId, request.kind, Number(request.force ?? false), JSON.stringify(request.parameters ?? {}), context.now, expiresAt);
    const command: PlatformCommand = commandFromRow({
      command_id: commandId,
      kind: request.kind,
      force: Number(request.force ?? false),
      parameters_json: JSON.stringify(request.parameters ?? {}),
      issued_at: context.now,
      expires_at: expiresAt,
    });
    return { terminalId, command };
  },
};
