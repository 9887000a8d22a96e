import { describe, expect, it } from 'vitest';
import type { EndorsementView } from '../../../../electron/bridge/endorsementFlowView.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';
import { joinSentences, promptKeysFor, voiceCueFor } from '../../../../renderer/src/voice/voicePrompts.js';
import { flowView, RATE_LEVELS } from '../flow/sampleFlowViews.js';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');

const result = (outcome: 'issued' | 'refunded' | 'handed-to-staff' | 'refused' | 'cancelled', receipt: 'printed' | 'kept-for-staff' | null) =>
  flowView({ screen: 'result', outcome, reasons: [], endorsements: [], receipt }, { step: 'done', phase: 'after-payment', canCancel: false });

describe('voice prompts', () => {
  it('has one instruction for every screen that waits for the citizen', () => {
    const screens: Array<[EndorsementView, string]> = [
      [flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }), '请将通行证放在识读区'],
      [flowView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, { step: 'read-id-card' }), '请将身份证放在读卡区'],
      [flowView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true }, { step: 'capture-face' }), '请正对摄像头，然后点“拍照”'],
      [flowView({ screen: 'staff-verify' }, { step: 'staff-verify' }), '请工作人员输入密码，核验您的身份'],
      [flowView({ screen: 'choose-payment', items: [], methods: ['payment-code'] }, { step: 'choose-payment' }), '请选择支付方式'],
      [flowView({ screen: 'scan-code' }, { step: 'scan-code' }), '请打开手机付款码，对准扫码窗口'],
      [flowView({ screen: 'rate', outcome: 'issued', receipt: 'printed', levels: [...RATE_LEVELS], badReasons: [] }, { step: 'rate', phase: 'after-payment', canCancel: false }), '请对本次服务进行评价'],
    ];
    for (const [view, words] of screens) {
      expect(voiceCueFor(view, 'zh-CN', zh)?.text, view.screen).toBe(`${words}。`);
    }
  });

  it('says when there is nothing to choose instead of asking to choose', () => {
    const none = flowView({ screen: 'choose-endorsement', choices: [], refused: [] }, { step: 'choose' });
    expect(promptKeysFor(none)).toEqual(['flow.choose.none']);
  });

  it('keeps quiet on busy screens unless something went wrong', () => {
    expect(voiceCueFor(flowView({ screen: 'busy', activity: 'issuing' }, { step: 'issue', phase: 'after-payment', canCancel: false }), 'zh-CN', zh)).toBeNull();
    const refunding = flowView(
      { screen: 'busy', activity: 'refunding' },
      {
        step: 'refund',
        phase: 'after-payment',
        canCancel: false,
        fault: { code: 'issue-failed', message: { 'zh-CN': '签注未能办理成功，费用将自动原路退回。', en: 'The endorsement could not be issued. The fee will be refunded automatically.' }, detail: null },
      },
    );
    expect(voiceCueFor(refunding, 'en', en)?.text).toBe('The endorsement could not be issued. The fee will be refunded automatically.');
  });

  it('says the fault first, then what to do now', () => {
    const retry = flowView(
      { screen: 'insert-permit', attempt: 2, maxAttempts: 3 },
      { fault: { code: 'read-failed', message: { 'zh-CN': '未能读取通行证，请取出后重新放好。', en: 'The permit could not be read. Please take it out and place it again.' }, detail: null } },
    );
    expect(voiceCueFor(retry, 'zh-CN', zh)?.text).toBe('未能读取通行证，请取出后重新放好。请将通行证放在识读区。');
    expect(voiceCueFor(retry, 'en', en)?.text).toBe('The permit could not be read. Please take it out and place it again. Place your permit on the reader.');
  });

  it('tells the outcome and where the receipt is on the result screen', () => {
    expect(voiceCueFor(result('issued', 'printed'), 'zh-CN', zh)?.text).toBe('签注已办理成功。凭条已打印，请取走凭条。');
    expect(promptKeysFor(result('refunded', 'kept-for-staff'))).toEqual(['flow.result.refunded', 'flow.result.receiptKept']);
    expect(promptKeysFor(result('cancelled', null))).toEqual(['flow.result.cancelled']);
  });

  it('makes a retry a new cue but a repeated snapshot the same one', () => {
    const first = voiceCueFor(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }), 'zh-CN', zh)!;
    const again = voiceCueFor(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 }), 'zh-CN', zh)!;
    const second = voiceCueFor(flowView({ screen: 'insert-permit', attempt: 2, maxAttempts: 3 }), 'zh-CN', zh)!;
    expect(again.key).toBe(first.key);
    expect(second.key).not.toBe(first.key);
  });

  it('makes a language switch a new cue, in the new language', () => {
    const view = flowView({ screen: 'scan-code' }, { step: 'scan-code' });
    const chinese = voiceCueFor(view, 'zh-CN', zh)!;
    const english = voiceCueFor(view, 'en', en)!;
    expect(english.key).not.toBe(chinese.key);
    expect(english).toMatchObject({ language: 'en', text: 'Open the payment code on your phone and hold it to the scanner.' });
  });
});

describe('joinSentences', () => {
  it('ends each sentence once, in the language’s own punctuation', () => {
    expect(joinSentences(['已取消。', '请取走凭条'], 'zh-CN')).toBe('已取消。请取走凭条。');
    expect(joinSentences(['Cancelled.', 'Take the receipt', ' '], 'en')).toBe('Cancelled. Take the receipt.');
  });
});
