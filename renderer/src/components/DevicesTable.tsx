import type { MaintenanceInfo } from '../../../electron/bridge/kioskSnapshot.js';
import { pickText } from '../i18n/pickText.js';
import { useKiosk } from '../state/kioskContext.js';

export function DevicesTable({ devices }: { devices: MaintenanceInfo['devices'] }) {
  const { language, t, send } = useKiosk();
  return (
    <section className="maintenance-section" data-testid="maintenance-devices">
      <h2>{t('maint.devices')}</h2>
      {devices.length === 0 ? (
        <p className="muted">{t('maint.noDevices')}</p>
      ) : (
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('maint.colId')}</th>
              <th scope="col">{t('maint.colKind')}</th>
              <th scope="col">{t('maint.colBinding')}</th>
              <th scope="col">{t('maint.colState')}</th>
              <th scope="col">{t('maint.colFault')}</th>
              <th scope="col">{t('maint.colSimulated')}</th>
              <th scope="col">{t('maint.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id} data-device-id={device.id} data-device-state={device.state}>
                <td className="mono">{device.id}</td>
                <td>{t(`deviceKind.${device.kind}`)}</td>
                <td className="mono">{device.binding}</td>
                <td>
                  <span className={`device-state device-state-${device.state}`}>{t(`deviceState.${device.state}`)}</span>
                </td>
                <td>
                  {device.fault ? (
                    <>
                      {pickText(device.fault.message, language)} <span className="mono muted">({device.fault.code})</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{device.simulated ? t('maint.simulatedYes') : t('maint.simulatedNo')}</td>
                <td>
                  {device.kind !== 'camera' && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      data-testid={`device-test-${device.id}`}
                      onClick={() => send({ type: 'staff.testDevice', deviceId: device.id })}
                    >
                      {t('maint.testDevice')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
