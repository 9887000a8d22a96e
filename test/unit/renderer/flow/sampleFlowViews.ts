import { endorsementViewSchema, type EndorsementView } from '../../../../electron/bridge/endorsementFlowView.js';

/**
 * Flow views as the runtime sends them, checked against the bridge schema so the renderer's
 * tests never drift from the contract. Synthetic data only.
 */

type Common = Omit<EndorsementView, 'screen'>;
type ScreenPart<S extends EndorsementView['screen']> = Omit<Extract<EndorsementView, { screen: S }>, keyof Common>;

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

export function flowView<S extends EndorsementView['screen']>(
  screen: ScreenPart<S> & { screen: S },
  common: Partial<Common> = {},
): Extract<EndorsementView, { screen: S }> {
  return endorsementViewSchema.parse({ ...BEFORE_PAYMENT, ...common, ...screen }) as Extract<EndorsementView, { screen: S }>;
}

export const HOLDER = { permitType: 'hk-macau', permitNumberMasked: 'C1****001', nameMasked: '王*明', idNumberMasked: '4401**********001X' } as const;

export const fee = (code: string, amountFen: number, zh: string, en: string) => ({ code, amountFen, label: { 'zh-CN': zh, en } });

export const RATE_LEVELS = [
  { stars: 5, label: { 'zh-CN': '非常满意', en: 'Very satisfied' }, bad: false },
  { stars: 4, label: { 'zh-CN': '满意', en: 'Satisfied' }, bad: false },
  { stars: 3, label: { 'zh-CN': '基本满意', en: 'Basically satisfied' }, bad: false },
  { stars: 2, label: { 'zh-CN': '不满意', en: 'Dissatisfied' }, bad: true },
  { stars: 1, label: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' }, bad: true },
] as const;
