import { createHash } from 'node:crypto';
import { z } from 'zod';
import { terminalConfigSchema } from '../terminalConfigSchema.js';
import { canonicalJsonBytes } from './canonicalJson.js';
import { adminKeyAlgorithmSchema, adminKeyIdSchema, groupNameSchema } from './remoteConfigSettingsSchema.js';

/**
 * A config bundle (format documented in README.md): a JSON object carrying the remote config
 * layer for the terminals it targets, signed over the canonical JSON of every field except
 * `signature`.
 */

export const BUNDLE_FORMAT = 'kiosk-config-bundle/1';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. "2026-12-01T03:00:00+08:00"' });

export const bundleTargetsSchema = z
  .strictObject({
    terminals: z.array(terminalConfigSchema.shape.terminalId).default([]),
    groups: z.array(groupNameSchema).default([]),
  })
  .refine((t) => t.terminals.length + t.groups.length > 0, {
    message: 'must name at least one terminal or group',
  });

const commonFields = {
  format: z.literal(BUNDLE_FORMAT, { error: `must be "${BUNDLE_FORMAT}"` }),
  version: z
    .number()
    .int('must be a whole number')
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Grows with every bundle the admins issue; a terminal accepts each version once, in increasing order.'),
  targets: bundleTargetsSchema,
  activateAt: instant.optional(),
  /** The remote config layer: a partial terminal config merged over the terminal file. */
  config: z.record(z.string(), z.unknown(), { error: 'must be a JSON object: the part of the terminal config to set' }),
  /** Notes for the admin who edits the file; signed like everything else, ignored by terminals. */
  _help: z.union([z.string(), z.array(z.string())]).optional(),
};

/** What an admin edits: not yet signed (signing fills issuedAt, keyId, algorithm and signature). */
export const draftBundleSchema = z.strictObject({
  ...commonFields,
  issuedAt: instant.optional(),
  keyId: adminKeyIdSchema.optional(),
  algorithm: adminKeyAlgorithmSchema.optional(),
  signature: z.string().optional(),
});
export type DraftConfigBundle = z.infer<typeof draftBundleSchema>;

export const signedBundleSchema = z.strictObject({
  ...commonFields,
  issuedAt: instant,
  keyId: adminKeyIdSchema,
  algorithm: adminKeyAlgorithmSchema,
  signature: z.string().min(1),
});
export type SignedConfigBundle = z.infer<typeof signedBundleSchema>;

/** The bytes the signature covers: the canonical JSON of the document without `signature`. */
export function signedPayload(document: Record<string, unknown>): Uint8Array {
  const { signature: _signature, ...payload } = document;
  return canonicalJsonBytes(payload);
}

/** Names the bundle's content (everything but the signature), for records and acknowledgements. */
export function bundleDigest(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** Field order of a written bundle file; the signature does not depend on it. */
const FIELD_ORDER = ['format', 'version', 'targets', 'activateAt', 'issuedAt', 'keyId', 'algorithm', 'config', '_help', 'signature'];

export function formatBundleFile(document: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of [...FIELD_ORDER, ...Object.keys(document).filter((k) => !FIELD_ORDER.includes(k))]) {
    if (Object.hasOwn(document, key)) ordered[key] = document[key];
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
