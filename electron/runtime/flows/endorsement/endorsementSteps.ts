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
  to,
  TIMED_OUT,
  type StepMeta,
} from '../shared/sharedSteps.js';

export type { StepMeta } from '../shared/sharedSteps.js';

/**
 * The endorsement flow's steps as data: phase, timeout, devices and the faults the citizen may
 * see in each (a plain sentence and where the flow goes; the renderer adds the hall's help
 * phone). The steps every flow shares (face, paying, refund, receipt, rating) come from
 * shared/sharedSteps.ts. The flow definition adds the work and the transitions; the screen
 * view reads this table too, so both always agree.
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
  'show-qr',
  'cancel-qr',
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

const PLATFORM_FAULTS = platformFaults(say('出入境办理系统', 'exit-entry system'));

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
  ...FACE_STEP_META,
  eligibility: {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: { ...PLATFORM_FAULTS, 'identity-lost': IDENTITY_LOST },
  },
  choose: { phase: 'before-payment', timeoutMs: 120_000, devices: [], faults: { 'timed-out': TIMED_OUT } },
  approval: {
    phase: 'before-payment',
    timeoutMs: 30_000,
    devices: [],
    faults: {
      ...PLATFORM_FAULTS,
      'fee-mismatch': to(
        'cancelled',
        join(
          say('应缴金额与本机公示的收费标准不一致，为保障您的权益已停止办理，请到人工窗口咨询。', 'The amount due does not match the fees shown on this machine, so the application was stopped. Please ask at the counter.'),
          NOTHING_CHARGED,
        ),
      ),
    },
  },
  ...PAYING_STEP_META,
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
  ...CLOSING_STEP_META,
  refused: CANCELLED_STEP_META,
  cancelled: CANCELLED_STEP_META,
};

export function isEndorsementStep(step: string): step is EndorsementStep {
  return (ENDORSEMENT_STEPS as readonly string[]).includes(step);
}
