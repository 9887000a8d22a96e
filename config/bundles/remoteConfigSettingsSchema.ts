import { z } from 'zod';
import { isValidSm2PublicKey } from './sm2Signature.js';

/**
 * The terminal's own settings for remote config: whom it trusts, which groups it belongs to,
 * and how long a new bundle has to prove itself healthy. These come from the terminal's local
 * config file only; a bundle may never set them (see forbiddenRemoteFields.ts).
 */

export const adminKeyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" and "-"');

export const groupNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 characters of a-z, 0-9 and -');

export const adminKeyAlgorithmSchema = z.enum(['ed25519', 'sm2']);
export type AdminKeyAlgorithm = z.infer<typeof adminKeyAlgorithmSchema>;

export const trustedAdminKeySchema = z.discriminatedUnion('algorithm', [
  z.strictObject({
    keyId: adminKeyIdSchema.describe('Name of the key; bundles say which key signed them by this name.'),
    algorithm: z.literal('ed25519'),
    publicKey: z
      .string()
      .regex(
        /^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/,
        'must be the base64 line between the BEGIN/END PUBLIC KEY lines of the .pub file made by `kioskctl config keygen`',
      )
      .describe('Ed25519 public key: the base64 SubjectPublicKeyInfo line of the .pub file.'),
  }),
  z.strictObject({
    keyId: adminKeyIdSchema.describe('Name of the key; bundles say which key signed them by this name.'),
    algorithm: z.literal('sm2'),
    publicKey: z
      .string()
      .regex(/^04[0-9a-fA-F]{128}$/, 'must be "04" and 128 hex digits: the public-key line of the .pub file')
      .refine(isValidSm2PublicKey, 'is not a point on the SM2 curve: copy the public-key line of the .pub file again')
      .describe('SM2 public key, uncompressed: "04" followed by the 64-hex-digit x and y coordinates.'),
  }),
]);
export type TrustedAdminKey = z.infer<typeof trustedAdminKeySchema>;

export const remoteConfigSettingsSchema = z
  .strictObject({
    trustedAdminKeys: z
      .array(trustedAdminKeySchema)
      .default([])
      .refine((keys) => new Set(keys.map((k) => k.keyId)).size === keys.length, { message: 'key ids must be unique' })
      .describe('Admin public keys whose signed config bundles this terminal accepts. Empty: accept none.'),
    groups: z
      .array(groupNameSchema)
      .default([])
      .describe('Groups this terminal belongs to; a bundle targeting one of them applies here.'),
    healthGraceSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(120)
      .describe('After applying a bundle the terminal must report healthy within this time, or it rolls back.'),
  })
  .describe('Signed config bundles from remote admins (local file only; a bundle cannot change this block).');

export type RemoteConfigSettings = z.infer<typeof remoteConfigSettingsSchema>;

/**
 * The block as it goes into the terminal config schema: optional, so configs without it stay
 * valid (and then trust no admin key).
 */
export const remoteConfigSettingsFragment = {
  remoteConfig: remoteConfigSettingsSchema.optional(),
};

export const NO_REMOTE_CONFIG: RemoteConfigSettings = remoteConfigSettingsSchema.parse({});
