import type { ConfigProblem } from '../configProblem.js';

/**
 * Why a terminal refused a bundle. The codes are stable (the platform and admins match on
 * them); the message is for people and may change.
 */
export type BundleRejectionCode =
  /** Not JSON, not a bundle of this format, not signed, or content with no canonical form. */
  | 'malformed'
  /** Signed with a key id the terminal's local config does not list (or it lists none). */
  | 'unknown-key'
  /** The signature does not verify under the trusted key: changed after signing, or another key. */
  | 'bad-signature'
  /** Names neither this terminal nor any of its groups. */
  | 'wrong-target'
  /** Older than (or as old as) the version applied now, and never seen before. */
  | 'downgrade'
  /** This version was received before (applied, rejected, rolled back or superseded). */
  | 'replay'
  /** Sets a field only the terminal's own file may set (identity, trust, credential). */
  | 'forbidden-field'
  /** Merged over the terminal's own layers, the config would not pass the terminal config schema. */
  | 'schema-invalid'
  /** The terminal's own config is broken, so it cannot judge any bundle until staff fix it. */
  | 'local-config-invalid';

export const BUNDLE_REJECTION_CODES: readonly BundleRejectionCode[] = [
  'malformed',
  'unknown-key',
  'bad-signature',
  'wrong-target',
  'downgrade',
  'replay',
  'forbidden-field',
  'schema-invalid',
  'local-config-invalid',
];

export interface BundleRejection {
  code: BundleRejectionCode;
  message: string;
  /** For schema-invalid and local-config-invalid: every problem, as `kioskctl config check` prints them. */
  problems?: ConfigProblem[];
  /** For forbidden-field: the dotted paths the bundle must not set. */
  fields?: string[];
}
