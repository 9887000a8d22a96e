import { describe, expect, it } from 'vitest';
import type { Fee } from '../../../../../config/terminalConfigSchema.js';
import { idNumberFitsMask } from '../../../../../electron/runtime/flows/property/idNumberFitsMask.js';
import { maxExtraCertificates, propertyFeesFromConfig, propertyPayable } from '../../../../../electron/runtime/flows/property/propertyFees.js';
import { demoCase, PARTY_IDS } from './propertyHarness.js';

const label = { 'zh-CN': '费', en: 'Fee' };
const table = (amounts: Partial<Record<string, number>>): Fee[] => Object.entries(amounts).map(([code, amountFen]) => ({ code, label, amountFen: amountFen! }));
const info = (use: 'housing' | 'non-housing') => {
  const found = demoCase();
  return { ...found, property: { ...found.property, use }, mortgage: null };
};

describe('property fees from config', () => {
  it('takes every amount from the fee table, never from code', () => {
    const parsed = propertyFeesFromConfig(table({ 'registration-housing': 12_300, 'registration-other': 45_600, 'extra-certificate': 700 }));
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(propertyPayable(info('housing'), 2, parsed.fees)).toMatchObject({ amountFen: 12_300 + 1_400, items: [{ code: 'registration-housing', count: 1 }, { code: 'extra-certificate', unitFen: 700, count: 2, amountFen: 1_400 }] });
    expect(propertyPayable(info('non-housing'), 0, parsed.fees)).toEqual({ amountFen: 45_600, items: [{ code: 'registration-other', label, unitFen: 45_600, count: 1, amountFen: 45_600 }] });
  });

  it('says which codes a fee table lacks, and refuses a free registration (the flow always takes payment)', () => {
    expect(propertyFeesFromConfig(table({ 'registration-housing': 8_000 }))).toEqual({ ok: false, problem: 'fee table lacks registration-other, extra-certificate' });
    expect(propertyFeesFromConfig(table({ 'registration-housing': 0, 'registration-other': 1, 'extra-certificate': 1 }))).toMatchObject({ ok: false });
  });

  it('allows one certificate per required owner beyond the first, at most ten', () => {
    const parties = demoCase().parties;
    expect(maxExtraCertificates(parties)).toBe(1);
    expect(maxExtraCertificates(parties.filter((p) => p.role === 'seller'))).toBe(0);
    const many = Array.from({ length: 14 }, (_, i) => ({ ...parties[1]!, partyId: `B${i}` }));
    expect(maxExtraCertificates(many)).toBe(10);
    expect(maxExtraCertificates(many.map((p) => ({ ...p, required: false })))).toBe(0);
  });
});

describe('idNumberFitsMask', () => {
  it('matches a card to the platform’s mask by the characters it shows', () => {
    const masked = `${PARTY_IDS.B1.slice(0, 6)}********${PARTY_IDS.B1.slice(-4)}`;
    expect(idNumberFitsMask(PARTY_IDS.B1, masked)).toBe(true);
    expect(idNumberFitsMask(PARTY_IDS.S1, masked)).toBe(false);
    // A mask of another shape proves nothing: the platform's own check decides.
    expect(idNumberFitsMask(PARTY_IDS.S1, '4401**0011')).toBe(true);
  });
});
