import { z } from 'zod';
import { languageSchema, localizedTextSchema } from './localizedText.js';
import { deviceKindSchema } from '../drivers/model/deviceStatus.js';
import { remoteConfigSettingsFragment } from './bundles/remoteConfigSettingsSchema.js';
import { updateSettingsFragment } from '../electron/runtime/updates/updateSettings.js';
import { platformSettingsFields, refinePlatformSettings } from '../electron/platform/platformSettingsSchema.js';

/**
 * The terminal config: one zod schema, documented field by field (see config/REFERENCE.md,
 * generated from the `describe()` texts below by `kioskctl config reference`).
 * Objects are strict so that a misspelt field is an error, not a silently ignored setting.
 */

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, e.g. "03:00"');

const dailyWindow = z.strictObject({
  start: clockTime.describe('Start, local time HH:MM.'),
  end: clockTime.describe('End, local time HH:MM; may be earlier than start to span midnight.'),
});

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 characters of a-z, 0-9 and -');

const usbId = z
  .string()
  .regex(/^[0-9a-fA-F]{4}$/, 'must be 4 hex digits, e.g. "0400"')
  .transform((s) => s.toLowerCase());

export const feeSchema = z.strictObject({
  code: slug.describe('Stable code of the fee item, reported with payments.'),
  label: localizedTextSchema.describe('What the citizen sees, in both languages.'),
  amountFen: z
    .number()
    .int('must be a whole number of fen (1 yuan = 100 fen)')
    .nonnegative()
    .max(100_000_000)
    .describe('Amount in fen (分). ¥15.00 is 1500.'),
});
export type Fee = z.infer<typeof feeSchema>;

export const serviceKindSchema = z.enum(['exit-entry-endorsement', 'property-transfer']);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

export const serviceSchema = z.strictObject({
  id: slug.describe('Unique id of the service on this terminal.'),
  kind: serviceKindSchema.describe('Which flow runs it.'),
  enabled: z.boolean().default(true).describe('Offered on the menu.'),
  title: localizedTextSchema.describe('Menu title.'),
  summary: localizedTextSchema.describe('One sentence under the title.'),
  documents: z
    .array(localizedTextSchema)
    .default([])
    .describe('What the citizen must bring, shown before starting.'),
  fees: z.array(feeSchema).default([]).describe('Fee table; config, never code.'),
});
export type ServiceConfig = z.infer<typeof serviceSchema>;

export const deviceBindingSchema = z.discriminatedUnion('transport', [
  z.strictObject({ transport: z.literal('simulated') }),
  z.strictObject({
    transport: z.literal('serial'),
    path: z.string().min(1).describe('Serial device, e.g. /dev/ttyUSB0 or COM3.'),
    baudRate: z.number().int().positive().max(4_000_000).default(115200).describe('Line speed; ID-card readers use 115200.'),
  }),
  z.strictObject({
    transport: z.literal('usb'),
    vendorId: usbId.describe('USB vendor id, 4 hex digits (lsusb shows it), e.g. "0400".'),
    productId: usbId.describe('USB product id, 4 hex digits, e.g. "c35a".'),
  }),
  z.strictObject({
    transport: z.literal('hid'),
    vendorId: usbId.describe('USB vendor id of the HID device, 4 hex digits.'),
    productId: usbId.describe('USB product id of the HID device, 4 hex digits.'),
  }),
]);
export type DeviceBinding = z.infer<typeof deviceBindingSchema>;

export const deviceConfigSchema = z.strictObject({
  id: slug.describe('Device id used in logs, status and commands.'),
  kind: deviceKindSchema.describe('What the device is.'),
  binding: deviceBindingSchema.describe('How the device is attached: simulated, serial, usb or hid.'),
  required: z
    .boolean()
    .default(true)
    .describe('A required device in fault takes the services that need it off the menu.'),
});
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

const scryptPinHash = z
  .string()
  .regex(
    /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
    'must be a PIN hash made by `kioskctl staff hash-pin` (scrypt$N$r$p$salt$hash)',
  );

