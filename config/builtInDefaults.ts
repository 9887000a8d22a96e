import type { TerminalConfigInput } from './terminalConfigSchema.js';

/**
 * The lowest config layer. Everything that has a sensible value for any hall lives here;
 * identity (terminalId, hall, staff PIN) and the catalogue have no default and must come
 * from the terminal file (the sample file provides them for demos).
 */
export const builtInDefaults: DeepPartial<TerminalConfigInput> = {
  operatingHours: { start: '00:00', end: '00:00' },
  quietWindow: { start: '03:00', end: '04:00' },
  languages: { available: ['zh-CN', 'en'], default: 'zh-CN' },
  idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
  ui: { largeTextDefault: false, voiceDefault: true },
  payments: { paymentCodeMaxFen: 100_000, qrMaxFen: 500_000, qrWaitSeconds: 300 },
  services: [],
  devices: [],
  platform: { baseUrl: 'http://127.0.0.1:8790/', requestTimeoutSeconds: 15 },
  staff: { maxPinAttempts: 5, lockoutMinutes: 5, sessionMinutes: 15 },
  recovery: {
    rendererCrashesAllowed: 3,
    rendererCrashWindowMinutes: 10,
    hangTimeoutSeconds: 10,
    gpuCrashesBeforeSoftwareRendering: 3,
    dailyRestart: true,
  },
};

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
