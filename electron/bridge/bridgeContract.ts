import { z } from 'zod';
import { languageSchema } from '../../config/localizedText.js';
import { simulatorActionSchema } from '../../drivers/host/simulatorActionSchema.js';
import { bridgeErrorSchema } from './bridgeErrors.js';
import { kioskSnapshotSchema } from './kioskSnapshot.js';
import { paymentMethodSchema } from './paymentChoiceView.js';

/**
 * The bridge contract: every intent, query and event the renderer may use, declared once.
 * The Electron shell carries it over IPC, the browser shell over a loopback WebSocket;
 * both hand every message to the same runtime validator (electron/runtime/bridgeServer.ts).
 */

const empty = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

export const intentSchema = z.discriminatedUnion('type', [
  /** Touch on the attract screen (or, later, an ID card placed): begin a session. */
  empty('session.start'),
  /** Any touch during a session, PIN entry or maintenance; keeps them from timing out. */
  empty('session.activity'),
  /** "I'm still here" on the idle countdown. */
  empty('session.keepAlive'),
  /** "Finish" / "Exit": end the session now and wipe it. */
  empty('session.end'),
  z.strictObject({ type: z.literal('ui.setLanguage'), language: languageSchema }),
  z.strictObject({ type: z.literal('ui.setLargeText'), enabled: z.boolean() }),
  z.strictObject({ type: z.literal('ui.setVoice'), enabled: z.boolean() }),
  z.strictObject({
    type: z.literal('menu.selectService'),
    serviceId: z.string().min(1).max(40),
  }),
  empty('nav.back'),
  /** The hidden staff gesture was made on the attract or out-of-service screen. */
  empty('staff.openLogin'),
  z.strictObject({
    type: z.literal('staff.submitPin'),
    pin: z.string().regex(/^\d{4,12}$/, 'must be 4-12 digits'),
  }),
  empty('staff.cancelLogin'),
  empty('staff.setOutOfService'),
  empty('staff.returnToService'),
  /** End any session, re-open the devices and reload the screen. */
  empty('staff.resetTerminal'),
  /** Run a device's self-test (read a card, print a test page, scan, terminal status). */
  z.strictObject({ type: z.literal('staff.testDevice'), deviceId: z.string().min(1).max(40) }),
  /** Training and demos: play a citizen's action or a fault on a simulated device. */
  z.strictObject({ type: z.literal('staff.simulateDevice'), deviceId: z.string().min(1).max(40), action: simulatorActionSchema }),
  z.strictObject({ type: z.literal('staff.reprintJob'), jobId: z.string().min(1).max(80) }),
  /** The job was handled another way (partial receipt handed over, written by hand). */
  z.strictObject({ type: z.literal('staff.discardJob'), jobId: z.string().min(1).max(80) }),
  z.strictObject({ type: z.literal('staff.acknowledgeNotice'), id: z.number().int().positive() }),
  /** "Start" on a service's introduction: begins its flow. */
  z.strictObject({ type: z.literal('service.start'), serviceId: z.string().min(1).max(40) }),
  /** Leave the flow: before payment only (the runtime refuses it later). */
  empty('flow.cancel'),
  /** The renderer's camera picture for face verification; compared by the platform and deleted. */
  z.strictObject({
    type: z.literal('flow.faceCaptured'),
    format: z.enum(['jpeg', 'png']),
    dataBase64: z.string().min(100).max(2_800_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  }),
  /** The citizen asks for the staff-assisted path instead of face verification. */
  empty('flow.verifyByStaff'),
  /** A staff member confirms the citizen's identity with the maintenance PIN. */
  z.strictObject({ type: z.literal('flow.staffVerified'), pin: z.string().regex(/^\d{4,12}$/, 'must be 4-12 digits') }),
  z.strictObject({
    type: z.literal('flow.choose'),
    kind: z.enum(['G', 'L', 'T', 'S', 'Q', 'D', 'J', 'Y', 'F', 'X', 'C']),
    destination: z.enum(['HK', 'MO', 'TW']),
    optionCode: z.string().min(1).max(40),
  }),
  z.strictObject({ type: z.literal('flow.pay'), method: paymentMethodSchema }),
  /** "Cancel" on the QR code screen: the runtime withdraws the order safely (a payment made meanwhile stands). */
  empty('flow.cancelPayment'),
  z.strictObject({
    type: z.literal('flow.rate'),
    stars: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    reasons: z.array(z.string().min(1).max(40)).max(10).optional(),
    callback: z.boolean().optional(),
  }),
  empty('flow.skipRating'),
  // ---- real-estate transfer (不动产转移登记) ----
  /** Find the case by the contract filing number (网签合同备案号) or the case number, typed on the keypad. */
  z.strictObject({
    type: z.literal('flow.findCase'),
    by: z.enum(['contract-filing-number', 'case-number']),
    number: z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/, 'must be 6-40 characters of A-Z, 0-9 and -'),
  }),
  /** "This is our property and these are all of us": parties start verifying in turn. */
  empty('flow.confirmCase'),
  /** A party the flow asks for is not here: the visit ends, nothing charged, naming who is missing. */
  empty('flow.partyAbsent'),
  /** The current party's signature: the PNG drawn on the pad and its strokes ([x, y, ms] points). */
  z.strictObject({
    type: z.literal('flow.signatureCaptured'),
    imagePngBase64: z.string().min(100).max(2_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    strokes: z
      .array(z.array(z.tuple([z.number().min(0).max(10_000), z.number().min(0).max(10_000), z.number().int().min(0).max(600_000)])).min(1).max(5_000))
      .min(1)
      .max(200),
  }),
  /** Taxes seen, fees accepted, with this many certificates beyond the first (¥10 each by default). */
  z.strictObject({ type: z.literal('flow.confirmFees'), extraCertificates: z.number().int().min(0).max(10) }),
  z.strictObject({ type: z.literal('flow.chooseDelivery'), method: z.enum(['electronic', 'print-at-terminal', 'window', 'post']) }),
  /** Demos and tests on simulated devices: what the citizen would do at the device (place a card, show a code). */
  z.strictObject({ type: z.literal('demo.simulate'), deviceId: z.string().min(1).max(40), action: simulatorActionSchema }),
  empty('staff.exit'),
]);
export type Intent = z.infer<typeof intentSchema>;
export type IntentType = Intent['type'];

export const querySchema = z.discriminatedUnion('type', [empty('snapshot.get')]);
export type Query = z.infer<typeof querySchema>;

/** Result type of each query, by query type. */
export const queryResultSchemas = {
  'snapshot.get': kioskSnapshotSchema,
} as const satisfies Record<Query['type'], z.ZodType>;
export type QueryResult<T extends Query['type']> = z.infer<(typeof queryResultSchemas)[T]>;

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('snapshot'), snapshot: kioskSnapshotSchema }),
  /** The runtime asks the renderer to reload itself (staff reset, recovery). */
  z.strictObject({ type: z.literal('reload') }),
]);
export type BridgeEvent = z.infer<typeof eventSchema>;

/** Renderer → runtime. `id` pairs the reply with its request. */
export const bridgeRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('intent'), id: z.number().int().nonnegative(), intent: intentSchema }),
  z.strictObject({ kind: z.literal('query'), id: z.number().int().nonnegative(), query: querySchema }),
]);
export type BridgeRequest = z.infer<typeof bridgeRequestSchema>;

export const bridgeReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({
    kind: z.literal('reply'),
    /** -1 when the request was too broken to carry an id. */
    id: z.number().int(),
    ok: z.literal(false),
    error: bridgeErrorSchema,
  }),
]);
export type BridgeReply = z.infer<typeof bridgeReplySchema>;

/** Runtime → renderer, unsolicited. */
export const bridgeEventMessageSchema = z.strictObject({ kind: z.literal('event'), event: eventSchema });
export type BridgeEventMessage = z.infer<typeof bridgeEventMessageSchema>;

export * from './bridgeChannels.js';

export type { KioskBridgeApi } from './bridgeApi.js';
