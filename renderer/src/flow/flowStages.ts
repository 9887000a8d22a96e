import type { MessageKey } from '../i18n/translate.js';
import type { EndorsementView, FlowKind, FlowOnScreen, PropertyView } from './flowViewTypes.js';

/** The four stages a citizen can tell apart in each flow, for the "step 2 of 4" band at the top. */
export const FLOW_STAGES: Readonly<Record<FlowKind, readonly MessageKey[]>> = {
  'exit-entry-endorsement': ['flow.stage.identify', 'flow.stage.choose', 'flow.stage.pay', 'flow.stage.finish'],
  'property-transfer': ['property.stage.find', 'property.stage.verify', 'property.stage.pay', 'property.stage.collect'],
};

const IDENTIFY = 0;
const CHOOSE = 1;
const PAY = 2;
const FINISH = 3;

function endorsementStage(view: EndorsementView): number {
  switch (view.screen) {
    case 'insert-permit':
    case 'insert-id-card':
    case 'capture-face':
    case 'staff-verify':
      return IDENTIFY;
    case 'choose-endorsement':
      return CHOOSE;
    case 'choose-payment':
    case 'scan-code':
    case 'show-qr':
      return PAY;
    case 'rate':
    case 'result':
      return FINISH;
    case 'busy':
      switch (view.activity) {
        case 'starting':
        case 'comparing-face':
        case 'checking-eligibility':
          return IDENTIFY;
        case 'requesting-approval':
          return CHOOSE;
        case 'paying':
        case 'confirming-payment':
        case 'cancelling-payment':
          return PAY;
        default:
          return FINISH;
      }
  }
}

const FIND = 0;
const VERIFY_AND_SIGN = 1;
const PAY_FEES = 2;
const COLLECT = 3;

function propertyStage(view: PropertyView): number {
  switch (view.screen) {
    case 'find-case':
    case 'review-case':
      return FIND;
    case 'insert-id-card':
    case 'capture-face':
    case 'staff-verify':
    case 'sign':
      return VERIFY_AND_SIGN;
    case 'review-fees':
    case 'choose-payment':
    case 'scan-code':
    case 'show-qr':
      return PAY_FEES;
    case 'choose-delivery':
    case 'rate':
    case 'result':
      return COLLECT;
    case 'busy':
      switch (view.activity) {
        case 'starting':
        case 'looking-up-case':
          return FIND;
        case 'comparing-face':
        case 'verifying-party':
          return VERIFY_AND_SIGN;
        case 'paying':
        case 'confirming-payment':
        case 'cancelling-payment':
          return PAY_FEES;
        case 'submitting':
          // Submitted before the fees are paid, the case is still on its way to the payment.
          return view.phase === 'before-payment' ? PAY_FEES : COLLECT;
        default:
          return COLLECT;
      }
  }
}

/** The flow's stages and which of them (an index) the view belongs to. */
export function stagesOf(flow: FlowOnScreen): { stages: readonly MessageKey[]; current: number } {
  const current = flow.kind === 'exit-entry-endorsement' ? endorsementStage(flow.view) : propertyStage(flow.view);
  return { stages: FLOW_STAGES[flow.kind], current };
}
