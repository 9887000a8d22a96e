import type { LocalizedText } from '../../../../config/localizedText.js';
import type { DeviceKind } from '../../../../drivers/model/deviceStatus.js';
import type { FinalStatus, StepFault, StepPhase } from '../flowDefinition.js';

/**
 * The endorsement flow's steps as data: phase, timeout, devices and the faults the citizen may
 * see in each (a plain sentence and where the flow goes; the renderer adds the hall's help
 * phone). The flow definition adds the work and the transitions; the screen view reads this
 * table too, so both always agree.
 */

export const ENDORSEMENT_STEPS = [
  'start',
  'read-permit',
  'read-id-card',
  'capture-face',
  'compare-face',
  'staff-verify',
  'eligibility',
  'choose',
  'approval',
  'choose-payment',
  'scan-code',
  'charge',
  'settle-payment',
  'issue',
  'refund',
  'hand-off',
  'print-receipt',
  'rate',
  'record-rating',
  'done',
  'done-refunded',
  'staff-handoff',
  'refused',
  'cancelled',
] as const;
export type EndorsementStep = (typeof ENDORSEMENT_STEPS)[number];

export interface StepMeta {
  phase: StepPhase;
  timeoutMs: number | null;
  devices: readonly DeviceKind[];
  faults: Readonly<Record<string, StepFault>>;
  final?: FinalStatus;
}

const say = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const to = (next: EndorsementStep, message: LocalizedText): StepFault => ({ message, next });

const NOTHING_CHARGED = say('本次业务已结束，未收取任何费用。', 'This visit has ended and nothing was charged.');
const join = (first: LocalizedText, second: LocalizedText): LocalizedText => ({
  'zh-CN': first['zh-CN'] + second['zh-CN'],
  en: `${first.en} ${second.en}`,
});

const TIMED_OUT = to('cancelled', join(say('操作超时，', 'Time ran out.'), NOTHING_CHARGED));
const SYSTEM_ERROR = to('cancelled', join(say('本机出现故障，', 'Something went wrong on this machine.'), NOTHING_CHARGED));
const PLATFORM_UNAVAILABLE = to(
  'cancelled',
  join(say('暂时无法连接出入境办理系统，请稍后再试。', 'The exit-entry system cannot be reached. Please try again later.'), NOTHING_CHARGED),
);
const PLATFORM_REJECTED = to(
  'cancelled',
  join(say('出入境办理系统未受理本次申请。', 'The exit-entry system did not accept this application.'), NOTHING_CHARGED),
);
const IDENTITY_LOST = to('cancelled', say('证件信息已失效，请重新开始办理。', 'Your document details are no longer available. Please start again.'));

const readerFaults = (step: 'read-permit' | 'read-id-card', document: LocalizedText): Record<string, StepFault> => ({
  'read-failed': to(
    step,
    say(`未能读取${document['zh-CN']}，请取出后重新放好。`, `The ${document.en} could not be read. Please take it out and place it again.`),
  ),
  'too-many-attempts': to(
    'cancelled',
    say(`多次未能读取${document['zh-CN']}，请到人工窗口办理。`, `The ${document.en} could not be read after several tries. Please go to the counter.`),
  ),
  'reader-offline': to(
    'cancelled',
    say(`${document['zh-CN']}识读设备暂时无法使用，请到人工窗口办理。`, `The ${document.en} reader is not available. Please go to the counter.`),
  ),
  'timed-out': TIMED_OUT,
  'system-error': SYSTEM_ERROR,
});

const PAYMENT_FAULTS: Record<string, StepFault> = {
  'payment-declined': to(
    'choose-payment',
    say('支付未成功，未扣款。请换一种方式支付。', 'The payment did not go through and nothing was charged. Please try another way to pay.'),
  ),
  'payment-reversed': to(
    'choose-payment',
    say('支付结果未能确认，已撤销，未扣款。请重新支付。', 'The payment could not be confirmed, so it was cancelled and nothing was charged. Please pay again.'),
  ),
  'payment-not-sent': to(
    'choose-payment',
    say('支付服务暂时无法连接，未扣款。请换一种方式支付。', 'The payment service cannot be reached and nothing was charged. Please try another way to pay.'),
  ),
  'code-expired': to('choose-payment', say('付款码已失效，请重新扫码。', 'The payment code has expired. Please scan again.')),
  'payment-interrupted': to('choose-payment', say('支付被中断，未扣款，请重新支付。', 'The payment was interrupted and nothing was charged. Please pay again.')),
  'payment-unclear': to(
    'print-receipt',
    say(
      '支付结果无法确认。请持凭条到人工窗口，工作人员会为您核实并处理。',
      'The payment could not be confirmed. Please take the receipt to the counter; staff will check it and sort it out.',
    ),
  ),
};

const ACTIVE = { faults: {} } as const;

