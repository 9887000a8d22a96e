import type { z } from 'zod';
import { formatConfigProblem } from '../configProblem.js';
import { resolveEffectiveConfig, type ConfigLayer } from '../resolveEffectiveConfig.js';
import type { TerminalConfig } from '../terminalConfigSchema.js';
import { verifyWithTrustedKey } from './adminSigningKey.js';
import { bundleDigest, signedBundleSchema, signedPayload, type SignedConfigBundle } from './bundleFormat.js';
import type { BundleRejection } from './bundleRejection.js';
import { CanonicalJsonError } from './canonicalJson.js';
import { findForbiddenRemoteFields } from './forbiddenRemoteFields.js';
import type { RemoteConfigSettings, TrustedAdminKey } from './remoteConfigSettingsSchema.js';

/** A bundle whose signature verified under a key the terminal trusts. */
export interface AuthenticBundle {
  bundle: SignedConfigBundle;
  /** The document exactly as parsed (what is stored, and re-verified when a held bundle activates). */
  document: Record<string, unknown>;
  /** sha256 (hex) of the signed payload. */
  digest: string;
}

/** What the terminal remembers about a version it saw before. */
export interface SeenBundleVersion {
  digest: string;
  status: 'held' | 'trial' | 'applied' | 'rejected' | 'rolled-back';
}

export interface BundleHistory {
  /** The version whose layer is in force now (on trial or confirmed); 0 when none. */
  lastAppliedVersion: number;
  seen(version: number): SeenBundleVersion | undefined;
}

export interface BundleVerificationContext {
  terminalId: string;
  /** From the terminal's local config only. */
  settings: RemoteConfigSettings;
  /** Built-in defaults < terminal file: the layers the bundle's layer goes over. */
  localLayers: ConfigLayer[];
  history: BundleHistory;
  /** Epoch milliseconds. */
  now: number;
}

export type BundleVerdict =
  | { kind: 'apply'; authentic: AuthenticBundle; layer: ConfigLayer; config: TerminalConfig; sources: string[] }
  | { kind: 'hold'; authentic: AuthenticBundle; activateAt: number }
  /** `authentic` is set when the signature verified: only then may the version be remembered as seen. */
  | { kind: 'reject'; rejection: BundleRejection; authentic: AuthenticBundle | null };

export type AuthenticationResult = { ok: true; authentic: AuthenticBundle } | { ok: false; rejection: BundleRejection };

export function remoteLayerSource(version: number): string {
  return `remote bundle v${version}`;
}

/**
 * The whole acceptance policy, pure: signature by a trusted key, target, version (no
 * downgrade, no replay), no forbidden field, schema-valid when merged over the local layers,
 * and activation time reached (a future bundle is held, not rejected).
 */
export function verifyConfigBundle(input: unknown, context: BundleVerificationContext): BundleVerdict {
  const authenticated = authenticateConfigBundle(input, context.settings.trustedAdminKeys);
  if (!authenticated.ok) return { kind: 'reject', rejection: authenticated.rejection, authentic: null };
  const { authentic } = authenticated;
  const { bundle } = authentic;
  const reject = (rejection: BundleRejection): BundleVerdict => ({ kind: 'reject', rejection, authentic });

  if (!isTargeted(bundle, context.terminalId, context.settings.groups)) {
    return reject({
      code: 'wrong-target',
      message:
        `bundle v${bundle.version} targets ${describeTargets(bundle)}; this terminal is ${context.terminalId}` +
        ` in ${context.settings.groups.length ? `groups ${context.settings.groups.join(', ')}` : 'no group'}`,
    });
  }

  const seen = context.history.seen(bundle.version);
  // The one repeat that is not a replay: the very bundle held for later, offered again or now due.
  const isHeldBundle = seen?.status === 'held' && seen.digest === authentic.digest;
  if (seen && !isHeldBundle) {
    return reject({
      code: 'replay',
      message: `bundle v${bundle.version} was received before (${seen.status}); a version is accepted once only`,
    });
  }
  if (bundle.version <= context.history.lastAppliedVersion) {
    return reject({
      code: 'downgrade',
      message: `bundle v${bundle.version} is not newer than v${context.history.lastAppliedVersion}, which is applied now`,
    });
  }

  const forbidden = findForbiddenRemoteFields(bundle.config);
  if (forbidden.length > 0) {
    return reject({
      code: 'forbidden-field',
      message: `a remote bundle may not set ${forbidden.join(', ')}: only the terminal's own config file sets identity, trust and credentials`,
      fields: forbidden,
    });
  }

  const layer: ConfigLayer = { source: remoteLayerSource(bundle.version), data: bundle.config };
  const resolved = resolveEffectiveConfig([...context.localLayers, layer]);
  if (!resolved.ok) {
    const shown = resolved.problems.slice(0, 3).map(formatConfigProblem).join('; ');
    const more = resolved.problems.length > 3 ? ` (and ${resolved.problems.length - 3} more)` : '';
    return reject({
      code: 'schema-invalid',
      message: `bundle v${bundle.version} would make this terminal's config invalid: ${shown}${more}`,
      problems: resolved.problems,
    });
  }

  if (bundle.activateAt !== undefined) {
    const activateAt = Date.parse(bundle.activateAt);
    if (activateAt > context.now) return { kind: 'hold', authentic, activateAt };
  }
  return { kind: 'apply', authentic, layer, config: resolved.config, sources: resolved.sources };
}

