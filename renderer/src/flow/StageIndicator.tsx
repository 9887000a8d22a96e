import { useKiosk } from '../state/kioskContext.js';
import { FLOW_STAGES, stageIndexOf } from './flowStages.js';
import type { FlowView } from './flowViewTypes.js';

/** "Where am I": the four stages, the current one highlighted. */
export function StageIndicator({ view }: { view: FlowView }) {
  const { t } = useKiosk();
  const current = stageIndexOf(view);
  return (
    <ol className="flow-stages" aria-label={t('flow.stageOf', { current: current + 1, total: FLOW_STAGES.length })}>
      {FLOW_STAGES.map((key, index) => (
        <li
          key={key}
          className={index === current ? 'flow-stage flow-stage-current' : index < current ? 'flow-stage flow-stage-done' : 'flow-stage'}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="flow-stage-number" aria-hidden="true">
            {index + 1}
          </span>
          <span className="flow-stage-name">{t(key)}</span>
        </li>
      ))}
    </ol>
  );
}
