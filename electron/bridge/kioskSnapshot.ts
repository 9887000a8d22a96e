import { z } from 'zod';
import { languageSchema, localizedTextSchema } from '../../config/localizedText.js';
import { deviceStatusSchema } from '../../drivers/model/deviceStatus.js';

/**
 * What the renderer renders: the runtime's state, projected. Screens are a pure function of
 * the latest snapshot, so a reloaded renderer shows exactly the same step.
 */

export const feeViewSchema = z.strictObject({
  code: z.string(),
  label: localizedTextSchema,
  amountFen: z.number().int(),
});

export const serviceViewSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['exit-entry-endorsement', 'property-transfer']),
  title: localizedTextSchema,
  summary: localizedTextSchema,
  documents: z.array(localizedTextSchema),
  fees: z.array(feeViewSchema),
  available: z.boolean(),
  /** Why it cannot be started now (a device in fault, the flow not installed, …). */
  unavailableReason: localizedTextSchema.nullable(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

export const configProblemSchema = z.strictObject({
  /** The file (or layer) the problem is in. */
  source: z.string(),
  /** Dotted path of the field, or "" for the whole file. */
  field: z.string(),
  problem: z.string(),
});
export type ConfigProblem = z.infer<typeof configProblemSchema>;

export const systemNoticeSchema = z.strictObject({
  id: z.number().int(),
  at: z.number(),
  code: z.string(),
  message: z.string(),
});
export type SystemNotice = z.infer<typeof systemNoticeSchema>;

export const maintenanceInfoSchema = z.strictObject({
  terminalId: z.string(),
  versions: z.record(z.string(), z.string()),
  configSources: z.array(z.string()),
  configProblems: z.array(configProblemSchema),
  devices: z.array(deviceStatusSchema),
  notices: z.array(systemNoticeSchema),
  dataDirectory: z.string(),
  /** Staff took the terminal out of service (other reasons, such as operating hours, may also apply). */
  manualOutOfService: z.boolean(),
  /** Staff cannot return the terminal to service while this is non-empty (in the UI language). */
  returnToServiceBlockers: z.array(z.string()),
});
export type MaintenanceInfo = z.infer<typeof maintenanceInfoSchema>;

export const screenSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('attract') }),
  z.strictObject({ name: z.literal('menu') }),
  z.strictObject({ name: z.literal('service-intro'), serviceId: z.string() }),
  z.strictObject({ name: z.literal('out-of-service') }),
  z.strictObject({
    name: z.literal('staff-pin'),
    attemptsLeft: z.number().int(),
    /** Epoch ms until which PIN entry is refused, or null. */
    lockedUntil: z.number().nullable(),
    lastResult: z.enum(['wrong-pin', 'locked']).nullable(),
  }),
  z.strictObject({ name: z.literal('maintenance'), info: maintenanceInfoSchema }),
]);
export type Screen = z.infer<typeof screenSchema>;
export type ScreenName = Screen['name'];

export const kioskSnapshotSchema = z.strictObject({
  /** Increases with every change; the renderer drops snapshots older than the one it shows. */
  seq: z.number().int(),
  /** The runtime's clock when the snapshot was made, so countdowns survive clock skew. */
  at: z.number(),
  terminal: z.strictObject({
    id: z.string(),
    hallName: localizedTextSchema,
    helpPhone: z.string(),
    inService: z.boolean(),
    /** Shown on the out-of-service screen (no personal data ever goes here). */
    outOfServiceReasons: z.array(z.string()),
    languages: z.array(languageSchema),
    services: z.array(serviceViewSchema),
  }),
  screen: screenSchema,
  ui: z.strictObject({ language: languageSchema, largeText: z.boolean() }),
  /** The citizen's session, or null on the attract screen and in maintenance. */
  session: z
    .strictObject({
      id: z.string(),
      startedAt: z.number(),
      idleWarning: z.strictObject({ deadline: z.number(), seconds: z.number().int() }).nullable(),
    })
    .nullable(),
});
export type KioskSnapshot = z.infer<typeof kioskSnapshotSchema>;
