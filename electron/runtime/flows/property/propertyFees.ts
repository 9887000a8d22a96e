import type { Fee } from '../../../../config/terminalConfigSchema.js';
import type { CaseParty, FeeLine, PropertyCaseInfo, PropertyPayable } from './propertyContext.js';

/**
 * The registration fees from the service's config fee table (never from code): the
 * registration fee by the property's use, and the fee for each certificate beyond the first.
 */

export type PropertyFee = Pick<Fee, 'code' | 'amountFen' | 'label'>;

export interface PropertyFees {
  housing: PropertyFee;
  nonHousing: PropertyFee;
  extraCertificate: PropertyFee;
}

/** The config codes (config/terminal.sample.json, service property-transfer). */
export const PROPERTY_FEE_CODES = { housing: 'registration-housing', nonHousing: 'registration-other', extraCertificate: 'extra-certificate' } as const;

/** The most certificates beyond the first anyone may order (the bridge contract's limit). */
const MAX_EXTRA_CERTIFICATES = 10;

/** The fee table, or the codes it lacks: a service without them is not offered (the kiosk never charges an amount it does not list). */
export function propertyFeesFromConfig(fees: readonly Fee[]): { ok: true; fees: PropertyFees } | { ok: false; problem: string } {
  const byCode = new Map(fees.map((fee) => [fee.code, fee]));
  const pick = (code: string) => byCode.get(code);
  const housing = pick(PROPERTY_FEE_CODES.housing);
  const nonHousing = pick(PROPERTY_FEE_CODES.nonHousing);
  const extraCertificate = pick(PROPERTY_FEE_CODES.extraCertificate);
  if (!housing || !nonHousing || !extraCertificate) {
    const lacking = Object.values(PROPERTY_FEE_CODES).filter((code) => !byCode.has(code));
    return { ok: false, problem: `fee table lacks ${lacking.join(', ')}` };
  }
  // The flow always takes payment, and the ledger takes positive amounts only.
  if (housing.amountFen <= 0 || nonHousing.amountFen <= 0) return { ok: false, problem: 'registration fees must be more than zero' };
  const keep = (fee: Fee): PropertyFee => ({ code: fee.code, amountFen: fee.amountFen, label: fee.label });
  return { ok: true, fees: { housing: keep(housing), nonHousing: keep(nonHousing), extraCertificate: keep(extraCertificate) } };
}

/** Certificates beyond the first: one per further required owner (buyer or co-owner), at most ten. */
export function maxExtraCertificates(parties: readonly CaseParty[]): number {
  const owners = parties.filter((party) => party.required && (party.role === 'buyer' || party.role === 'co-owner')).length;
  return Math.min(MAX_EXTRA_CERTIFICATES, Math.max(0, owners - 1));
}

/** The fee lines and total for the case with `extraCertificates` extra certificates. */
export function propertyPayable(propertyCase: PropertyCaseInfo, extraCertificates: number, fees: PropertyFees): PropertyPayable {
  const registration = propertyCase.property.use === 'housing' ? fees.housing : fees.nonHousing;
  const line = (fee: PropertyFee, count: number): FeeLine => ({ code: fee.code, label: fee.label, unitFen: fee.amountFen, count, amountFen: fee.amountFen * count });
  const items = [line(registration, 1)];
  if (extraCertificates > 0) items.push(line(fees.extraCertificate, extraCertificates));
  return { amountFen: items.reduce((sum, item) => sum + item.amountFen, 0), items };
}