export const STEP_META: Readonly<Record<EndorsementStep, StepMeta>> = {
  start: { phase: 'before-payment', timeoutMs: null, devices: [], faults: { 'system-error': SYSTEM_ERROR } },
  'read-permit': {
    phase: 'before-payment',
    timeoutMs: 90_000,
    devices: ['permit-reader'],
    faults: {
      ...readerFaults('read-permit', say('通行证', 'permit')),
      'permit-expiring': to(
        'cancelled',
        say('您的通行证剩余有效期太短，不能办理签注，请先换发通行证。', 'Your permit has too little validity left to be endorsed. Please renew the permit first.'),
      ),
    },
  },
  'read-id-card': {
    phase: 'before-payment',
    timeoutMs: 90_000,
    devices: ['id-card-reader'],
    faults: {
      ...readerFaults('read-id-card', say('身份证', 'ID card')),
      'holder-mismatch': to(
        'cancelled',
        say('身份证与通行证不是同一人，请使用本人的证件。', 'The ID card and the permit do not belong to the same person. Please use your own documents.'),
      ),
      'identity-lost': IDENTITY_LOST,
    },
  },
  'capture-face': { phase: 'before-payment', timeoutMs: 60_000, devices: ['camera'], faults: { 'timed-out': TIMED_OUT } },
  'compare-face': {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: {
      'face-no-match': to(
        'capture-face',
        say('人脸比对未通过。请摘下帽子、眼镜和口罩，正对摄像头再试一次。', 'Your face did not match. Please take off any hat, glasses or mask, face the camera and try again.'),
      ),
      'face-attempts-exhausted': to(
        'staff-verify',
        say('人脸比对多次未通过，请联系工作人员协助核验身份。', 'Face comparison did not succeed. Please ask a member of staff to verify your identity.'),
      ),
      'face-service-unavailable': to(
        'capture-face',
        say('人脸比对暂时无法进行，请再试一次，或请工作人员协助核验。', 'Face comparison is not available right now. Please try again, or ask staff to verify you.'),
      ),
      'face-retake': to('capture-face', say('请再拍一次照片。', 'Please take the photo again.')),
      'identity-lost': IDENTITY_LOST,
    },
  },
  'staff-verify': { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  eligibility: {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: { 'platform-unavailable': PLATFORM_UNAVAILABLE, 'platform-rejected': PLATFORM_REJECTED, 'identity-lost': IDENTITY_LOST },
  },
  choose: { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  approval: {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: {
      'platform-unavailable': PLATFORM_UNAVAILABLE,
      'platform-rejected': PLATFORM_REJECTED,
      'fee-mismatch': to(
        'cancelled',
        join(
          say('应缴金额与本机公示的收费标准不一致，为保障您的权益已停止办理，请到人工窗口咨询。', 'The amount due does not match the fees shown on this machine, so the application was stopped. Please ask at the counter.'),
          NOTHING_CHARGED,
        ),
      ),
    },
  },
  'choose-payment': { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  'scan-code': {
    phase: 'before-payment',
    timeoutMs: 90_000,
    devices: ['payment-code-scanner'],
    faults: {
      'scan-failed': to('choose-payment', say('未能识别付款码，请重新选择支付方式。', 'The payment code could not be read. Please choose how to pay again.')),
      'timed-out': to('choose-payment', say('没有扫描到付款码，请重新选择支付方式。', 'No payment code was scanned. Please choose how to pay again.')),
    },
  },
  charge: { phase: 'paying', timeoutMs: null, devices: [], faults: PAYMENT_FAULTS },
  'settle-payment': { phase: 'paying', timeoutMs: null, devices: [], faults: PAYMENT_FAULTS },
  issue: {
    phase: 'after-payment',
    timeoutMs: null,
    devices: [],
    faults: {
      'issue-failed': to('refund', say('签注未能办理成功，费用将自动原路退回。', 'The endorsement could not be issued. The fee will be refunded automatically.')),
      'issue-unclear': to(
        'hand-off',
        say('签注结果暂时无法确认，请持凭条到人工窗口，工作人员会为您继续办理。', 'The endorsement result cannot be confirmed. Please take the receipt to the counter; staff will finish your case.'),
      ),
    },
  },
  refund: {
    phase: 'after-payment',
    timeoutMs: null,
    devices: [],
    faults: {
      'refund-impossible': to(
        'print-receipt',
        say('费用暂时无法自动退回，请持凭条到人工窗口，工作人员会为您办理退款。', 'The fee cannot be refunded automatically. Please take the receipt to the counter; staff will refund you.'),
      ),
    },
  },
  'hand-off': {
    phase: 'after-payment',
    timeoutMs: null,
    devices: [],
    faults: {
      'handed-to-staff': to(
        'print-receipt',
        say('请持凭条到人工窗口，工作人员会为您继续办理。', 'Please take the receipt to the counter; staff will finish your case.'),
      ),
    },
  },
  'print-receipt': {
    phase: 'after-payment',
    timeoutMs: 60_000,
    devices: ['receipt-printer'],
    faults: {
      'receipt-not-printed': to(
        'rate',
        say('凭条未能打印，已为您保存，请到人工窗口领取。', 'The receipt could not be printed. It has been kept for you: please collect it at the counter.'),
      ),
    },
  },
  rate: { phase: 'after-payment', timeoutMs: 60_000, devices: [], ...ACTIVE },
  'record-rating': { phase: 'after-payment', timeoutMs: null, devices: [], ...ACTIVE },
  done: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'completed' },
  'done-refunded': { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'compensated' },
  'staff-handoff': { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'handed-to-staff' },
  refused: { phase: 'before-payment', timeoutMs: null, devices: [], faults: {}, final: 'cancelled' },
  cancelled: { phase: 'before-payment', timeoutMs: null, devices: [], faults: {}, final: 'cancelled' },
};

export function isEndorsementStep(step: string): step is EndorsementStep {
  return (ENDORSEMENT_STEPS as readonly string[]).includes(step);
}
