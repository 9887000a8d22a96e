import { readFileSync } from 'node:fs';
import { signWithAdminKey, type AdminSigningKey } from '../../../../config/bundles/adminSigningKey.js';
import { BUNDLE_FORMAT, signedPayload } from '../../../../config/bundles/bundleFormat.js';
import type { TrustedAdminKey } from '../../../../config/bundles/remoteConfigSettingsSchema.js';
import { signConfigBundle } from '../../../../config/bundles/signConfigBundle.js';
import { builtInDefaults } from '../../../../config/builtInDefaults.js';
import type { ConfigLayer } from '../../../../config/resolveEffectiveConfig.js';

/** The shipped sample terminal file (synthetic hall and terminal id DEMO-HALL-0001). */
export const sampleFile = (): Record<string, any> => JSON.parse(readFileSync('config/terminal.sample.json', 'utf8'));

export const SIGNED_AT = Date.UTC(2026, 10, 23, 1, 0, 0);

/** A terminal file that trusts `keys` and belongs to `groups`. */
export function terminalFileTrusting(keys: TrustedAdminKey[], groups: string[] = ['hall-east'], healthGraceSeconds = 60): Record<string, any> {
  return { ...sampleFile(), remoteConfig: { trustedAdminKeys: keys, groups, healthGraceSeconds } };
}

export function localLayersOf(file: Record<string, unknown>): ConfigLayer[] {
  return [
    { source: 'built-in defaults', data: builtInDefaults as Record<string, unknown> },
    { source: '/etc/kiosk/terminal.json', data: file },
  ];
}

export function draft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: BUNDLE_FORMAT,
    version: 1,
    targets: { terminals: ['DEMO-HALL-0001'], groups: [] },
    config: { idle: { warnAfterSeconds: 120, countdownSeconds: 45 } },
    ...overrides,
  };
}

/** Signed the way `kioskctl config sign` signs. */
export function signedBundle(key: AdminSigningKey, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const result = signConfigBundle(draft(overrides), key, SIGNED_AT);
  if (!result.ok) throw new Error(`fixture bundle does not sign: ${result.problems.join('; ')}`);
  return result.document;
}

/** Signed by a tool that skips kioskctl's own checks (a rogue or buggy signer): the terminal must still refuse. */
export function signedWithoutChecks(key: AdminSigningKey, document: Record<string, unknown>): Record<string, unknown> {
  const payload = { ...document, issuedAt: new Date(SIGNED_AT).toISOString(), keyId: key.keyId, algorithm: key.algorithm };
  return { ...payload, signature: signWithAdminKey(key, signedPayload(payload)) };
}
