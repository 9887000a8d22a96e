import type { MessageKey } from '../i18n/translate.js';
import type { FlowView } from './flowViewTypes.js';

/** The four stages a citizen can tell apart, for the "step 2 of 4" band at the top. */
export const FLOW_STAGES: readonly MessageKey[] = ['flow.stage.identify', 'flow.stage.choose', 'flow.stage.pay', 'flow.stage.finish'];

const IDENTIFY = 0;
const CHOOSE = 1;
const PAY = 2;
const FINISH = 3;

/** Which stage (index into FLOW_STAGES) the view belongs to. */
export function stageIndexOf(view: FlowView): number {
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
          return PAY;
        default:
          return FINISH;
      }
  }
}
