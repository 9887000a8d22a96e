import type { BundleRejectionCode } from '../../../config/bundles/bundleRejection.js';

/** Why a bundle that was applied was taken back. */
export type RollbackCode =
  /** The health probe did not say healthy within remoteConfig.healthGraceSeconds. */
  | 'unhealthy'
  /** The runtime could not take the new config (onConfigChanged threw). */
  | 'apply-failed'
  /** The terminal restarted before the bundle had proved healthy; it boots on the previous layer. */
  | 'restarted-during-trial';

interface OutcomeBase {
  /** Stable id of this outcome on this terminal: the platform de-duplicates acknowledgements by it. */
  id: number;
  /** ISO 8601, when the terminal decided. */
  at: string;
  /** null when the bundle was too broken to tell. */
  version: number | null;
  keyId: string | null;
  /** sha256 of the signed payload; null unless the signature verified. */
  digest: string | null;
}

/** What became of one bundle: audited, and acknowledged to the platform. */
export type BundleOutcome =
  | (OutcomeBase & { outcome: 'applied' })
  | (OutcomeBase & { outcome: 'held'; activateAt: string })
  | (OutcomeBase & {
      outcome: 'rejected';
      code: BundleRejectionCode;
      message: string;
      /** Every config problem (schema-invalid, local-config-invalid) or forbidden field, one line each. */
      problems: string[];
    })
  | (OutcomeBase & {
      outcome: 'rolled-back';
      code: RollbackCode;
      message: string;
      /** The remote version in force again (null: the local layers alone). */
      restoredVersion: number | null;
      /** What the last health report said was wrong. */
      problems: string[];
    });

/** Distributes Omit over the union, so each outcome keeps its own fields. */
export type NewBundleOutcome = BundleOutcome extends infer O ? (O extends BundleOutcome ? Omit<O, 'id' | 'at'> : never) : never;
