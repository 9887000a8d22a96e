import { z } from 'zod';
import { deviceConfigSchema, type DeviceConfig } from '../../config/terminalConfigSchema.js';
import { localizedTextSchema } from '../../config/localizedText.js';
import { deviceStatusSchema } from '../model/deviceStatus.js';

/**
 * The messages between the kiosk runtime and the device host (a child process started with
 * child_process.fork; messages travel over Node's IPC channel, JSON-serialised). Every side
 * validates what it receives: an invalid message is logged and dropped, never thrown, so a
 * confused peer cannot take the other process down.
 */

const requestId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

const replySchema = z.union([
  z.strictObject({ ok: z.literal(true), result: z.looseObject({}) }),
  z.strictObject({
    ok: z.literal(false),
    failure: z.strictObject({ reason: z.string().min(1), message: localizedTextSchema, detail: z.string().nullable() }),
  }),
]);

/** Host → runtime. */
export const hostToRuntimeMessageSchema = z.discriminatedUnion('type', [
  /** The host has built its devices and listens for commands. */
  z.strictObject({ type: z.literal('ready') }),
  /** Every device's status, in config order; sent at start and (coalesced) on every change. */
  z.strictObject({ type: z.literal('statuses'), statuses: z.array(deviceStatusSchema) }),
  /** A `reopen-all` has finished (the devices are open again, or report why not). */
  z.strictObject({ type: z.literal('reopened') }),
  /** The completion of a `request` (see deviceOperation.ts for the shapes by operation). */
  z.strictObject({ type: z.literal('reply'), requestId, reply: replySchema }),
  /** Progress of a running request, e.g. "card detected" during an ID-card read. */
  z.strictObject({ type: z.literal('progress'), requestId, progress: z.record(z.string(), z.unknown()) }),
  /** An unsolicited device event for staff, e.g. the printer's paper is near its end. */
  z.strictObject({ type: z.literal('device-event'), deviceId: z.string().min(1), event: z.looseObject({ kind: z.string().min(1) }) }),
]);
export type HostToRuntimeMessage = z.infer<typeof hostToRuntimeMessageSchema>;

/** Runtime → host. */
export const runtimeToHostMessageSchema = z.discriminatedUnion('type', [
  /** Close and re-open every device (staff "reset terminal"). */
  z.strictObject({ type: z.literal('reopen-all') }),
  /** Close every device and exit 0. */
  z.strictObject({ type: z.literal('shutdown') }),
  /**
   * Run one device operation. `operation` is validated by the host against
   * deviceOperationSchema so that a bad one still gets a reply (invalid-operation) under its id.
   */
  z.strictObject({ type: z.literal('request'), requestId, deviceId: z.string().min(1).max(40), operation: z.unknown() }),
  /** Abort a running request (reads and scans stop; payments and prints run to their end). */
  z.strictObject({ type: z.literal('cancel'), requestId }),
]);
export type RuntimeToHostMessage = z.infer<typeof runtimeToHostMessageSchema>;

export type ProtocolLog = (message: string, fields: Record<string, unknown>) => void;

/** Validates a message from the host; logs and returns null when it is not one. */
export function parseHostMessage(raw: unknown, log: ProtocolLog): HostToRuntimeMessage | null {
  return parse(hostToRuntimeMessageSchema, raw, 'invalid message from device host', log);
}

/** Validates a message from the runtime; logs and returns null when it is not one. */
export function parseRuntimeMessage(raw: unknown, log: ProtocolLog): RuntimeToHostMessage | null {
  return parse(runtimeToHostMessageSchema, raw, 'invalid message from runtime', log);
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string, log: ProtocolLog): T | null {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // Log the shape of the problem, never the payload: it might carry anything.
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
  log(what, { type, issues: result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return null;
}

/** The environment variable that carries the host's DeviceConfig[] as JSON. */
export const DEVICE_HOST_CONFIG_ENV = 'KIOSK_DEVICE_HOST_CONFIG';

const deviceConfigsSchema = z.array(deviceConfigSchema);

/**
 * The host's device configs: from KIOSK_DEVICE_HOST_CONFIG, else the first argument, as a
 * JSON array of DeviceConfig.
 */
export function readDeviceHostConfigs(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): { ok: true; configs: DeviceConfig[] } | { ok: false; error: string } {
  const text = env[DEVICE_HOST_CONFIG_ENV] ?? argv[0];
  if (text === undefined || text === '') return { ok: false, error: `no device config: set ${DEVICE_HOST_CONFIG_ENV} or pass it as the first argument` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `device config is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = deviceConfigsSchema.safeParse(json);
  if (!result.success) return { ok: false, error: `device config is invalid: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, configs: result.data };
}
