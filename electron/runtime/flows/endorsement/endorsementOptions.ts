import { COMMON_FLOW_DEFAULTS, type CommonFlowOptions } from '../shared/flowOptions.js';

/** The endorsement flow's tunables; everything else is in the step table. */
export interface EndorsementFlowOptions extends CommonFlowOptions {
  /** No endorsement on a permit with this many months or fewer left (research/domain.md §1.5: 3). */
  minPermitValidityMonths: number;
  /** Waits between attempts of the issuing call, always with the same idempotency key. */
  issueRetryDelaysMs: readonly number[];
}

export const DEFAULT_ENDORSEMENT_OPTIONS: EndorsementFlowOptions = {
  ...COMMON_FLOW_DEFAULTS,
  minPermitValidityMonths: 3,
  issueRetryDelaysMs: [2_000, 5_000, 10_000],
};
