import { COMMON_FLOW_DEFAULTS, type CommonFlowOptions } from '../shared/flowOptions.js';
import type { PropertyFees } from './propertyFees.js';

/** The property-transfer flow's tunables; everything else is in the step table. */
export interface PropertyFlowOptions extends CommonFlowOptions {
  /** Case numbers typed that find nothing (or an accepted case) before the visit ends. */
  maxLookupAttempts: number;
  /** Waits between attempts of the submission, always with the same idempotency key. */
  submitRetryDelaysMs: readonly number[];
  /** From the service's config fee table (propertyFeesFromConfig). */
  fees: PropertyFees;
}

export const DEFAULT_PROPERTY_OPTIONS: Omit<PropertyFlowOptions, 'fees'> = {
  ...COMMON_FLOW_DEFAULTS,
  maxLookupAttempts: 3,
  submitRetryDelaysMs: [2_000, 5_000, 10_000],
};

/** The options with the config's fees and any overrides. */
export function propertyOptions(fees: PropertyFees, overrides: Partial<Omit<PropertyFlowOptions, 'fees'>> = {}): PropertyFlowOptions {
  return { ...DEFAULT_PROPERTY_OPTIONS, ...overrides, fees };
}
