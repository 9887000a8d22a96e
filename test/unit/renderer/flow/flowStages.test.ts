import { describe, expect, it } from 'vitest';
import { FLOW_STAGES, stageIndexOf } from '../../../../renderer/src/flow/flowStages.js';
import { flowView } from './sampleFlowViews.js';

describe('flow stages', () => {
  it('puts each screen in the stage a citizen would name', () => {
    expect(FLOW_STAGES).toHaveLength(4);
    expect(stageIndexOf(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }))).toBe(0);
    expect(stageIndexOf(flowView({ screen: 'busy', activity: 'comparing-face' }))).toBe(0);
    expect(stageIndexOf(flowView({ screen: 'choose-endorsement', choices: [], refused: [] }))).toBe(1);
    expect(stageIndexOf(flowView({ screen: 'busy', activity: 'requesting-approval' }))).toBe(1);
    expect(stageIndexOf(flowView({ screen: 'scan-code' }))).toBe(2);
    expect(stageIndexOf(flowView({ screen: 'busy', activity: 'confirming-payment' }, { phase: 'paying', canCancel: false }))).toBe(2);
    expect(stageIndexOf(flowView({ screen: 'busy', activity: 'issuing' }, { phase: 'after-payment', canCancel: false }))).toBe(3);
    expect(
      stageIndexOf(flowView({ screen: 'result', outcome: 'cancelled', reasons: [], endorsements: [], receipt: null }, { canCancel: false })),
    ).toBe(3);
  });
});
