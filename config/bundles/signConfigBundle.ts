import type { z } from 'zod';
import { signWithAdminKey, type AdminSigningKey } from './adminSigningKey.js';
import { draftBundleSchema, signedPayload } from './bundleFormat.js';
import { CanonicalJsonError } from './canonicalJson.js';
import { findForbiddenRemoteFields } from './forbiddenRemoteFields.js';

export type BundleSigning =
  | { ok: true; document: Record<string, unknown> }
  | { ok: false; problems: string[] };

/**
 * Signs a draft (or re-signs a signed bundle): sets issuedAt, keyId and algorithm, then the
 * signature over the canonical payload. Refuses what every terminal would refuse anyway — a
 * bad shape or a forbidden field — so an admin learns it before pushing.
 */
export function signConfigBundle(draft: unknown, key: AdminSigningKey, now: number): BundleSigning {
  const parsed = draftBundleSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  const forbidden = findForbiddenRemoteFields((draft as { config: Record<string, unknown> }).config);
  if (forbidden.length > 0) {
    return {
      ok: false,
      problems: forbidden.map((f) => `config.${f}: a remote bundle may not set this; only the terminal's own config file does`),
    };
  }
  // Sign the draft as written (not zod's output, which fills defaults): the terminal verifies the
  // very document it receives.
  const { signature: _old, ...rest } = draft as Record<string, unknown>;
  const document: Record<string, unknown> = {
    ...rest,
    issuedAt: new Date(now).toISOString(),
    keyId: key.keyId,
    algorithm: key.algorithm,
  };
  try {
    document['signature'] = signWithAdminKey(key, signedPayload(document));
  } catch (error) {
    if (error instanceof CanonicalJsonError) return { ok: false, problems: [error.message] };
    throw error;
  }
  return { ok: true, document };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `${path || '(top level)'}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${path || '(top level)'}: ${issue.message}`;
}
