import { describe, expect, it } from 'vitest';
import type { EndorsementContext } from '../../../../../electron/runtime/flows/endorsement/endorsementContext.js';
import { ENDORSEMENT_STEPS } from '../../../../../electron/runtime/flows/endorsement/endorsementSteps.js';
import { flowView } from '../../../../../electron/runtime/flows/endorsement/endorsementView.js';

const fee = { code: 'once', amountFen: 1500, label: { 'zh-CN': '一次有效签注', en: 'Single-entry endorsement' } };
const option = { optionCode: 'G-HK-3M-1', entries: 'single' as const, validityMonths: 3, stayDays: 7, feeCode: 'endorsement-single', fee };

const approved: EndorsementContext = {
  caseRef: 'endo-1',
  permit: { record: 'pii-1', permitType: 'hk-macau', numberMasked: 'C9*****23', expiry: '2031-05-01' },
  idCard: { record: 'pii-2', idNumberMasked: '4401**********1231' },
  eligibility: { eligibilityId: 'el-1', holderNameMasked: '林*雨', allowed: [{ kind: 'G', destination: 'HK', options: [option] }], refused: [] },
  selection: { kind: 'G', destination: 'HK', option },
  caseNumber: 'CJ2026000042',
  payable: { amountFen: 1500, payableReference: 'P1', items: [{ feeCode: 'endorsement-single', amountFen: 1500, description: { 'zh-CN': 'HK 个人旅游签注', en: 'HK endorsement' } }] },
  lastFault: null,
};

describe('flowView', () => {
  it('draws the payment choice with the amount, the masked holder and the last fault in both languages', () => {
    const view = flowView({ ...approved, lastFault: { step: 'charge', code: 'payment-declined', detail: null } }, 'choose-payment');
    expect(view).toMatchObject({
      screen: 'choose-payment',
      step: 'choose-payment',
      phase: 'before-payment',
      canCancel: true,
      timeoutMs: 120_000,
      amountFen: 1500,
      caseNumber: 'CJ2026000042',
      methods: ['payment-code', 'qr', 'bank-card'],
      holder: { permitType: 'hk-macau', permitNumberMasked: 'C9*****23', nameMasked: '林*雨', idNumberMasked: '4401**********1231' },
      fault: { code: 'payment-declined', detail: null },
    });
    expect(view.fault?.message['zh-CN']).toContain('未扣款');
    expect(view.fault?.message.en).toContain('nothing was charged');
  });

  it('offers cancel only before payment', () => {
    expect(flowView(approved, 'scan-code').canCancel).toBe(true);
    expect(flowView(approved, 'charge')).toMatchObject({ screen: 'busy', activity: 'paying', canCancel: false, phase: 'paying' });
    expect(flowView(approved, 'issue')).toMatchObject({ screen: 'busy', activity: 'issuing', canCancel: false });
    expect(flowView(approved, 'cancelled').canCancel).toBe(false);
  });

  it('counts tries on the document and face screens', () => {
    expect(flowView({ permitReadFailures: 1 }, 'read-permit')).toMatchObject({ screen: 'insert-permit', attempt: 2, maxAttempts: 3 });
    expect(flowView({ faceAttempts: 2 }, 'capture-face')).toMatchObject({ screen: 'capture-face', attemptsLeft: 1, staffPathOffered: true });
    expect(flowView({ faceAttempts: 2 }, 'capture-face', { maxFaceAttempts: 5 })).toMatchObject({ attemptsLeft: 3 });
  });

  it('shows the rating levels best first, with nothing preselected, and the bad-rating reasons', () => {
    const view = flowView({ ...approved, outcome: 'issued' }, 'rate');
    expect(view.screen).toBe('rate');
    if (view.screen !== 'rate') return;
    expect(view.levels.map((l) => [l.stars, l.label['zh-CN'], l.bad])).toEqual([
      [5, '非常满意', false],
      [4, '满意', false],
      [3, '基本满意', false],
      [2, '不满意', true],
      [1, '非常不满意', true],
    ]);
    expect(view.badReasons.map((r) => r.code)).toContain('too-slow');
    expect(JSON.stringify(view)).not.toMatch(/selected|default/);
  });

  it('draws the end of every kind of case', () => {
    const reason = { code: 'exit-restricted', message: { 'zh-CN': '审批未通过', en: 'Not approved' } };
    expect(flowView({ ...approved, outcome: 'refused', refusalReasons: [reason] }, 'refused')).toMatchObject({ screen: 'result', outcome: 'refused', reasons: [reason] });
    expect(flowView({ ...approved, outcome: 'refunded', receipt: 'printed' }, 'done-refunded')).toMatchObject({ screen: 'result', outcome: 'refunded', receipt: 'printed' });
    expect(flowView({ ...approved, outcome: 'handed-to-staff', receipt: 'kept-for-staff' }, 'staff-handoff')).toMatchObject({ outcome: 'handed-to-staff', receipt: 'kept-for-staff' });
    expect(flowView({ lastFault: { step: 'read-id-card', code: 'holder-mismatch', detail: null } }, 'cancelled')).toMatchObject({
      screen: 'result',
      outcome: 'cancelled',
      fault: { code: 'holder-mismatch' },
    });
  });

  it('gives plain data for every step, and a safe busy screen for a step it does not know', () => {
    for (const step of ENDORSEMENT_STEPS) {
      const view = flowView(approved, step);
      expect(structuredClone(view)).toEqual(view);
    }
    expect(flowView(approved, 'step-of-a-newer-version')).toMatchObject({ screen: 'busy', canCancel: false });
    // A fault code the table does not know is not shown as a blank message.
    expect(flowView({ lastFault: { step: 'charge', code: 'nonsense', detail: null } }, 'choose-payment').fault).toBeNull();
  });
});
