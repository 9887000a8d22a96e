import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';
import type { FlowView } from './flowViewTypes.js';

/** What went wrong, in a plain sentence, with the hall's help phone right under it. */
export function FaultNotice({ fault }: { fault: NonNullable<FlowView['fault']> }) {
  const { snapshot, language, t } = useKiosk();
  return (
    <div className="flow-fault" role="alert" data-testid="flow-fault" data-fault-code={fault.code}>
      <p className="flow-fault-message">{pickText(fault.message, language)}</p>
      {fault.detail && <p className="flow-fault-detail">{pickText(fault.detail, language)}</p>}
      <p className="flow-fault-help">
        <span className="help-phone-icon" aria-hidden="true">
          ☎
        </span>
        {t('flow.faultHelp', { phone: snapshot.terminal.helpPhone })}
      </p>
    </div>
  );
}
