import { describe, expect, it } from 'vitest';
import type { EndorsementOption } from '../../../../../electron/platform/platformApiTypes.js';
import { feeLookupFromConfig } from '../../../../../electron/runtime/flows/endorsement/endorsementFees.js';

const option = (feeCode: string): EndorsementOption => ({ optionCode: 'G-HK-3M-1', entries: 'single', validityMonths: 3, stayDays: 7, feeCode });
const fees = [
  { code: 'once', label: { 'zh-CN': '一次有效签注', en: 'Single-entry endorsement' }, amountFen: 1500 },
  { code: 'twice', label: { 'zh-CN': '二次有效签注', en: 'Two-entry endorsement' }, amountFen: 3000 },
  { code: 'free', label: { 'zh-CN': '免费', en: 'Free' }, amountFen: 0 },
];

describe('feeLookupFromConfig', () => {
  it('prices a platform fee code through the mapping, or a config code directly', () => {
    const lookup = feeLookupFromConfig(fees, { 'endorsement-single': 'once' });
    expect(lookup.feeFor(option('endorsement-single'))).toEqual({ code: 'once', amountFen: 1500, label: fees[0]!.label });
    expect(lookup.feeFor(option('twice'))).toMatchObject({ code: 'twice', amountFen: 3000 });
  });

  it('has no fee (so no offer) for a code the config does not list, or a zero amount', () => {
    const lookup = feeLookupFromConfig(fees, { 'endorsement-multiple-2y': 'multi-2y' });
    expect(lookup.feeFor(option('endorsement-multiple-2y'))).toBeNull();
    expect(lookup.feeFor(option('endorsement-double'))).toBeNull();
    expect(lookup.feeFor(option('free'))).toBeNull();
  });
});
