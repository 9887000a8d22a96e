import type { MaintenanceInfo } from '../../../electron/bridge/kioskSnapshot.js';
import { ConfigProblemsTable } from '../components/ConfigProblemsTable.js';
import { DeviceActionBanner } from '../components/DeviceActionBanner.js';
import { DevicesTable } from '../components/DevicesTable.js';
import { PlatformLinkPanel } from '../components/PlatformLinkPanel.js';
import { PrintJobsList } from '../components/PrintJobsList.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { SystemNoticesList } from '../components/SystemNoticesList.js';
import { TrainingPanel } from '../components/TrainingPanel.js';
import { useKiosk } from '../state/kioskContext.js';

/** Staff only: denser than the citizen screens, but every control is still a full-size touch target. */
export function MaintenanceScreen({ info }: { info: MaintenanceInfo }) {
  const { snapshot, t, send } = useKiosk();
  const inService = snapshot.terminal.inService;
  const blockers = info.returnToServiceBlockers;
  // The button follows the staff switch, not inService: outside operating hours or with a
  // broken config the terminal is out of service without staff having taken it out.
  const takenOutByStaff = info.manualOutOfService;

  return (
    <div className="screen staff-screen maintenance-screen" data-testid="screen-maintenance">
      <ScreenHeader title={t('maint.title')}>
        <button type="button" className="button button-exit" data-testid="maintenance-exit" onClick={() => send({ type: 'staff.exit' })}>
          {t('maint.exit')}
        </button>
      </ScreenHeader>
      <main className="screen-body maintenance-body">
        <section className="maintenance-section">
          <dl className="fact-list">
            <dt>{t('maint.terminalId')}</dt>
            <dd className="mono">{info.terminalId}</dd>
            <dt>{t('maint.status')}</dt>
            <dd>
              <span className={inService ? 'status-pill status-ok' : 'status-pill status-stopped'}>
                {inService ? t('maint.inService') : t('maint.outOfService')}
              </span>
              {!inService && (
                <ul className="maintenance-reasons" data-testid="maintenance-reasons">
                  {snapshot.terminal.outOfServiceReasons.map((reason, index) => (
                    <li key={index}>{reason}</li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('maint.versions')}</dt>
            <dd className="mono">
              {Object.entries(info.versions).map(([component, version]) => (
                <div key={component}>
                  {component} {version}
                </div>
              ))}
            </dd>
            <dt>{t('maint.dataDirectory')}</dt>
            <dd className="mono">{info.dataDirectory}</dd>
            <dt>{t('maint.configSources')}</dt>
            <dd className="mono">
              {info.configSources.map((source) => (
                <div key={source}>{source}</div>
              ))}
            </dd>
          </dl>
        </section>

        <section className="maintenance-section maintenance-actions">
          {!takenOutByStaff ? (
            <button
              type="button"
              className="button button-warning"
              data-testid="maintenance-out-of-service"
              onClick={() => send({ type: 'staff.setOutOfService' })}
            >
              {t('maint.takeOutOfService')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              data-testid="maintenance-return-to-service"
              disabled={blockers.length > 0}
              onClick={() => send({ type: 'staff.returnToService' })}
            >
              {t('maint.returnToService')}
            </button>
          )}
          <button type="button" className="button button-secondary" data-testid="maintenance-reset" onClick={() => send({ type: 'staff.resetTerminal' })}>
            {t('maint.reset')}
          </button>
          {takenOutByStaff && blockers.length > 0 && (
            <div className="blockers" data-testid="maintenance-blockers">
              <p>{t('maint.blockersHeading')}</p>
              <ul>
                {blockers.map((blocker, index) => (
                  <li key={index}>{blocker}</li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <DeviceActionBanner report={info.lastDeviceAction} />
        <DevicesTable devices={info.devices} />
        <SystemNoticesList notices={info.notices} />
        <PlatformLinkPanel link={info.platform} />
        <PrintJobsList jobs={info.printJobs} />
        <TrainingPanel devices={info.training} />
        <ConfigProblemsTable problems={info.configProblems} />
      </main>
    </div>
  );
}
