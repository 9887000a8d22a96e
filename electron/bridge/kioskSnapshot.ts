import { z } from 'zod';
import { languageSchema, localizedTextSchema } from '../../config/localizedText.js';
import { simulatorActionSchema } from '../../drivers/host/simulatorActionSchema.js';
import { flowSnapshotSchema } from './flowSnapshot.js';
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

/** An unfinished receipt in the durable print journal. */
export const printJobViewSchema = z.strictObject({
  jobId: z.string(),
  deviceId: z.string(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  failureReason: z.string().nullable(),
  /** Part of it may be on paper already: check before handing anything over. */
  printedBeforeFailure: z.boolean().nullable(),
  createdAt: z.number(),
});
export type PrintJobView = z.infer<typeof printJobViewSchema>;

export const trainingDeviceSchema = z.strictObject({
  deviceId: z.string(),
  actions: z.array(z.strictObject({ label: localizedTextSchema, action: simulatorActionSchema })),
});
export type TrainingDevice = z.infer<typeof trainingDeviceSchema>;

export const deviceActionReportSchema = z.strictObject({
  what: z.string(),
  deviceId: z.string().nullable(),
  state: z.enum(['running', 'succeeded', 'failed']),
  message: localizedTextSchema.nullable(),
  at: z.number(),
});
export type DeviceActionReport = z.infer<typeof deviceActionReportSchema>;

/** The terminal's link to the provincial platform, for staff. */
export const platformLinkSchema = z.strictObject({
  state: z.enum(['online', 'offline', 'connecting', 'not-configured']),
  lastHeartbeatAt: z.number().nullable(),
  /** Facts waiting for the platform (and the oldest one's age), and those it refused. */
  outbox: z.strictObject({ depth: z.number().int(), oldestAgeSeconds: z.number().nullable(), deadLetters: z.number().int() }),
});
export type PlatformLink = z.infer<typeof platformLinkSchema>;

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
  printJobs: z.array(printJobViewSchema),
  /** Simulated devices and what staff may play on them (empty on a terminal with real devices only). */
  training: z.array(trainingDeviceSchema),
  lastDeviceAction: deviceActionReportSchema.nullable(),
  platform: platformLinkSchema,
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
  /** A citizen's service flow (e.g. the endorsement), one screen per step. */
  z.strictObject({ name: z.literal('flow'), flow: flowSnapshotSchema }),
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
    /**
     * Simulated devices by kind (demo and training terminals): the screens offer "demo" buttons
     * that play the citizen at them (intent demo.simulate). Empty on a terminal with real devices.
     */
    simulatedDevices: z.array(z.strictObject({ deviceId: z.string(), kind: z.string() })),
  }),
  screen: screenSchema,
  ui: z.strictObject({ language: languageSchema, largeText: z.boolean(), voice: z.boolean() }),
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