/** Shape and signature only: what `kioskctl config verify` checks with just a public key. */
export function authenticateConfigBundle(input: unknown, trustedKeys: readonly TrustedAdminKey[]): AuthenticationResult {
  const malformed = (message: string): AuthenticationResult => ({ ok: false, rejection: { code: 'malformed', message } });

  let document: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
    try {
      document = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return malformed(`not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return malformed('a bundle is a JSON object ({ … }) at the top level');
  }
  const record = document as Record<string, unknown>;
  if (!Object.hasOwn(record, 'signature')) {
    return malformed('the bundle is not signed (no "signature" field): sign it with kioskctl config sign');
  }
  const parsed = signedBundleSchema.safeParse(record);
  if (!parsed.success) return malformed(`not a valid signed bundle: ${describeIssues(parsed.error.issues)}`);
  // The layer exactly as signed: zod's copy would silently drop a "__proto__" key, which the
  // schema check should see and refuse as an unknown field instead.
  const bundle: SignedConfigBundle = { ...parsed.data, config: record['config'] as Record<string, unknown> };

  let payload: Uint8Array;
  try {
    payload = signedPayload(record);
  } catch (error) {
    if (error instanceof CanonicalJsonError) return malformed(`content cannot be signed: ${error.message}`);
    throw error;
  }

  const key = trustedKeys.find((k) => k.keyId === bundle.keyId);
  if (!key) {
    return {
      ok: false,
      rejection: {
        code: 'unknown-key',
        message:
          trustedKeys.length === 0
            ? `bundle is signed with key "${bundle.keyId}", but this terminal trusts no admin key (remoteConfig.trustedAdminKeys in its config file is empty)`
            : `bundle is signed with key "${bundle.keyId}", which is not trusted here (trusted: ${trustedKeys.map((k) => `"${k.keyId}"`).join(', ')})`,
      },
    };
  }
  if (key.algorithm !== bundle.algorithm) {
    return {
      ok: false,
      rejection: {
        code: 'bad-signature',
        message: `bundle claims an ${bundle.algorithm} signature, but trusted key "${key.keyId}" is an ${key.algorithm} key`,
      },
    };
  }
  if (!verifyWithTrustedKey(key, payload, bundle.signature)) {
    return {
      ok: false,
      rejection: {
        code: 'bad-signature',
        message: `the ${bundle.algorithm} signature does not match the content for key "${key.keyId}": the bundle was changed after signing, or signed with another key`,
      },
    };
  }
  return { ok: true, authentic: { bundle, document: record, digest: bundleDigest(payload) } };
}

function isTargeted(bundle: SignedConfigBundle, terminalId: string, groups: readonly string[]): boolean {
  return bundle.targets.terminals.includes(terminalId) || bundle.targets.groups.some((g) => groups.includes(g));
}

export function describeTargets(bundle: SignedConfigBundle): string {
  const parts = [
    bundle.targets.terminals.length ? `terminals ${bundle.targets.terminals.join(', ')}` : '',
    bundle.targets.groups.length ? `groups ${bundle.targets.groups.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${path ? ` in ${path}` : ''}`;
    return `${path || '(top level)'}: ${issue.message}`;
  });
  return `${shown.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`;
}
