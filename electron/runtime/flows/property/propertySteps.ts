import {
  CANCELLED_STEP_META,
  CLOSING_STEP_META,
  FACE_STEP_META,
  IDENTITY_LOST,
  join,
  NOTHING_CHARGED,
  PAYING_STEP_META,
  platformFaults,
  readerFaults,
  say,
  SYSTEM_ERROR,
  TIMED_OUT,
  to,
  type StepMeta,
} from '../shared/sharedSteps.js';

/**
 * The property-transfer flow's steps as data: phase, timeout, devices and the faults the
 * citizen may see in each (a plain sentence in both languages and where the flow goes). The
 * steps every flow shares (face, paying, refund, receipt, rating) come from
 * shared/sharedSteps.ts. The flow definition adds the work and transitions; the view reads
 * this table too.
 */

export const PROPERTY_STEPS = [
  'start',
  'find-case',
  'lookup-case',
  'review-case',
  'insert-id-card',
  'capture-face',
  'compare-face',
  'staff-verify',
  'verify-party',
  'sign',
  'review-fees',
  'choose-payment',
  'scan-code',
  'charge',
  'settle-payment',
  'show-qr',
  'cancel-qr',
  'submit',
  'delivery-options',
  'choose-delivery',
  'arrange-delivery',
  'refund',
  'hand-off',
  'print-receipt',
  'rate',
  'record-rating',
  'done',
  'done-refunded',
  'staff-handoff',
  'refused',
  'parties-missing',
  'cancelled',
] as const;
export type PropertyStep = (typeof PROPERTY_STEPS)[number];

/** The steps where a party is asked to do something (and may turn out not to be there). */
export const PARTY_STEPS: ReadonlySet<PropertyStep> = new Set(['insert-id-card', 'capture-face', 'compare-face', 'staff-verify', 'verify-party', 'sign']);

const PLATFORM_FAULTS = platformFaults(say('不动产登记系统', 'real-estate registration system'));
const PARTY_ABSENT = to(
  'parties-missing',
  say(
    '有当事人不在场，本次不能办理，未收取任何费用。请全部当事人到齐后再来办理。',
    'Not every party is here, so the application cannot go ahead; nothing was charged. Please come back with every party.',
  ),
);
const NOT_THIS_PARTY = say(
  '这张身份证不属于当前需要核验的当事人，请由屏幕上提示的当事人本人放置身份证。',
  'This ID card does not belong to the party being verified. Please have the party named on the screen place their own card.',
);
const TOO_MANY_CARDS = to(
  'cancelled',
  join(say('多次未能核对当事人的身份证，请到人工窗口办理。', 'The party’s ID card could not be matched after several tries. Please go to the counter.'), NOTHING_CHARGED),
);
const DELIVERY_NOT_ARRANGED = to(
  'print-receipt',
  say(
    '申请已受理，但未能在本机选定领证方式。请持凭条到人工窗口选择领证方式。',
    'The application was accepted, but the way to receive the certificate could not be arranged here. Please take the receipt to the counter to arrange it.',
  ),
);

const withPartyAbsent = (meta: StepMeta): StepMeta => ({ ...meta, faults: { ...meta.faults, 'party-absent': PARTY_ABSENT } });

export const STEP_META: Readonly<Record<PropertyStep, StepMeta>> = {
  start: { phase: 'before-payment', timeoutMs: null, devices: [], faults: { 'system-error': SYSTEM_ERROR } },
  'find-case': { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  'lookup-case': {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: {
      'case-not-found': to(
        'find-case',
        say('未找到该办件，请核对网签合同备案号或受理编号后重新输入。', 'No case has this number. Please check the contract filing number or case number and type it again.'),
      ),
      'case-already-accepted': to(
        'find-case',
        say('该办件已经受理，无需再次申请。如有疑问请到人工窗口咨询。', 'This case has already been accepted; there is nothing more to apply for. Please ask at the counter if in doubt.'),
      ),
      'too-many-attempts': to(
        'cancelled',
        join(say('多次未能找到可办理的办件，请到人工窗口咨询。', 'No case that can be applied for was found after several tries. Please ask at the counter.'), NOTHING_CHARGED),
      ),
      ...PLATFORM_FAULTS,
    },
  },
  'review-case': { phase: 'before-payment', timeoutMs: 180_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  'insert-id-card': {
    phase: 'before-payment',
    timeoutMs: 90_000,
    devices: ['id-card-reader'],
    faults: {
      ...readerFaults('insert-id-card', say('身份证', 'ID card')),
      'card-not-this-party': to('insert-id-card', NOT_THIS_PARTY),
      'too-many-cards': TOO_MANY_CARDS,
      'party-absent': PARTY_ABSENT,
    },
  },
  ...FACE_STEP_META,
  'capture-face': withPartyAbsent(FACE_STEP_META['capture-face']),
  'staff-verify': withPartyAbsent(FACE_STEP_META['staff-verify']),
  'verify-party': {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: {
      'card-not-this-party': to('insert-id-card', NOT_THIS_PARTY),
      'too-many-cards': TOO_MANY_CARDS,
      'party-not-verified': to(
        'capture-face',
        say('身份核验未通过，请重新拍照核验，或请工作人员协助核验。', 'The identity check did not pass. Please take the photo again, or ask staff to verify you.'),
      ),
      ...PLATFORM_FAULTS,
      'identity-lost': IDENTITY_LOST,
    },
  },
  sign: { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT, 'party-absent': PARTY_ABSENT } },
  'review-fees': { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  ...PAYING_STEP_META,
  submit: {
    phase: 'after-payment',
    timeoutMs: null,
    devices: [],
    faults: {
      'submission-refused': to(
        'refund',
        say('不动产登记机构未受理本次申请，费用将自动原路退回。', 'The registration office did not accept the application. The fee will be refunded automatically.'),
      ),
      'submit-unclear': to(
        'hand-off',
        say('申请结果暂时无法确认，请持凭条到人工窗口，工作人员会为您继续办理。', 'The result of the application cannot be confirmed. Please take the receipt to the counter; staff will finish your case.'),
      ),
    },
  },
  'delivery-options': { phase: 'after-payment', timeoutMs: null, devices: [], faults: { 'delivery-not-arranged': DELIVERY_NOT_ARRANGED } },
  'choose-delivery': {
    phase: 'after-payment',
    timeoutMs: 120_000,
    devices: [],
    faults: {
      'delivery-chosen-for-you': to(
        'arrange-delivery',
        say(
          '您没有选择领证方式，已为您选择默认方式（可以时为窗口领取），详见凭条。',
          'No way to receive the certificate was chosen, so the default was arranged (the counter where offered); the receipt says which.',
        ),
      ),
    },
  },
  'arrange-delivery': { phase: 'after-payment', timeoutMs: null, devices: [], faults: { 'delivery-not-arranged': DELIVERY_NOT_ARRANGED } },
  ...CLOSING_STEP_META,
  refused: CANCELLED_STEP_META,
  'parties-missing': CANCELLED_STEP_META,
  cancelled: CANCELLED_STEP_META,
};

export function isPropertyStep(step: string): step is PropertyStep {
  return (PROPERTY_STEPS as readonly string[]).includes(step);
}
