import { describe, expect, it } from 'vitest';
import type { FlowOnScreen } from '../../../../renderer/src/flow/flowViewTypes.js';
import { translatorFor } from '../../../../renderer/src/i18n/translate.js';
import { joinSentences, promptsFor, voiceCueFor } from '../../../../renderer/src/voice/voicePrompts.js';
import { endorsementFlow, flowView, foundCase, propertyFlow, propertyView, RATE_LEVELS, TAXES } from '../flow/sampleFlowViews.js';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');

const result = (outcome: 'issued' | 'refunded' | 'handed-to-staff' | 'refused' | 'cancelled', receipt: 'printed' | 'kept-for-staff' | null) =>
  endorsementFlow(flowView({ screen: 'result', outcome, reasons: [], endorsements: [], receipt }, { step: 'done', phase: 'after-payment', canCancel: false }));

const PAID = { phase: 'after-payment', canCancel: false } as const;

function propertyResult(outcome: 'accepted' | 'parties-missing', receipt: 'printed' | null): FlowOnScreen {
  return propertyFlow(
    propertyView(
      { screen: 'result', outcome, reasons: [], missingPartyIds: [], acceptanceNumber: null, expectedCompletionDate: null, delivery: null, receipt },
      { ...foundCase(null), step: 'done', ...PAID },
    ),
  );
}

