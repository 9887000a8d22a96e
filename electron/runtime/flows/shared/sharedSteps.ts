import type { LocalizedText } from '../../../../config/localizedText.js';
import type { DeviceKind } from '../../../../drivers/model/deviceStatus.js';
import type { FinalStatus, StepFault, StepPhase } from '../flowDefinition.js';

/**
 * The step table's shared part: the steps every citizen flow has (face or staff
 * verification, paying, refund and hand-off, receipt, rating, the common endings) with their
 * phase, timeout, devices and the faults the citizen may see (a plain sentence in both
 * languages and where the flow goes). Each flow's table adds its own steps around these.
 */

export interface StepMeta {
  phase: StepPhase;
  timeoutMs: number | null;
  devices: readonly DeviceKind[];
  faults: Readonly<Record<string, StepFault>>;
  final?: FinalStatus;
}

export const say = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
export const to = (next: string, message: LocalizedText): StepFault => ({ message, next });
export const join = (first: LocalizedText, second: LocalizedText): LocalizedText => ({
  'zh-CN': first['zh-CN'] + second['zh-CN'],
  en: `${first.en} ${second.en}`,
});

export const NOTHING_CHARGED = say('本次业务已结束，未收取任何费用。', 'This visit has ended and nothing was charged.');
export const TIMED_OUT = to('cancelled', join(say('操作超时，', 'Time ran out.'), NOTHING_CHARGED));
export const SYSTEM_ERROR = to('cancelled', join(say('本机出现故障，', 'Something went wrong on this machine.'), NOTHING_CHARGED));
export const IDENTITY_LOST = to('cancelled', say('证件信息已失效，请重新开始办理。', 'Your document details are no longer available. Please start again.'));

/** The faults of a step that calls the service's platform before payment (`system` names it: 出入境办理系统). */
export const platformFaults = (system: LocalizedText): Record<'platform-unavailable' | 'platform-rejected', StepFault> => ({
  'platform-unavailable': to(
    'cancelled',
    join(say(`暂时无法连接${system['zh-CN']}，请稍后再试。`, `The ${system.en} cannot be reached. Please try again later.`), NOTHING_CHARGED),
  ),
  'platform-rejected': to('cancelled', join(say(`${system['zh-CN']}未受理本次申请。`, `The ${system.en} did not accept this application.`), NOTHING_CHARGED)),
});

/** The faults of a step that reads a document on a reader. */
export const readerFaults = (step: string, document: LocalizedText): Record<string, StepFault> => ({
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

/** Identity by face or staff. */
export const FACE_STEP_META: Readonly<Record<'capture-face' | 'compare-face' | 'staff-verify', StepMeta>> = {
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
};

/** A shown QR code taken back: why, and what the citizen does next (nothing was charged). */
const QR_WITHDRAWN_FAULTS: Record<string, StepFault> = {
  'qr-cancelled': to('choose-payment', say('已取消扫码支付，未扣款。请重新选择支付方式。', 'The QR payment was cancelled and nothing was charged. Please choose how to pay again.')),
  'qr-expired': to(
    'choose-payment',
    say('二维码已过期，未扣款。请重新选择支付方式。', 'The QR code has expired and nothing was charged. Please choose how to pay again.'),
  ),
  'session-ended': to('cancelled', join(say('二维码已撤销，', 'The QR code was withdrawn.'), NOTHING_CHARGED)),
};

/** Choosing a method, scanning a code or showing one for the phone, and taking the money. */
export const PAYING_STEP_META: Readonly<Record<'choose-payment' | 'scan-code' | 'charge' | 'settle-payment' | 'show-qr' | 'cancel-qr', StepMeta>> = {
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
  // 'session-ended': a QR order the citizen left during, which came to nothing.
  charge: { phase: 'paying', timeoutMs: null, devices: [], faults: { ...PAYMENT_FAULTS, 'session-ended': QR_WITHDRAWN_FAULTS['session-ended']! } },
  'settle-payment': { phase: 'paying', timeoutMs: null, devices: [], faults: { ...PAYMENT_FAULTS, 'session-ended': QR_WITHDRAWN_FAULTS['session-ended']! } },
  // The code's own expiry (capped by the terminal's QR window) ends the wait, not a step timeout.
  'show-qr': { phase: 'paying', timeoutMs: null, devices: [], faults: { ...PAYMENT_FAULTS, 'qr-expired': QR_WITHDRAWN_FAULTS['qr-expired']! } },
  'cancel-qr': { phase: 'paying', timeoutMs: null, devices: [], faults: { ...PAYMENT_FAULTS, ...QR_WITHDRAWN_FAULTS } },
};

/** Whether money is taken in `step` (charge, settle, and the QR code's wait and withdrawal): leaving one for the service means the case is paid. */
export function isPayingStep(step: string): boolean {
  return Object.hasOwn(PAYING_STEP_META, step) && PAYING_STEP_META[step as keyof typeof PAYING_STEP_META].phase === 'paying';
}

/** After payment: refund or hand-off, receipt, rating, and the endings of a paid case. */
export const CLOSING_STEP_META: Readonly<
  Record<'refund' | 'hand-off' | 'print-receipt' | 'rate' | 'record-rating' | 'done' | 'done-refunded' | 'staff-handoff', StepMeta>
> = {
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
  rate: { phase: 'after-payment', timeoutMs: 60_000, devices: [], faults: {} },
  'record-rating': { phase: 'after-payment', timeoutMs: null, devices: [], faults: {} },
  done: { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'completed' },
  'done-refunded': { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'compensated' },
  'staff-handoff': { phase: 'after-payment', timeoutMs: null, devices: [], faults: {}, final: 'handed-to-staff' },
};

/** The visit ended before payment. */
export const CANCELLED_STEP_META: StepMeta = { phase: 'before-payment', timeoutMs: null, devices: [], faults: {}, final: 'cancelled' };
