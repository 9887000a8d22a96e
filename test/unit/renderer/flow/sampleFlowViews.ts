import type { z } from 'zod';
import { endorsementViewSchema, type EndorsementView } from '../../../../electron/bridge/endorsementFlowView.js';
import { propertyViewSchema, type PartyProgress, type PropertyCaseSummary, type PropertyView } from '../../../../electron/bridge/propertyFlowView.js';
import type { FlowOnScreen } from '../../../../renderer/src/flow/flowViewTypes.js';

/**
 * Flow views as the runtime sends them, checked against the bridge schemas so the renderer's
 * tests never drift from the contract. Synthetic data only.
 */

type CommonOf<V> = Omit<V, 'screen'>;
type ViewOf<V, S> = Extract<V, { screen: S }>;

/**
 * A builder of one flow's views: the screen's own fields, over defaults for the common part,
 * parsed by the flow's schema.
 */
function viewBuilder<V extends { screen: string }>(schema: z.ZodType<V>, defaults: CommonOf<V>) {
  return <S extends V['screen']>(screen: Omit<ViewOf<V, S>, keyof CommonOf<V>> & { screen: S }, common: Partial<CommonOf<V>> = {}): ViewOf<V, S> =>
    schema.parse({ ...defaults, ...common, ...screen }) as ViewOf<V, S>;
}

type Common = CommonOf<EndorsementView>;

const BEFORE_PAYMENT: Common = {
  step: 'read-permit',
  phase: 'before-payment',
  canCancel: true,
  timeoutMs: 90_000,
  fault: null,
  caseNumber: null,
  holder: null,
  amountFen: null,
} as Common;

export const flowView = viewBuilder<EndorsementView>(endorsementViewSchema, BEFORE_PAYMENT);

/** An endorsement view as the flow on screen. */
export const endorsementFlow = (view: EndorsementView): FlowOnScreen => ({ kind: 'exit-entry-endorsement', view });

export const HOLDER = { permitType: 'hk-macau', permitNumberMasked: 'C1****001', nameMasked: '王*明', idNumberMasked: '4401**********001X' } as const;

export const fee = (code: string, amountFen: number, zh: string, en: string) => ({ code, amountFen, label: { 'zh-CN': zh, en } });

export const RATE_LEVELS = [
  { stars: 5, label: { 'zh-CN': '非常满意', en: 'Very satisfied' }, bad: false },
  { stars: 4, label: { 'zh-CN': '满意', en: 'Satisfied' }, bad: false },
  { stars: 3, label: { 'zh-CN': '基本满意', en: 'Basically satisfied' }, bad: false },
  { stars: 2, label: { 'zh-CN': '不满意', en: 'Dissatisfied' }, bad: true },
  { stars: 1, label: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' }, bad: true },
] as const;

// ---- real-estate transfer ----

type PropertyCommon = CommonOf<PropertyView>;

const party = (partyId: string, role: PartyProgress['role'], nameMasked: string, share: string | null, required = true): PartyProgress => ({
  partyId,
  role,
  nameMasked,
  idNumberMasked: '4401**********01X',
  required,
  share,
  verified: false,
  signed: false,
});

/** Seller, buyer and co-owner (half each), as in the platform simulator's demo case. */
export const PARTIES: readonly PartyProgress[] = [party('S1', 'seller', '陈**', null), party('B1', 'buyer', '林*', '1/2'), party('B2', 'co-owner', '何*', '1/2')];

/** A sale with a mortgage: the lender need not come to the terminal. */
export const MORTGAGE_PARTIES: readonly PartyProgress[] = [party('S1', 'seller', '黄*', null), party('B1', 'buyer', '梁*', null), party('M1', 'mortgagee', '示例银行', null, false)];

export const PROPERTY_CASE: PropertyCaseSummary = {
  caseNumber: 'BDC2026000101',
  contractFilingNumber: 'WQ2026000123',
  registrationType: 'transfer',
  property: {
    unitNumber: '440106001001GB00001F00010001',
    address: '广州市天河区示例路1号1栋101房',
    areaSquareMeters: 89.5,
    use: 'housing',
    useDescription: { 'zh-CN': '住宅', en: 'Housing' },
  },
  mortgage: null,
};

export const TAXES = [
  { taxId: 'T-1', name: { 'zh-CN': '契税', en: 'Deed tax' }, amountFen: 1_342_500, status: 'paid' },
  { taxId: 'T-2', name: { 'zh-CN': '增值税', en: 'Value-added tax' }, amountFen: 52_000, status: 'unpaid' },
] as const;

const PROPERTY_BEFORE_PAYMENT: PropertyCommon = {
  step: 'find-case',
  phase: 'before-payment',
  canCancel: true,
  timeoutMs: 90_000,
  fault: null,
  caseNumber: null,
  amountFen: null,
  propertyCase: null,
  parties: [],
  currentPartyId: null,
} as PropertyCommon;

export const propertyView = viewBuilder<PropertyView>(propertyViewSchema, PROPERTY_BEFORE_PAYMENT);

/** The common part once the case is found, with `progress` applied to the parties by id. */
export function foundCase(currentPartyId: string | null, progress: Readonly<Record<string, Partial<PartyProgress>>> = {}): Partial<PropertyCommon> {
  return {
    caseNumber: PROPERTY_CASE.caseNumber,
    propertyCase: PROPERTY_CASE,
    parties: PARTIES.map((candidate) => ({ ...candidate, ...progress[candidate.partyId] })),
    currentPartyId,
  };
}

/** A property view as the flow on screen. */
export const propertyFlow = (view: PropertyView): FlowOnScreen => ({ kind: 'property-transfer', view });