describe('voice prompts', () => {
  it('has one instruction for every endorsement screen that waits for the citizen', () => {
    const screens: Array<[FlowOnScreen, string]> = [
      [endorsementFlow(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 })), '请将通行证放在识读区'],
      [endorsementFlow(flowView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, { step: 'read-id-card' })), '请将身份证放在读卡区'],
      [endorsementFlow(flowView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true }, { step: 'capture-face' })), '请正对摄像头，然后点“拍照”'],
      [endorsementFlow(flowView({ screen: 'staff-verify' }, { step: 'staff-verify' })), '请工作人员输入密码，核验您的身份'],
      [endorsementFlow(flowView({ screen: 'choose-payment', items: [], methods: ['payment-code'], withheld: [] }, { step: 'choose-payment' })), '请选择支付方式'],
      [endorsementFlow(flowView({ screen: 'scan-code' }, { step: 'scan-code' })), '请打开手机付款码，对准扫码窗口'],
      [endorsementFlow(flowView({ screen: 'rate', outcome: 'issued', receipt: 'printed', levels: [...RATE_LEVELS], badReasons: [] }, { step: 'rate', ...PAID })), '请对本次服务进行评价'],
    ];
    for (const [flow, words] of screens) {
      expect(voiceCueFor(flow, 'zh-CN', zh)?.text, flow.view.screen).toBe(`${words}。`);
    }
  });

  it('has one instruction for every property screen that waits for the citizen, naming the party by role', () => {
    const screens: Array<[FlowOnScreen, string, string]> = [
      [propertyFlow(propertyView({ screen: 'find-case', attempt: 1, maxAttempts: 3 })), '请输入网签合同备案号或受理编号', 'Enter the contract filing number or the case number'],
      [propertyFlow(propertyView({ screen: 'review-case', taxes: [...TAXES] }, foundCase(null))), '请核对房屋和各方当事人信息', 'Check the property and everyone on the case'],
      [propertyFlow(propertyView({ screen: 'insert-id-card', attempt: 1, maxAttempts: 3 }, foundCase('B1'))), '请买方将本人身份证放在读卡区', 'Buyer: place your own ID card on the reader'],
      [propertyFlow(propertyView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true }, foundCase('B1'))), '请正对摄像头，然后点“拍照”', 'Look at the camera, then touch "Take photo"'],
      [propertyFlow(propertyView({ screen: 'staff-verify' }, foundCase('B1'))), '请工作人员输入密码，核验您的身份', 'A member of staff will enter their PIN to verify your identity'],
      [propertyFlow(propertyView({ screen: 'sign' }, foundCase('B2'))), '请共有人在下方框内签名', 'Co-owner: sign in the box below'],
      [
        propertyFlow(propertyView({ screen: 'review-fees', taxes: [...TAXES], fees: [], extraCertificates: { chosen: 0, max: 5, unitFen: 1000 } }, foundCase(null))),
        '请确认费用',
        'Check the fees',
      ],
      [propertyFlow(propertyView({ screen: 'choose-payment', items: [], methods: ['bank-card'], withheld: [] }, foundCase(null))), '请选择支付方式', 'Choose how to pay'],
      [propertyFlow(propertyView({ screen: 'scan-code' }, { ...foundCase(null), phase: 'paying', canCancel: false })), '请打开手机付款码，对准扫码窗口', 'Open the payment code on your phone and hold it to the scanner'],
      [propertyFlow(propertyView({ screen: 'choose-delivery', options: [], mortgageProof: null }, { ...foundCase(null), ...PAID })), '请选择领证方式', 'Choose how to receive the certificate'],
      [
        propertyFlow(propertyView({ screen: 'rate', outcome: 'accepted', receipt: null, levels: [...RATE_LEVELS], badReasons: [] }, { ...foundCase(null), ...PAID })),
        '请对本次服务进行评价',
        'Please rate this service',
      ],
    ];
    for (const [flow, chinese, english] of screens) {
      expect(voiceCueFor(flow, 'zh-CN', zh)?.text, flow.view.screen).toBe(`${chinese}。`);
      expect(voiceCueFor(flow, 'en', en)?.text, flow.view.screen).toBe(`${english}.`);
    }
  });

  it('says when there is nothing to choose instead of asking to choose', () => {
    const none = endorsementFlow(flowView({ screen: 'choose-endorsement', choices: [], refused: [] }, { step: 'choose' }));
    expect(promptsFor(none, zh)).toEqual(['您目前没有可在本机办理的签注，请到人工窗口咨询']);
  });

  it('keeps quiet on busy screens unless something went wrong', () => {
    expect(voiceCueFor(endorsementFlow(flowView({ screen: 'busy', activity: 'issuing' }, { step: 'issue', ...PAID })), 'zh-CN', zh)).toBeNull();
    expect(voiceCueFor(propertyFlow(propertyView({ screen: 'busy', activity: 'looking-up-case' })), 'zh-CN', zh)).toBeNull();
    const refunding = endorsementFlow(
      flowView(
        { screen: 'busy', activity: 'refunding' },
        {
          step: 'refund',
          ...PAID,
          fault: { code: 'issue-failed', message: { 'zh-CN': '签注未能办理成功，费用将自动原路退回。', en: 'The endorsement could not be issued. The fee will be refunded automatically.' }, detail: null },
        },
      ),
    );
    expect(voiceCueFor(refunding, 'en', en)?.text).toBe('The endorsement could not be issued. The fee will be refunded automatically.');
  });

  it('says the fault first, then what to do now', () => {
    const retry = endorsementFlow(
      flowView(
        { screen: 'insert-permit', attempt: 2, maxAttempts: 3 },
        { fault: { code: 'read-failed', message: { 'zh-CN': '未能读取通行证，请取出后重新放好。', en: 'The permit could not be read. Please take it out and place it again.' }, detail: null } },
      ),
    );
    expect(voiceCueFor(retry, 'zh-CN', zh)?.text).toBe('未能读取通行证，请取出后重新放好。请将通行证放在识读区。');
    expect(voiceCueFor(retry, 'en', en)?.text).toBe('The permit could not be read. Please take it out and place it again. Place your permit on the reader.');
    const notFound = propertyFlow(
      propertyView(
        { screen: 'find-case', attempt: 2, maxAttempts: 3 },
        { fault: { code: 'case-not-found', message: { 'zh-CN': '未查到该编号的案件，请核对后重新输入。', en: 'No case has that number. Please check it and try again.' }, detail: null } },
      ),
    );
    expect(voiceCueFor(notFound, 'zh-CN', zh)?.text).toBe('未查到该编号的案件，请核对后重新输入。请输入网签合同备案号或受理编号。');
  });

  it('tells the outcome and where the receipt is on the result screen', () => {
    expect(voiceCueFor(result('issued', 'printed'), 'zh-CN', zh)?.text).toBe('签注已办理成功。凭条已打印，请取走凭条。');
    expect(promptsFor(result('refunded', 'kept-for-staff'), en)).toEqual([
      'The endorsement could not be issued. Your fee has been refunded automatically.',
      'The receipt could not be printed. It has been kept for you at the counter.',
    ]);
    expect(promptsFor(result('cancelled', null), zh)).toEqual(['已取消办理，未收取任何费用']);
    expect(voiceCueFor(propertyResult('accepted', 'printed'), 'zh-CN', zh)?.text).toBe('登记申请已受理。凭条已打印，请取走凭条。');
    expect(voiceCueFor(propertyResult('parties-missing', null), 'en', en)?.text).toBe('Not everyone was here. Nothing was done and nothing was charged.');
  });

  it('makes a retry a new cue but a repeated snapshot the same one', () => {
    const first = voiceCueFor(endorsementFlow(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 })), 'zh-CN', zh)!;
    const again = voiceCueFor(endorsementFlow(flowView({ screen: 'insert-permit', attempt: 1, maxAttempts: 3 })), 'zh-CN', zh)!;
    const second = voiceCueFor(endorsementFlow(flowView({ screen: 'insert-permit', attempt: 2, maxAttempts: 3 })), 'zh-CN', zh)!;
    expect(again.key).toBe(first.key);
    expect(second.key).not.toBe(first.key);
  });

  it('makes the next party’s turn a new cue even when the words are the same', () => {
    const photo = (partyId: string) =>
      voiceCueFor(propertyFlow(propertyView({ screen: 'capture-face', attemptsLeft: 3, staffPathOffered: true }, { ...foundCase(partyId), step: 'capture-face' })), 'zh-CN', zh)!;
    expect(photo('B1').text).toBe(photo('B2').text);
    expect(photo('B1').key).not.toBe(photo('B2').key);
    expect(photo('B1').key).toBe(photo('B1').key);
  });

  it('makes a language switch a new cue, in the new language', () => {
    const flow = endorsementFlow(flowView({ screen: 'scan-code' }, { step: 'scan-code' }));
    const chinese = voiceCueFor(flow, 'zh-CN', zh)!;
    const english = voiceCueFor(flow, 'en', en)!;
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