export const terminalConfigSchema = z
  .strictObject({
    terminalId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, 'must be 3-40 letters, digits and -')
      .describe('Identity of this terminal in the fleet, e.g. "GZ-TH-0001".'),
    hall: z
      .strictObject({
        name: localizedTextSchema.describe('Hall name on the attract screen.'),
        helpPhone: z
          .string()
          .regex(/^[0-9+\-() ]{3,24}$/, 'must be a phone number')
          .describe('Help phone shown on every error and on the out-of-service screen.'),
      })
      .describe('The service hall the terminal stands in.'),
    operatingHours: dailyWindow.describe(
      'When citizens may start a session. start == end means open 24 hours.',
    ),
    quietWindow: dailyWindow
      .refine((w) => w.start !== w.end, {
        message: 'start and end must differ: a quiet window cannot be the whole day',
        path: ['end'],
      })
      .describe(
      'Daily window for the scheduled restart and updates, only while no citizen is served.',
    ),
    languages: z
      .strictObject({
        available: z.array(languageSchema).min(1).describe('Languages offered.'),
        default: languageSchema.describe('Language of a new session.'),
      })
      .refine((l) => l.available.includes(l.default), {
        message: 'default must be one of the available languages',
        path: ['default'],
      })
      .describe('Languages of the screens and voice.'),
    idle: z
      .strictObject({
        warnAfterSeconds: z
          .number()
          .int()
          .min(2)
          .max(3600)
          .describe('Seconds without a touch before the "are you still there?" countdown.'),
        countdownSeconds: z
          .number()
          .int()
          .min(2)
          .max(600)
          .describe('Length of the countdown; at zero the session ends and is wiped.'),
      })
      .describe('Idle handling; elderly citizens need generous values.'),
    ui: z
      .strictObject({
        largeTextDefault: z.boolean().describe('Start every session in large-text mode.'),
        voiceDefault: z
          .boolean()
          .describe('Start every session with spoken guidance on. On by default: a citizen who cannot read the screen cannot find the switch either.'),
      })
      .describe('Screen presentation.'),
    payments: z
      .strictObject({
        paymentCodeMaxFen: z
          .number()
          .int('must be a whole number of fen (1 yuan = 100 fen)')
          .min(0)
          .max(100_000_000)
          .describe(
            'Largest amount, in fen, offered for a payment code (付款码). Code payments have daily caps per payer (银发〔2017〕296号: ¥1 000 for the lowest dynamic-code level), so larger amounts are offered on the bank card only. 0 turns payment codes off.',
          ),
        qrMaxFen: z
          .number()
          .int('must be a whole number of fen (1 yuan = 100 fen)')
          .min(0)
          .max(100_000_000)
          .describe(
            'Largest amount, in fen, offered for a QR code shown on the screen and paid with the phone (扫码支付, 正扫). The code is a dynamic one the platform creates per order, so the ¥500 cap on static codes does not apply; the payer confirms in their wallet with a password or biometrics, which 银发〔2017〕296号 caps at ¥5 000 a day per payer (B level). Lower it if the acquirer agreement says so. 0 turns the QR code off.',
          ),
        qrWaitSeconds: z
          .number()
          .int()
          .min(60)
          .max(1_800)
          .describe(
            "How long a QR code stays on the screen waiting for the payer's phone before the order is withdrawn (reversed at the platform); the platform's own expiry of the code may end it sooner. WeChat closes an order no earlier than 5 minutes after creation, so 300 is a good value.",
          ),
      })
      .describe('Payment methods and their limits.'),
    services: z
      .array(serviceSchema)
      .describe('The service catalogue, in menu order.')
      .refine((list) => new Set(list.map((s) => s.id)).size === list.length, {
        message: 'service ids must be unique',
      }),
    devices: z
      .array(deviceConfigSchema)
      .describe('Device bindings.')
      .refine((list) => new Set(list.map((d) => d.id)).size === list.length, {
        message: 'device ids must be unique',
      }),
    platform: z
      .strictObject({
        baseUrl: z.url().describe('Provincial platform endpoint.'),
        requestTimeoutSeconds: z.number().int().min(1).max(120).describe('Timeout of one platform request.'),
        heartbeatSeconds: z
          .number()
          .int()
          .min(10)
          .max(3600)
          .default(60)
          .describe('Heartbeat interval (±10 % jitter); the platform may ask for another in its answer.'),
        embeddedSimulator: z
          .boolean()
          .default(false)
          .describe(
            'Demo and training only: run the platform simulator inside the kiosk on baseUrl (which must be loopback) and sign with its demo secret. Never on a terminal in service.',
          ),
        ...platformSettingsFields,
      })
      .superRefine(refinePlatformSettings)
      .refine((p) => !p.embeddedSimulator || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(p.baseUrl), {
        message: 'embeddedSimulator needs a loopback baseUrl such as "http://127.0.0.1:8790/"',
        path: ['embeddedSimulator'],
      })
      .describe('The provincial government service platform.'),
    staff: z
      .strictObject({
      pinHash: scryptPinHash.describe('Maintenance PIN, hashed with `kioskctl staff hash-pin`.'),
      maxPinAttempts: z.number().int().min(1).max(20).describe('Wrong PINs before lock-out.'),
      lockoutMinutes: z.number().int().min(1).max(1440).describe('Lock-out after too many wrong PINs.'),
      sessionMinutes: z
        .number()
        .int()
        .min(1)
        .max(240)
        .describe('Maintenance mode ends by itself after this long without a touch.'),
    })
      .describe('Hall staff access to maintenance mode.'),
    recovery: z
      .strictObject({
      rendererCrashesAllowed: z
        .number()
        .int()
        .min(1)
        .max(100)
        .describe('Renderer crashes within the window that are answered with a reload.'),
      rendererCrashWindowMinutes: z.number().int().min(1).max(1440).describe('Window for counting renderer crashes.'),
      hangTimeoutSeconds: z
        .number()
        .int()
        .min(2)
        .max(600)
        .describe('A renderer unresponsive this long is crashed and reloaded.'),
      gpuCrashesBeforeSoftwareRendering: z
        .number()
        .int()
        .min(1)
        .max(100)
        .describe('GPU process crashes in a day before the app restarts with software rendering.'),
      dailyRestart: z.boolean().describe('Restart the app once a day in the quiet window.'),
      rebootCommand: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe('Command (program and arguments) the remote "reboot" command runs, e.g. ["/usr/bin/systemctl", "reboot"]. Absent: remote reboot is refused.'),
    })
      .describe('Self-healing of the Electron shell.'),
    ...remoteConfigSettingsFragment,
    ...updateSettingsFragment,
  })
  .describe('Terminal config');

export type TerminalConfig = z.infer<typeof terminalConfigSchema>;
export type TerminalConfigInput = z.input<typeof terminalConfigSchema>;
