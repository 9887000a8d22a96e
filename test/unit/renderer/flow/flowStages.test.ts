import { describe, expect, it } from 'vitest';
import { FLOW_STAGES, stagesOf } from '../../../../renderer/src/flow/flowStages.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';
import { endorsementFlow, flowView, foundCase, propertyFlow, propertyView, RATE_LEVELS, TAXES } from './sampleFlowViews.js';

const endorsementStage = (view: Parameters<typeof endorsementFlow>[0]) => stagesOf(endorsementFlow(view)).current;
const propertyStage = (view: Parameters<typeof propertyFlow>[0]) => stagesOf(propertyFlow(view)).current;
const PAID = { phase: 'after-payment', canCancel: false } as const;

describe('flow stages', () => {
  it('puts each endorsement screen in the stage a citizen would name', () => {
    expect(FLOW_STAGES['exit-entry-endorsement']).toHaveLength(4);
    expect(endorsementStage(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }))).toBe(0);
    expect(endorsementStage(flowView({ screen: 'busy', activity: 'comparing-face' }))).toBe(0);
    expect(endorsementStage(flowView({ screen: 'choose-endorsement', choices: [], refused: [] }))).toBe(1);
    expect(endorsementStage(flowView({ screen: 'busy', activity: 'requesting-approval' }))).toBe(1);
    expect(endorsementStage(flowView({ screen: 'scan-code' }))).toBe(2);
    expect(endorsementStage(flowView({ screen: 'busy', activity: 'confirming-payment' }, { phase: 'paying', canCancel: false }))).toBe(2);
    expect(endorsementStage(flowView({ screen: 'busy', activity: 'issuing' }, PAID))).toBe(3);
    expect(endorsementStage(flowView({ screen: 'result', outcome: 'cancelled', reasons: [], endorsements: [], receipt: null }, { canCancel: false }))).toBe(3);
  });

  it('names the property stages 查询 → 核验签名 → 缴费 → 领证', () => {
    const zh = translatorFor('zh-CN');
    expect(stagesOf(propertyFlow(propertyView({ screen: 'find-case', attempt: 1, maxAttempts: 3 }))).stages.map((key) => zh(key))).toEqual([
      '查询',
      '核验签名',
      '缴费',
      '领证',
    ]);
  });

  it('puts each property screen in the stage a citizen would name', () => {
    const found = foundCase('B1');
    expect(propertyStage(propertyView({ screen: 'find-case', attempt: 1, maxAttempts: 3 }))).toBe(0);
    expect(propertyStage(propertyView({ screen: 'busy', activity: 'looking-up-case' }))).toBe(0);
    expect(propertyStage(propertyView({ screen: 'review-case', taxes: [...TAXES] }, foundCase(null)))).toBe(0);
    expect(propertyStage(propertyView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, found))).toBe(1);
    expect(propertyStage(propertyView({ screen: 'busy', activity: 'verifying-party' }, found))).toBe(1);
    expect(propertyStage(propertyView({ screen: 'sign' }, found))).toBe(1);
    expect(propertyStage(propertyView({ screen: 'review-fees', taxes: [], fees: [], extraCertificates: { chosen: 0, max: 5, unitFen: 1000 } }, foundCase(null)))).toBe(2);
    expect(propertyStage(propertyView({ screen: 'busy', activity: 'submitting' }, foundCase(null)))).toBe(2);
    expect(propertyStage(propertyView({ screen: 'busy', activity: 'confirming-payment' }, { ...foundCase(null), phase: 'paying', canCancel: false }))).toBe(2);
    expect(propertyStage(propertyView({ screen: 'busy', activity: 'submitting' }, { ...foundCase(null), ...PAID }))).toBe(3);
    expect(propertyStage(propertyView({ screen: 'choose-delivery', options: [], mortgageProof: null }, { ...foundCase(null), ...PAID }))).toBe(3);
    expect(propertyStage(propertyView({ screen: 'rate', outcome: 'accepted', receipt: 'printed', levels: [...RATE_LEVELS], badReasons: [] }, { ...foundCase(null), ...PAID }))).toBe(3);
  });
});
