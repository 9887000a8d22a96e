import { useKiosk } from '../state/kioskContext.js';
import { stagesOf } from './flowStages.js';
import type { FlowOnScreen } from './flowViewTypes.js';

/** "Where am I": the flow's four stages, the current one highlighted. */
export function StageIndicator({ flow }: { flow: FlowOnScreen }) {
  const { t } = useKiosk();
  const { stages, current } = stagesOf(flow);
  return (
    <ol className="flow-stages" aria-label={t('flow.stageOf', { current: current + 1, total: stages.length })}>
      {stages.map((key, index) => (
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
