import { z } from 'zod';
import { checkPlatformBaseUrl } from './platformBaseUrl.js';

/**
 * The terminal's platform settings beyond baseUrl and requestTimeoutSeconds: its credential,
 * the signature algorithm, the pinned CA and the clock-skew allowance. Meant to extend the
 * `platform` object of config/terminalConfigSchema.ts:
 *
 *   platform: z.strictObject({ baseUrl: …, requestTimeoutSeconds: …, ...platformSettingsFields })
 *     .superRefine(refinePlatformSettings)
 *     .describe('The provincial government service platform.'),
 *
 * Every new field is optional (or defaulted), so existing config files stay valid; a terminal
 * without `credential` does not talk to the platform.
 */

export const signatureAlgorithmSchema = z.enum(['hmac-sha256', 'hmac-sm3']);

export const platformCredentialSchema = z
  .strictObject({
    keyId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" and "-"')
      .describe('Key id of this terminal\'s platform credential, as the platform issued it (often the terminal id).'),
    secretFile: z
      .string()
      .min(1)
      .describe(
        'File holding the shared signing secret (at least 32 characters, one line). It must be readable by the kiosk user only (mode 0600 or stricter on Linux); the terminal refuses a file others can read.',
      ),
    algorithm: signatureAlgorithmSchema
      .default('hmac-sha256')
      .describe('Request signature: "hmac-sha256", or "hmac-sm3" where national algorithms are required.'),
  })
  .describe('How this terminal proves itself to the platform: every request is signed with this credential.');

export const platformSettingsFields = {
  credential: platformCredentialSchema.optional(),
  caFile: z
    .string()
    .min(1)
    .optional()
    .describe('PEM file of the CA that issued the platform\'s TLS certificate. When set, only this CA is trusted (the system roots are not).'),
  timestampSkewSeconds: z
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(300)
    .describe(
      'How far the terminal clock may be from the platform clock before signed requests are refused; must match the platform\'s window. The terminal reports a clock fault beyond it.',
    ),
};

/** Plain http only on loopback; a pinned CA only makes sense with https. */
export function refinePlatformSettings(settings: { baseUrl: string; caFile?: string | undefined }, context: z.RefinementCtx): void {
  const check = checkPlatformBaseUrl(settings.baseUrl);
  if (!check.ok && check.code === 'plain-http-off-loopback') {
    context.addIssue({ code: 'custom', path: ['baseUrl'], message: check.message });
  }
  if (check.ok && check.url.protocol === 'http:' && settings.caFile !== undefined) {
    context.addIssue({ code: 'custom', path: ['caFile'], message: 'caFile needs an https baseUrl' });
  }
}

/** The platform block with the new fields, for tests and for callers that hold the block alone. */
export const platformSettingsSchema = z
  .strictObject({
    baseUrl: z.url().describe('Provincial platform endpoint.'),
    requestTimeoutSeconds: z.number().int().min(1).max(120).describe('Timeout of one platform request.'),
    ...platformSettingsFields,
  })
  .superRefine(refinePlatformSettings)
  .describe('The provincial government service platform.');

export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
export type PlatformCredentialSettings = z.infer<typeof platformCredentialSchema>;
