import type { TrainingDevice } from '../../../electron/bridge/kioskSnapshot.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

/** Staff training and demos: play a citizen's action or a fault on a simulated device. */
export function TrainingPanel({ devices }: { devices: TrainingDevice[] }) {
  const { language, t, send } = useKiosk();
  if (devices.length === 0) return null;
  return (
    <section className="maintenance-section" data-testid="maintenance-training">
      <h2>{t('maint.training')}</h2>
      <p className="muted">{t('maint.trainingHint')}</p>
      {devices.map((device) => (
        <div key={device.deviceId} className="training-device" data-training-device={device.deviceId}>
          <h3 className="mono">{device.deviceId}</h3>
          <div className="button-row">
            {device.actions.map(({ label, action }, index) => (
              <button
                key={index}
                type="button"
                className="button button-secondary button-small"
                data-testid={`simulate-${device.deviceId}-${index}`}
                data-action={action.action}
                onClick={() => send({ type: 'staff.simulateDevice', deviceId: device.deviceId, action })}
              >
                {pickText(label, language)}
              </button>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
